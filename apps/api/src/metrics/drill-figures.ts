import type { DrillState } from '../drills/timeline.js';
import { deriveTimers } from '../scoring/timers.js';
import type { DrillOutcomeRecord } from '../store/sqlite/drill-repository.js';

/** How a drill ended, as `firedrill_drills_total` labels it. */
export type DrillOutcome = 'resolved' | 'aborted' | 'interrupted';

/** The states a drill has ended in (or, for `resolved`, is about to be scored in). */
export const OUTCOME_OF: Partial<Record<DrillState, DrillOutcome>> = {
  resolved: 'resolved',
  scored: 'resolved',
  closed: 'resolved',
  aborted: 'aborted',
  interrupted: 'interrupted',
};
export const OUTCOME_STATES = Object.keys(OUTCOME_OF) as DrillState[];

/** Drills that are under way: a stack is up and the clock runs. `created` is only waiting to start. */
export const ACTIVE_STATES: readonly DrillState[] = ['running', 'detected', 'acknowledged', 'diagnosed', 'mitigated'];

/** No drill ids: a label per drill would grow without bound. A drill without a team is team="". */
export interface DrillLabels {
  scenario: string;
  team: string;
  origin: string;
}

export interface DrillFigures {
  outcomes: Array<{ labels: DrillLabels & { outcome: DrillOutcome }; count: number }>;
  /** One observation per drill that reached both marks of the timer, in seconds. */
  mttd: Array<{ labels: DrillLabels; seconds: number }>;
  mtta: Array<{ labels: DrillLabels; seconds: number }>;
  mttr: Array<{ labels: DrillLabels; seconds: number }>;
}

/** What /metrics exports about drills, from the stored drills alone: it survives restarts and agrees with the scoreboard. */
export function drillFigures(records: readonly DrillOutcomeRecord[]): DrillFigures {
  const outcomes = new Map<string, { labels: DrillLabels & { outcome: DrillOutcome }; count: number }>();
  const figures: DrillFigures = { outcomes: [], mttd: [], mtta: [], mttr: [] };
  for (const record of records) {
    const outcome = OUTCOME_OF[record.state];
    if (outcome === undefined) continue;
    const labels: DrillLabels = { scenario: record.scenarioId, team: record.team ?? '', origin: record.origin };
    const key = JSON.stringify([outcome, labels.scenario, labels.team, labels.origin]);
    const entry = outcomes.get(key);
    if (entry) entry.count++;
    else outcomes.set(key, { labels: { ...labels, outcome }, count: 1 });
    const timers = deriveTimers(record.events);
    if (timers.mttd !== null) figures.mttd.push({ labels, seconds: timers.mttd });
    if (timers.mtta !== null) figures.mtta.push({ labels, seconds: timers.mtta });
    if (timers.mttr !== null) figures.mttr.push({ labels, seconds: timers.mttr });
  }
  figures.outcomes = [...outcomes.values()];
  return figures;
}
