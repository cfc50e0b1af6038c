import type { DrillState } from '../../api/index.js';

const TONE: Partial<Record<DrillState, string>> = {
  running: 'state-danger',
  detected: 'state-danger',
  acknowledged: 'state-warn',
  diagnosed: 'state-warn',
  mitigated: 'state-warn',
  resolved: 'state-ok',
  scored: 'state-ok',
  closed: 'state-ok',
  aborted: 'state-danger',
  interrupted: 'state-danger',
};

/** A drill's state as a coloured badge (the word is always there: colour is never the only cue). */
export function StateBadge({ state }: { state: DrillState }) {
  return <span className={`badge ${TONE[state] ?? ''}`}>{state}</span>;
}
