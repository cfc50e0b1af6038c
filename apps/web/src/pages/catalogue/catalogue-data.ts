import type { CreateDrillRequest, DrillView, ScenarioSummary } from '../../api/types.js';

/** Filters of the catalogue, as they appear in the URL (`#/catalogue?tag=cache&severity=SEV2`). */
export interface CatalogueFilters {
  tag?: string;
  severity?: string;
  difficulty?: string;
  /** Free text over title, summary and tags. */
  q?: string;
}

export function filtersFromQuery(query: Record<string, string>): CatalogueFilters {
  const { tag, severity, difficulty, q } = query;
  return { tag, severity, difficulty, q };
}

export function filterScenarios(scenarios: readonly ScenarioSummary[], filters: CatalogueFilters): ScenarioSummary[] {
  const text = filters.q?.trim().toLowerCase();
  return scenarios.filter(
    (scenario) =>
      (!filters.tag || scenario.tags.includes(filters.tag)) &&
      (!filters.severity || scenario.severity === filters.severity) &&
      (!filters.difficulty || scenario.difficulty === filters.difficulty) &&
      (!text || [scenario.title, scenario.summary, ...scenario.tags].some((field) => field.toLowerCase().includes(text))),
  );
}

/** Every tag once, most used first, then alphabetically. */
export function tagsOf(scenarios: readonly ScenarioSummary[]): string[] {
  const counts = new Map<string, number>();
  for (const scenario of scenarios) for (const tag of scenario.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
}

const DIFFICULTY_ORDER = ['beginner', 'intermediate', 'advanced'];

/** Catalogue order: most severe first, then easiest, then title. */
export function sortScenarios(scenarios: readonly ScenarioSummary[]): ScenarioSummary[] {
  return [...scenarios].sort(
    (a, b) =>
      a.severity.localeCompare(b.severity) ||
      DIFFICULTY_ORDER.indexOf(a.difficulty) - DIFFICULTY_ORDER.indexOf(b.difficulty) ||
      a.title.localeCompare(b.title),
  );
}

/** How a scenario has been drilled so far (from the facilitator's drill list). */
export interface ScenarioHistory {
  drills: number;
  /** Drills that got as far as resolving (so their timers are complete). */
  resolved: number;
  bestMttd: number | null;
  bestMttr: number | null;
  bestScore: number | null;
  lastDrilledAt: string | null;
}

const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

export function historyByScenario(drills: readonly DrillView[]): Map<string, ScenarioHistory> {
  const histories = new Map<string, ScenarioHistory>();
  for (const drill of drills) {
    const id = drill.scenario.id;
    if (!id) continue;
    const current = histories.get(id) ?? { drills: 0, resolved: 0, bestMttd: null, bestMttr: null, bestScore: null, lastDrilledAt: null };
    const resolved = drill.timers.t4 !== null;
    histories.set(id, {
      drills: current.drills + 1,
      resolved: current.resolved + (resolved ? 1 : 0),
      bestMttd: min(current.bestMttd, drill.timers.mttd),
      bestMttr: min(current.bestMttr, drill.timers.mttr),
      bestScore: max(current.bestScore, drill.score?.total ?? null),
      lastDrilledAt: current.lastDrilledAt === null || drill.createdAt > current.lastDrilledAt ? drill.createdAt : current.lastDrilledAt,
    });
  }
  return histories;
}

/** What the "Start a drill" form holds before it is sent. */
export interface StartDrillForm {
  speed: string;
  /** Names separated by commas or new lines; `name (observer)` or `name:observer` makes an observer. */
  participants: string;
}

export type StartDrillParse = { ok: true; request: CreateDrillRequest } | { ok: false; problems: Array<{ field: string; message: string }> };

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export function parseStartDrill(scenario: string, form: StartDrillForm): StartDrillParse {
  const problems: Array<{ field: string; message: string }> = [];
  const speed = Number(form.speed);
  if (form.speed.trim() === '' || !Number.isFinite(speed) || speed < 0.1 || speed > 1000) problems.push({ field: 'speed', message: 'a number from 0.1 to 1000 (1 is real time)' });
  const responders: NonNullable<CreateDrillRequest['responders']> = [];
  const seen = new Set<string>();
  for (const entry of form.participants.split(/[,\n]/).map((part) => part.trim()).filter(Boolean)) {
    const observer = /(\(observer\)|:\s*observer)$/i.test(entry);
    const name = entry.replace(/(\(observer\)|:\s*observer|:\s*responder)$/i, '').trim();
    if (!NAME.test(name)) problems.push({ field: 'participants', message: `"${name}": letters, digits, space, . _ - (at most 64)` });
    else if (seen.has(name)) problems.push({ field: 'participants', message: `"${name}" is named twice` });
    else responders.push(observer ? { name, role: 'observer' } : name);
    seen.add(name);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, request: { scenario, speed, ...(responders.length > 0 ? { responders } : {}) } };
}
