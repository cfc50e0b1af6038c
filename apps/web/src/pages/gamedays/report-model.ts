/**
 * A game-day report as the page shows it: the summary figures and the "since last game day"
 * changes, each with words that say which way is better (colour only repeats what the words say).
 */
import type { GameDayReport, GameDayRunState, GameDaySinceLast } from '../../api/gameday-types.js';
import { formatDuration } from '../../app/format.js';

export type Tone = 'better' | 'worse' | 'same' | 'unknown';

export interface DeltaRow {
  label: string;
  /** This run's value, formatted. */
  now: string;
  /** The change in words: "+12 points (better)", "1m 5s slower (worse)". */
  change: string;
  tone: Tone;
}

const score = (value: number | null) => (value === null ? '—' : String(Math.round(value)));

/** A score change: up is better. */
export function scoreDelta(delta: number | null): { change: string; tone: Tone } {
  if (delta === null) return { change: 'not comparable', tone: 'unknown' };
  const rounded = Math.round(delta);
  if (rounded === 0) return { change: 'no change', tone: 'same' };
  const points = Math.abs(rounded) === 1 ? 'point' : 'points';
  return rounded > 0 ? { change: `+${rounded} ${points} (better)`, tone: 'better' } : { change: `${rounded} ${points} (worse)`, tone: 'worse' };
}

/** A timer change in seconds: shorter is better. Under a second is no change. */
export function timerDelta(delta: number | null): { change: string; tone: Tone } {
  if (delta === null) return { change: 'not comparable', tone: 'unknown' };
  if (Math.abs(delta) < 1) return { change: 'no change', tone: 'same' };
  return delta < 0 ? { change: `${formatDuration(-delta)} faster (better)`, tone: 'better' } : { change: `${formatDuration(delta)} slower (worse)`, tone: 'worse' };
}

/** The four figures compared with the previous game day; null when there is nothing to compare with. */
export function sinceLastRows(report: Pick<GameDayReport, 'summary' | 'sinceLast'>): DeltaRow[] | null {
  const since: GameDaySinceLast | null = report.sinceLast;
  if (!since) return null;
  const { summary } = report;
  return [
    { label: 'Mean score', now: score(summary.meanScore), ...scoreDelta(since.meanScoreDelta) },
    { label: 'MTTD', now: formatDuration(summary.meanMttd), ...timerDelta(since.meanMttdDelta) },
    { label: 'MTTA', now: formatDuration(summary.meanMtta), ...timerDelta(since.meanMttaDelta) },
    { label: 'MTTR', now: formatDuration(summary.meanMttr), ...timerDelta(since.meanMttrDelta) },
  ];
}

/** "2 new: a, b · 1 dropped: c" — the plan's change of scenarios, or null when none. */
export function scenarioChanges(since: GameDaySinceLast | null): string | null {
  if (!since) return null;
  const parts: string[] = [];
  if (since.newScenarios.length > 0) parts.push(`new this time: ${since.newScenarios.join(', ')}`);
  if (since.droppedScenarios.length > 0) parts.push(`not drilled this time: ${since.droppedScenarios.join(', ')}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** Badge class of a run state (the word is always shown). */
export function runStateTone(state: GameDayRunState): string {
  return ({ scheduled: '', notified: '', running: 'state-warn', finished: 'state-ok', missed: 'state-danger', failed: 'state-danger' } as Record<GameDayRunState, string>)[state];
}

/** A run is still changing while it is scheduled, notified or running (the page polls until then). */
export function runIsLive(state: GameDayRunState | undefined): boolean {
  return state === 'scheduled' || state === 'notified' || state === 'running';
}
