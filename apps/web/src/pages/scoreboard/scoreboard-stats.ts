/**
 * The scoreboard's numbers, as pure functions of the facilitator's drill list.
 *
 * - A drill counts towards a timer when that timer is known (MTTD once detected, MTTR once
 *   resolved…); scores count once the drill is scored. Aborted and unfinished drills still count
 *   for the timers they reached.
 * - p90 is the nearest-rank 90th percentile (the value at rank ⌈0.9·n⌉ of the sorted values), so it
 *   is always a time some drill really took.
 * - A team is a drill's set of responders (observers do not count), named by joining the sorted
 *   names with " + ". A drill that carries a `team` name (not sent by the API yet) uses that name.
 * - Dates filter on the day the drill was created, in UTC (`from` and `to` are inclusive).
 */
import type { DrillView } from '../../api/types.js';

export interface ScoreboardFilters {
  scenario?: string;
  responder?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
}

export function filtersFromQuery(query: Record<string, string>): ScoreboardFilters {
  const date = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  return { scenario: query.scenario || undefined, responder: query.responder || undefined, from: date(query.from), to: date(query.to) };
}

export function respondersOf(drill: DrillView): string[] {
  return drill.participants.filter((participant) => participant.role === 'responder').map((participant) => participant.name);
}

export function teamOf(drill: DrillView & { team?: string }): string {
  if (drill.team) return drill.team;
  const names = [...respondersOf(drill)].sort((a, b) => a.localeCompare(b));
  return names.length > 0 ? names.join(' + ') : '(no responders)';
}

export function filterDrills(drills: readonly DrillView[], filters: ScoreboardFilters): DrillView[] {
  return drills.filter((drill) => {
    const day = drill.createdAt.slice(0, 10);
    return (
      (!filters.scenario || drill.scenario.id === filters.scenario) &&
      (!filters.responder || respondersOf(drill).includes(filters.responder)) &&
      (!filters.from || day >= filters.from) &&
      (!filters.to || day <= filters.to)
    );
  });
}

export interface Distribution {
  /** How many values. */
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  best: number | null;
}

/** Nearest-rank percentile of sorted values (`q` in 0…1). */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `best` is the lowest value for times and the highest for scores. */
export function distribution(values: ReadonlyArray<number | null | undefined>, best: 'lowest' | 'highest' = 'lowest'): Distribution {
  const known = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (known.length === 0) return { n: 0, mean: null, median: null, p90: null, best: null };
  return {
    n: known.length,
    mean: known.reduce((sum, value) => sum + value, 0) / known.length,
    median: median(known),
    p90: percentile(known, 0.9),
    best: best === 'lowest' ? known[0]! : known.at(-1)!,
  };
}

export interface GroupStats {
  key: string;
  label: string;
  drills: number;
  mttd: Distribution;
  mtta: Distribution;
  mttr: Distribution;
  score: Distribution;
}

export function statsOf(key: string, label: string, drills: readonly DrillView[]): GroupStats {
  return {
    key,
    label,
    drills: drills.length,
    mttd: distribution(drills.map((drill) => drill.timers.mttd)),
    mtta: distribution(drills.map((drill) => drill.timers.mtta)),
    mttr: distribution(drills.map((drill) => drill.timers.mttr)),
    score: distribution(
      drills.map((drill) => drill.score?.total),
      'highest',
    ),
  };
}

/** Groups drills by one or more keys each (a drill with three responders counts for all three). */
export function groupStats(drills: readonly DrillView[], keysOf: (drill: DrillView) => Array<{ key: string; label: string }>): GroupStats[] {
  const groups = new Map<string, { label: string; drills: DrillView[] }>();
  for (const drill of drills) {
    for (const { key, label } of keysOf(drill)) {
      const group = groups.get(key) ?? { label, drills: [] };
      group.drills.push(drill);
      groups.set(key, group);
    }
  }
  // Most drilled first, then by name, so the busiest rows lead.
  return [...groups.entries()].map(([key, group]) => statsOf(key, group.label, group.drills)).sort((a, b) => b.drills - a.drills || a.label.localeCompare(b.label));
}

export const byResponder = (drills: readonly DrillView[]) => groupStats(drills, (drill) => respondersOf(drill).map((name) => ({ key: name, label: name })));
export const byTeam = (drills: readonly DrillView[]) => groupStats(drills, (drill) => [{ key: teamOf(drill), label: teamOf(drill) }]);
export const byScenario = (drills: readonly DrillView[]) =>
  groupStats(drills, (drill) => [{ key: drill.scenario.id ?? drill.scenario.title, label: drill.scenario.title }]);

/** Options for the filter menus: scenarios (id → title) and responders seen in the drills. */
export function filterOptions(drills: readonly DrillView[]): { scenarios: Array<{ id: string; title: string }>; responders: string[] } {
  const scenarios = new Map<string, string>();
  const responders = new Set<string>();
  for (const drill of drills) {
    if (drill.scenario.id) scenarios.set(drill.scenario.id, drill.scenario.title);
    respondersOf(drill).forEach((name) => responders.add(name));
  }
  return {
    scenarios: [...scenarios.entries()].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title)),
    responders: [...responders].sort((a, b) => a.localeCompare(b)),
  };
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

export function trend(drills: readonly DrillView[]): Trend {
  // A drill that never reached any mark (created, not started) would only stretch the time axis.
  const measured = drills.filter((drill) => drill.timers.mttd !== null || drill.timers.mtta !== null || drill.timers.mttr !== null || drill.score !== undefined);
  const ordered = [...measured].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const result: Trend = { x: [], mttd: [], mtta: [], mttr: [], score: [] };
  let previous = -Infinity;
  for (const drill of ordered) {
    // uPlot needs strictly increasing x: drills created in the same second are nudged apart.
    const at = Math.max(Date.parse(drill.createdAt) / 1000, previous + 0.001);
    previous = at;
    result.x.push(at);
    result.mttd.push(drill.timers.mttd);
    result.mtta.push(drill.timers.mtta);
    result.mttr.push(drill.timers.mttr);
    result.score.push(drill.score?.total ?? null);
  }
  return result;
}

// ---- CSV export ----

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote anything with a separator, quote or line break; a leading = + - @ would run as a formula in spreadsheets.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One row per drill: what a spreadsheet needs to redo the numbers. */
export function drillsCsv(drills: readonly DrillView[]): string {
  const header = ['drill', 'created_at', 'scenario_id', 'scenario', 'state', 'speed', 'responders', 'team', 'mttd_s', 'mtta_s', 'mttr_s', 'score'];
  const rows = [...drills]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((drill) => [
      drill.id,
      drill.createdAt,
      drill.scenario.id ?? '',
      drill.scenario.title,
      drill.state,
      drill.speed,
      respondersOf(drill).join('; '),
      teamOf(drill),
      drill.timers.mttd,
      drill.timers.mtta,
      drill.timers.mttr,
      drill.score?.total ?? null,
    ]);
  return toCsv([header, ...rows]);
}
