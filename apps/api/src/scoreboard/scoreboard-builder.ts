import type { DrillState } from '../drills/timeline.js';
import { deriveTimers } from '../scoring/timers.js';
import type { DrillOutcomeRecord } from '../store/sqlite/drill-repository.js';
import { round3, summarize } from './statistics.js';
import type { Scoreboard, ScoreboardGroup, ScoreboardQuery, ScoreboardRow } from './scoreboard-views.js';

/** Drills that have ended: their numbers no longer move. A running drill is not on the scoreboard. */
export const SCOREBOARD_STATES: readonly DrillState[] = ['scored', 'closed', 'aborted', 'interrupted'];

const rounded = (value: number | null): number | null => (value === null ? null : round3(value));

export function scoreboardRow(record: DrillOutcomeRecord): ScoreboardRow {
  const timers = deriveTimers(record.events);
  return {
    drillId: record.id,
    createdAt: new Date(record.createdAt).toISOString(),
    scenarioId: record.scenarioId,
    scenarioTitle: record.scenarioTitle ?? record.scenarioId,
    team: record.team,
    origin: record.origin,
    responders: record.responders,
    state: record.state,
    score: rounded(record.score),
    mttd: rounded(timers.mttd),
    mtta: rounded(timers.mtta),
    mttr: rounded(timers.mttr),
    timeToMitigate: rounded(timers.timeToMitigate),
    timeToRecover: rounded(timers.timeToRecover),
    detectedBy: timers.detectedBy,
  };
}

/** Count, mean, median and p90 of score and timers; a drill counts for a timer only if it reached both of its marks. */
export function groupOf(key: string, rows: readonly ScoreboardRow[]): ScoreboardGroup {
  return {
    key,
    drills: rows.length,
    score: summarize(rows.map((row) => row.score)),
    mttd: summarize(rows.map((row) => row.mttd)),
    mtta: summarize(rows.map((row) => row.mtta)),
    mttr: summarize(rows.map((row) => row.mttr)),
  };
}

/** Groups by each of a row's keys (a drill with two responders counts for both), sorted by key. */
export function groupBy(rows: readonly ScoreboardRow[], keysOf: (row: ScoreboardRow) => readonly string[]): ScoreboardGroup[] {
  const byKey = new Map<string, ScoreboardRow[]>();
  for (const row of rows) {
    for (const key of new Set(keysOf(row))) {
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
  }
  return [...byKey].sort(([a], [b]) => a.localeCompare(b)).map(([key, list]) => groupOf(key, list));
}

/**
 * The scoreboard over the given drills. `responder` narrows the per-responder groups to that one
 * person too: the other responders of the same drills are not what was asked about. A drill
 * without a team is in `overall` and `byScenario` but in no team group.
 */
export function buildScoreboard(records: readonly DrillOutcomeRecord[], query: ScoreboardQuery): Scoreboard {
  const rows = records.map(scoreboardRow);
  const byResponder = groupBy(rows, (row) => row.responders);
  return {
    query,
    rows,
    overall: groupOf('overall', rows),
    byResponder: query.responder === undefined ? byResponder : byResponder.filter((group) => group.key === query.responder),
    byTeam: groupBy(rows, (row) => (row.team === null ? [] : [row.team])),
    byScenario: groupBy(rows, (row) => [row.scenarioId]),
  };
}

export const CSV_HEADER = [
  'drill_id',
  'created_at',
  'scenario_id',
  'scenario_title',
  'team',
  'origin',
  'responders',
  'state',
  'score',
  'mttd_seconds',
  'mtta_seconds',
  'mttr_seconds',
  'time_to_mitigate_seconds',
  'time_to_recover_seconds',
  'detected_by',
] as const;

/** One CSV line per row, in CSV_HEADER's order; responders joined with "; ". */
export function csvCells(row: ScoreboardRow): Array<string | number | null> {
  return [
    row.drillId,
    row.createdAt,
    row.scenarioId,
    row.scenarioTitle,
    row.team,
    row.origin,
    row.responders.join('; '),
    row.state,
    row.score,
    row.mttd,
    row.mtta,
    row.mttr,
    row.timeToMitigate,
    row.timeToRecover,
    row.detectedBy,
  ];
}
