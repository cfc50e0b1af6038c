import type { AlertView, DrillEvent, DrillState, DrillTimers } from '../../api/types.js';
import { describeAction } from './actions.js';

/**
 * Pure shaping of the console's data: the drill clock, the response timers, the pager, the alert
 * list and the timeline. Nothing here may show what the API did not give a participant; the
 * inputs are the participant's drill view, timeline and the stack's alerts.
 */

// ---- the drill clock ------------------------------------------------------------------------

/** A known instant of stack time and when we saw it; the stack runs `speed` times faster than the wall. */
export interface ClockAnchor {
  stackMs: number;
  wallMs: number;
  speed: number;
}

export function stackNow(anchor: ClockAnchor, wallNowMs: number): number {
  return anchor.stackMs + (wallNowMs - anchor.wallMs) * anchor.speed;
}

/** Until the stack's own `time()` answers, the newest event (drill time `at`, recorded `wallAt`) sets the clock. */
export function anchorFromEvents(events: readonly DrillEvent[], speed: number): ClockAnchor | null {
  const newest = events.reduce<DrillEvent | null>((best, event) => (best === null || event.wallAt > best.wallAt ? event : best), null);
  return newest ? { stackMs: newest.at, wallMs: newest.wallAt, speed } : null;
}

const STOPPED: readonly DrillState[] = ['resolved', 'scored', 'closed', 'aborted', 'interrupted'];

export function isStopped(state: DrillState | null): boolean {
  return state !== null && STOPPED.includes(state);
}

/** The tools answer only while the incident is on (409 before the start and after the end). */
export function canAct(state: DrillState | null): boolean {
  return state !== null && !isStopped(state) && state !== 'created';
}

/** Once the drill has ended, its clock stops at its last event (its stack is gone). */
export function drillNow(anchor: ClockAnchor | null, state: DrillState | null, events: readonly DrillEvent[], wallNowMs: number): number | null {
  if (isStopped(state)) return events.at(-1)?.at ?? null;
  return anchor ? stackNow(anchor, wallNowMs) : null;
}

// ---- timers ---------------------------------------------------------------------------------

/** `1:05`, `12:00`, `1:02:03`: elapsed drill time as a stopwatch reads. */
export function formatElapsed(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A duration in seconds as the timers report them (MTTA 42s, MTTR 12m 5s). */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '–';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  return whole % 60 === 0 ? `${minutes}m` : `${minutes}m ${whole % 60}s`;
}

export interface ResponseTimers {
  /** Since the page (T1), until acknowledged; frozen at the acknowledgement. */
  sincePage: number | null;
  /** Since the acknowledgement (T2), until resolved (T4). */
  sinceAck: number | null;
  paged: boolean;
  acknowledged: boolean;
}

export function responseTimers(timers: DrillTimers | null, nowMs: number | null): ResponseTimers {
  const t1 = timers?.t1 ? Date.parse(timers.t1) : null;
  const t2 = timers?.t2 ? Date.parse(timers.t2) : null;
  const t4 = timers?.t4 ? Date.parse(timers.t4) : null;
  const until = (end: number | null) => end ?? nowMs;
  const since = (start: number | null, end: number | null) => (start === null || until(end) === null ? null : until(end)! - start);
  return { sincePage: since(t1, t2), sinceAck: since(t2, t4), paged: t1 !== null, acknowledged: t2 !== null };
}

// ---- alerts and the pager -------------------------------------------------------------------

export interface AlertRow {
  key: string;
  name: string;
  state: 'pending' | 'firing' | 'resolved';
  /** ISO drill time of the state's start (firing since, pending since, resolved at). */
  since: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function alertKey(name: string, labels: Record<string, string>): string {
  const { alertname: _alertname, ...rest } = labels;
  return `${name}{${Object.keys(rest)
    .sort()
    .map((label) => `${label}=${rest[label]}`)
    .join(',')}}`;
}

/**
 * The alert list: what the stack reports as pending or firing now, plus the alerts the timeline saw
 * resolve (the stack forgets those, so `knownAnnotations` keeps what it said while they were
 * active). Firing first, then pending, then resolved; newest first.
 */
export function alertRows(active: readonly AlertView[], events: readonly DrillEvent[], knownAnnotations: ReadonlyMap<string, Record<string, string>> = new Map()): AlertRow[] {
  const rows = new Map<string, AlertRow>();
  for (const event of events) {
    if (event.type !== 'alert.firing' && event.type !== 'alert.pending' && event.type !== 'alert.resolved') continue;
    const data = event.data as DrillEvent<'alert.firing'>['data'];
    const key = alertKey(data.alert, data.labels);
    const state = event.type === 'alert.firing' ? 'firing' : event.type === 'alert.pending' ? 'pending' : 'resolved';
    const previous = rows.get(key);
    rows.set(key, { key, name: data.alert, state, since: new Date(event.at).toISOString(), labels: data.labels, annotations: previous?.annotations ?? knownAnnotations.get(key) ?? {} });
  }
  const activeKeys = new Set<string>();
  for (const alert of active) {
    const key = alertKey(alert.name, alert.labels);
    activeKeys.add(key);
    rows.set(key, { key, name: alert.name, state: alert.state, since: alert.state === 'firing' ? (alert.firedAt ?? alert.activeAt) : alert.activeAt, labels: alert.labels, annotations: alert.annotations });
  }
  const order = { firing: 0, pending: 1, resolved: 2 } as const;
  return [...rows.values()].sort((a, b) => order[a.state] - order[b.state] || (b.since ?? '').localeCompare(a.since ?? '') || a.key.localeCompare(b.key));
}

export interface Page {
  name: string;
  severity: string | null;
  summary: string | null;
  labels: Record<string, string>;
  /** ISO drill time it fired. */
  firedAt: string | null;
  /** Other alerts firing now besides this one. */
  othersFiring: number;
}

/**
 * What paged: the first page-severity alert that fired (else the first alert that fired) stays
 * the page, as on a real pager; later alerts are counted beside it. Its summary comes from the
 * stack's alert (the timeline carries labels only).
 */
export function currentPage(rows: readonly AlertRow[], events: readonly DrillEvent[]): Page | null {
  const firings = events.filter((event): event is DrillEvent<'alert.firing'> => event.type === 'alert.firing');
  const first = firings.find((event) => event.data.labels.severity === 'page') ?? firings[0];
  const firing = rows.filter((row) => row.state === 'firing');
  if (!first) {
    // The stack can report a firing alert a moment before its event reaches the timeline.
    const row = firing.find((candidate) => candidate.labels.severity === 'page') ?? firing[0];
    if (!row) return null;
    return { name: row.name, severity: row.labels.severity ?? null, summary: row.annotations.summary ?? null, labels: row.labels, firedAt: row.since, othersFiring: firing.length - 1 };
  }
  const key = alertKey(first.data.alert, first.data.labels);
  const row = rows.find((candidate) => candidate.key === key);
  return {
    name: first.data.alert,
    severity: first.data.labels.severity ?? null,
    summary: row?.annotations.summary ?? null,
    labels: first.data.labels,
    firedAt: new Date(first.at).toISOString(),
    othersFiring: firing.filter((candidate) => candidate.key !== key).length,
  };
}

/** Scrape bookkeeping: the same for every alert of a replica, and long. */
const NOISY_LABELS = /^(instance|job|exported_.*)$/;

/**
 * Labels worth showing on an alert (alertname and severity are shown on their own); `brief`
 * also drops the scrape's bookkeeping labels, for one-line places (pager, timeline).
 */
export function shownLabels(labels: Record<string, string>, brief = false): Array<[string, string]> {
  return Object.entries(labels)
    .filter(([name]) => name !== 'alertname' && name !== 'severity' && !(brief && NOISY_LABELS.test(name)))
    .sort(([a], [b]) => a.localeCompare(b));
}

// ---- the timeline ---------------------------------------------------------------------------

export type TimelineKind = 'alert' | 'you' | 'drill';

export interface TimelineEntry {
  seq: number;
  at: number;
  kind: TimelineKind;
  who: string;
  text: string;
  failed: boolean;
  /** Pending alerts: shown under "Alerts", left out of "All" (they flap, and most never fire). */
  quiet?: boolean;
}

/**
 * The timeline as the responder reads it: their team's moves, alerts and the drill's milestones.
 * Fault events reach participants redacted; they are left out rather than shown as a blank line
 * (the responder finds out what broke from the stack, not from the timeline).
 */
export function timelineEntries(events: readonly DrillEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    const described = describeEvent(event);
    if (!described) continue;
    entries.push({ seq: event.seq, at: event.at, who: event.actor.name, ...described });
  }
  return entries;
}

function describeEvent(event: DrillEvent): { kind: TimelineKind; text: string; failed: boolean; quiet?: boolean } | null {
  const d = event.data as Record<string, unknown>;
  const ok = (text: string, kind: TimelineKind = 'you') => ({ kind, text, failed: false });
  switch (event.type) {
    case 'drill.created':
      return ok('Drill created', 'drill');
    case 'drill.started':
      return ok('Drill started: the stack is up', 'drill');
    case 'fault.injected':
    case 'fault.reverted':
      return null;
    case 'alert.pending':
    case 'alert.firing':
    case 'alert.resolved': {
      const labels = shownLabels((d.labels ?? {}) as Record<string, string>, true)
        .map(([name, value]) => `${name}=${value}`)
        .join(', ');
      return { ...ok(`${String(d.alert)} ${event.type.slice('alert.'.length)}${labels ? ` (${labels})` : ''}`, 'alert'), quiet: event.type === 'alert.pending' };
    }
    case 'incident.declared':
      return ok(`Declared an incident: ${String(d.summary)}`);
    case 'page.acknowledged':
      return ok(d.alert ? `Acknowledged the page (${String(d.alert)})` : 'Acknowledged the page');
    case 'query.run':
      return { kind: 'you', text: `Ran ${d.range ? 'range ' : ''}query ${String(d.promql)}${d.ok ? '' : ` — ${String(d.error ?? 'failed')}`}`, failed: d.ok === false };
    case 'logs.searched': {
      const filters = ['service', 'level', 'text', 'traceId'].filter((name) => d[name]).map((name) => `${name}=${String(d[name])}`);
      return ok(`Searched logs${filters.length ? ` (${filters.join(', ')})` : ''}: ${String(d.results)} lines`);
    }
    case 'trace.viewed':
      return ok(`Viewed trace ${String(d.traceId).slice(0, 12)} (${((d.services ?? []) as string[]).join(' → ')})`);
    case 'action.taken': {
      const what = describeAction(String(d.action), d.service as string | undefined, (d.params ?? {}) as Record<string, unknown>);
      return d.ok ? ok(`Action ${what}${d.result ? `: ${String(d.result)}` : ''}`) : { kind: 'you', text: `Action ${what} failed: ${String(d.error ?? 'refused')}`, failed: true };
    }
    case 'diagnosis.submitted':
      return ok(`Diagnosis: ${String(d.text)}`);
    case 'status.posted':
      return ok(`Status update: ${String(d.text)}`);
    case 'hint.requested':
      return ok(`Took hint ${String(d.hintId)} (−${String(d.cost)} points)`);
    case 'checks.changed':
      return ok(d.green ? 'Service checks green: users are fine again' : 'Service checks failing: users are affected', 'drill');
    case 'drill.mitigated':
      return ok('Mitigated', 'drill');
    case 'drill.resolved':
      return ok('Resolved: stable for the whole stability period', 'drill');
    case 'drill.scored':
      return ok(`Scored: ${String(d.total)} points`, 'drill');
    case 'postmortem.submitted':
      return ok('Postmortem submitted', 'drill');
    case 'drill.aborted':
      return { kind: 'drill', text: `Aborted${d.reason ? `: ${String(d.reason)}` : ''}`, failed: true };
    case 'drill.interrupted':
      return { kind: 'drill', text: `Interrupted${d.reason ? `: ${String(d.reason)}` : ''}`, failed: true };
    default:
      return null;
  }
}
