/**
 * The scenario's expectations against what happened so far: which expected alerts fired (and
 * whether within their promised time from T0), whether an alert that must not fire did, and
 * which status checks fail now (the facilitator sees `checks.changed` unredacted).
 */
import type { DrillEvent } from '../../api/types.js';
import { durationToSeconds, formatOffset } from '../report/durations.js';
import type { Expectations, StatusCheck } from './scenario-spec.js';

export interface ExpectedAlertRow {
  name: string;
  within: string;
  /** `T0+1m10s` when it fired. */
  firedAt: string | null;
  verdict: 'in time' | 'late' | 'waiting' | 'overdue' | 'never fired';
}

/** `nowAt`: drill time now; `finished`: the drill is over, so an alert still missing never fired. */
export function expectedAlerts(expectations: Expectations, events: readonly DrillEvent[], nowAt?: number, finished = false): ExpectedAlertRow[] {
  const t0 = events.find((event) => event.type === 'fault.injected')?.at ?? null;
  return (expectations.alerts ?? []).map(({ name, within }) => {
    const bound = durationToSeconds(within) ?? Infinity;
    const fired = t0 === null ? undefined : events.find((event) => event.type === 'alert.firing' && event.at >= t0 && (event.data as { alert: string }).alert === name);
    if (fired && t0 !== null) return { name, within, firedAt: `T0${formatOffset(fired.at - t0)}`, verdict: (fired.at - t0) / 1000 <= bound ? 'in time' : 'late' };
    if (finished) return { name, within, firedAt: null, verdict: 'never fired' };
    const overdue = t0 !== null && nowAt !== undefined && (nowAt - t0) / 1000 > bound;
    return { name, within, firedAt: null, verdict: overdue ? 'overdue' : 'waiting' };
  });
}

/** Alerts the scenario says must stay quiet, and whether each fired anyway. */
export function forbiddenAlerts(expectations: Expectations, events: readonly DrillEvent[]): Array<{ name: string; fired: boolean }> {
  const firing = new Set(events.filter((event) => event.type === 'alert.firing').map((event) => (event.data as { alert: string }).alert));
  return (expectations.mustNotFire ?? []).map((name) => ({ name, fired: firing.has(name) }));
}

export interface StatusCheckRow extends StatusCheck {
  /** null until the engine reported checks. */
  green: boolean | null;
}

export function statusCheckRows(checks: readonly StatusCheck[], events: readonly DrillEvent[]): StatusCheckRow[] {
  const latest = [...events].reverse().find((event) => event.type === 'checks.changed');
  if (!latest) return checks.map((check) => ({ ...check, green: null }));
  const failing = (latest.data as { failing?: string[] }).failing ?? [];
  return checks.map((check) => ({ ...check, green: !failing.includes(check.id) }));
}

/**
 * Drill time now, estimated from the newest event (drill and wall time) and the clock speed, so
 * "overdue" marks appear while nothing is being recorded. Undefined before any event.
 */
export function drillNow(events: readonly DrillEvent[], speed: number, wallNow: number, running: boolean): number | undefined {
  const last = events.at(-1);
  if (!last) return undefined;
  return running ? last.at + Math.max(0, wallNow - last.wallAt) * speed : last.at;
}
