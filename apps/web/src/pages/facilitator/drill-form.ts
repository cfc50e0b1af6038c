/** The "New drill" form and the drills list, as pure functions of their inputs. */
import type { CreateDrillRequest, DrillState, DrillView } from '../../api/types.js';
import { formatSeconds } from '../report/durations.js';

export interface NewDrillInput {
  scenario: string;
  speed: string;
  /** Comma- or newline-separated; `name:observer` makes an observer. */
  responders: string;
}

export type NewDrillResult = { ok: true; request: CreateDrillRequest } | { ok: false; problems: Array<{ field: string; message: string }> };

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export function parseNewDrill(input: NewDrillInput): NewDrillResult {
  const problems: Array<{ field: string; message: string }> = [];
  if (!input.scenario) problems.push({ field: 'scenario', message: 'choose a scenario' });
  const speed = Number(input.speed);
  if (input.speed.trim() === '' || !Number.isFinite(speed) || speed < 0.1 || speed > 1000) problems.push({ field: 'speed', message: 'a number from 0.1 to 1000 (1 is real time)' });
  const responders: NonNullable<CreateDrillRequest['responders']> = [];
  for (const entry of input.responders.split(/[,\n]/).map((part) => part.trim()).filter(Boolean)) {
    const [name = '', role] = entry.split(/\s*:\s*/);
    if (!NAME.test(name)) problems.push({ field: 'responders', message: `"${name}": letters, digits, space, . _ -; at most 64 characters` });
    else if (role === 'observer' || role === 'responder') responders.push({ name, role });
    else if (role !== undefined) problems.push({ field: 'responders', message: `"${entry}": the role after ":" is responder or observer` });
    else responders.push(name);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, request: { scenario: input.scenario, speed, ...(responders.length > 0 ? { responders } : {}) } };
}

export const ACTIVE_STATES: readonly DrillState[] = ['running', 'detected', 'acknowledged', 'diagnosed', 'mitigated'];

export interface DrillRow {
  id: string;
  title: string;
  scenarioId: string | null;
  state: DrillState;
  active: boolean;
  speed: number;
  createdAt: string;
  mttd: string;
  mtta: string;
  mttr: string;
  score: string;
  responders: string;
}

const seconds = (value: number | null) => (value === null ? '—' : formatSeconds(value));

export function drillRows(drills: readonly DrillView[]): DrillRow[] {
  return drills.map((drill) => ({
    id: drill.id,
    title: drill.scenario.title,
    scenarioId: drill.scenario.id ?? null,
    state: drill.state,
    active: ACTIVE_STATES.includes(drill.state),
    speed: drill.speed,
    createdAt: drill.createdAt,
    mttd: seconds(drill.timers.mttd),
    mtta: seconds(drill.timers.mtta),
    mttr: seconds(drill.timers.mttr),
    score: drill.score ? `${drill.score.total}/100` : '—',
    responders: drill.participants.filter((p) => p.role === 'responder').map((p) => p.name).join(', ') || '—',
  }));
}

/** The drills list filter lives in the URL (`#/facilitator?state=running`). */
export function filterDrills(rows: readonly DrillRow[], filter: string | null): DrillRow[] {
  if (!filter || filter === 'all') return [...rows];
  if (filter === 'active') return rows.filter((row) => row.active);
  return rows.filter((row) => row.state === filter);
}
