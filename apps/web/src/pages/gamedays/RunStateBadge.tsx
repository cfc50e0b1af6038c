import type { GameDayRunState } from '../../api/index.js';
import { runStateTone } from './report-model.js';

/** A run's state as a badge; the word is always there (colour only repeats it). */
export function RunStateBadge({ state }: { state: GameDayRunState }) {
  return <span className={`badge ${runStateTone(state)}`}>{state}</span>;
}
