/**
 * The scoreboard page's data shaping. The statistics themselves (mean, median, p90 per
 * responder, team and scenario) come from `GET /api/scoreboard`; this file only turns the URL's
 * filters into that request and the rows into chart series.
 */
import type { ScoreboardGroup, ScoreboardQuery, ScoreboardRow } from '../../api/gameday-types.js';

export interface ScoreboardFilters {
  responder?: string;
  team?: string;
  scenario?: string;
  /** YYYY-MM-DD, inclusive, in the viewer's time zone. */
  from?: string;
  to?: string;
  includeGate: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in the URL (`#/scoreboard?team=payments&from=2026-11-01&gate=1`). */
export function filtersFromQuery(query: Record<string, string>): ScoreboardFilters {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const day = (value: string | undefined) => (value && DAY.test(value) ? value : undefined);
  return {
    responder: text(query.responder),
    team: text(query.team),
    scenario: text(query.scenario),
    from: day(query.from),
    to: day(query.to),
    includeGate: query.gate === '1' || query.gate === 'true',
  };
}

/** Midnight starting `day` in the viewer's zone, as an ISO instant. */
function startOfLocalDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * The API's query: a day range becomes instants (from the first day's midnight to the midnight
 * after the last day, since `to` is exclusive there), and gate drills are asked for only when wanted.
 */
export function apiQuery(filters: ScoreboardFilters): ScoreboardQuery {
  return {
    ...(filters.responder ? { responder: filters.responder } : {}),
    ...(filters.team ? { team: filters.team } : {}),
    ...(filters.scenario ? { scenario: filters.scenario } : {}),
    ...(filters.from ? { from: startOfLocalDay(filters.from) } : {}),
    ...(filters.to ? { to: startOfLocalDay(filters.to, 1) } : {}),
    ...(filters.includeGate ? { includeGate: true } : {}),
  };
}

export function isFiltered(filters: ScoreboardFilters): boolean {
  return Boolean(filters.responder || filters.team || filters.scenario || filters.from || filters.to || filters.includeGate);
}

export type Grouping = 'responder' | 'team' | 'scenario';

export function groupsOf(board: { byResponder: ScoreboardGroup[]; byTeam: ScoreboardGroup[]; byScenario: ScoreboardGroup[] }, grouping: Grouping): ScoreboardGroup[] {
  return grouping === 'team' ? board.byTeam : grouping === 'scenario' ? board.byScenario : board.byResponder;
}

/** Scenario id → title, from the rows (the groups name scenarios by id). */
export function scenarioTitles(rows: readonly ScoreboardRow[]): Map<string, string> {
  return new Map(rows.map((row) => [row.scenarioId, row.scenarioTitle]));
}

/** Newest drill first, as a table reads. */
export function newestFirst(rows: readonly ScoreboardRow[]): ScoreboardRow[] {
  return [...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Trend series for uPlot: x is the drill's creation (epoch seconds, ascending); one y series per
 * measure, null where a drill did not reach it. Drills that reached nothing are left out.
 */
export interface Trend {
  x: number[];
  mttd: Array<number | null>;
  mtta: Array<number | null>;
  mttr: Array<number | null>;
  score: Array<number | null>;
}

export function trendOf(rows: readonly ScoreboardRow[]): Trend {
  // A drill that never reached any mark would only stretch the time axis.
  const measured = rows.filter((row) => row.mttd !== null || row.mtta !== null || row.mttr !== null || row.score !== null);
  const ordered = [...measured].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const result: Trend = { x: [], mttd: [], mtta: [], mttr: [], score: [] };
  let previous = -Infinity;
  for (const row of ordered) {
    // uPlot needs strictly increasing x: drills created in the same second are nudged apart.
    const at = Math.max(Date.parse(row.createdAt) / 1000, previous + 0.001);
    previous = at;
    result.x.push(at);
    result.mttd.push(row.mttd);
    result.mtta.push(row.mtta);
    result.mttr.push(row.mttr);
    result.score.push(row.score);
  }
  return result;
}
