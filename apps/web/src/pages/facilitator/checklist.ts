/**
 * The facilitator's live runbook checklist: which steps the responders' events already satisfy.
 * It mirrors apps/api/src/scoring/matching.ts and runbook-adherence.ts (rubric v1) so the ✓ marks
 * agree with the score the drill will get; the score itself stays the API's.
 */
import type { DrillEvent, DrillTimers } from '../../api/types.js';
import { describeEvent } from '../report/timeline.js';
import { durationToSeconds } from '../report/durations.js';
import type { ActionMatcher, CheckableStep, Evidence, ParamConstraint } from './scenario-spec.js';

const MISSING = Symbol('missing');

/** By name, by dotted path, or for set-config by the config key (`pool.max` reads `value`). */
function lookupParam(params: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(params, path)) return params[path];
  let current: unknown = params;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return params['key'] === path && Object.hasOwn(params, 'value') ? params['value'] : MISSING;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function sameValue(value: unknown, expected: string | number | boolean): boolean {
  if (value === expected) return true;
  if (typeof expected === 'number') return toNumber(value) === expected;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value) === String(expected);
  return false;
}

export function satisfiesConstraint(value: unknown, constraint: ParamConstraint): boolean {
  if (value === MISSING || value === undefined) return false;
  if (typeof constraint !== 'object') return sameValue(value, constraint);
  const n = toNumber(value);
  if (constraint.gte !== undefined && !(n >= constraint.gte)) return false;
  if (constraint.lte !== undefined && !(n <= constraint.lte)) return false;
  if (constraint.gt !== undefined && !(n > constraint.gt)) return false;
  if (constraint.lt !== undefined && !(n < constraint.lt)) return false;
  if (constraint.in !== undefined && !constraint.in.some((option) => sameValue(value, option))) return false;
  return true;
}

export function matchesAction(matcher: ActionMatcher, action: { action: string; service?: string; params: Record<string, unknown> }): boolean {
  if (matcher.action !== action.action) return false;
  const service = action.service ?? action.params['service'];
  if (matcher.service !== undefined && matcher.service !== service) return false;
  return Object.entries(matcher.params ?? {}).every(([path, constraint]) => satisfiesConstraint(lookupParam(action.params ?? {}, path), constraint));
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Whether `event` is evidence for a step: only people's events, only successful queries and actions. */
export function evidenceMatches(evidence: Evidence, event: DrillEvent): boolean {
  if (event.actor.role === 'system') return false;
  const data = event.data as Record<string, any>;
  if ('ack' in evidence) return event.type === 'page.acknowledged';
  if ('declare' in evidence) return event.type === 'incident.declared';
  if ('diagnosis' in evidence) return event.type === 'diagnosis.submitted';
  if ('statusUpdate' in evidence) return event.type === 'status.posted';
  if ('query' in evidence) {
    return event.type === 'query.run' && data['ok'] === true && ((data['metrics'] as string[] | undefined) ?? []).some((metric) => evidence.query.metrics.includes(metric));
  }
  if ('logSearch' in evidence) {
    if (event.type !== 'logs.searched') return false;
    const { service, level, text } = evidence.logSearch;
    return (service === undefined || data['service'] === service)
      && (level === undefined || (typeof data['level'] === 'string' && data['level'].toLowerCase() === level.toLowerCase()))
      && (text === undefined || (typeof data['text'] === 'string' && normalise(data['text']).includes(normalise(text))));
  }
  if ('traceView' in evidence) {
    return event.type === 'trace.viewed' && (evidence.traceView.service === undefined || ((data['services'] as string[] | undefined) ?? []).includes(evidence.traceView.service));
  }
  if (!('action' in evidence) || event.type !== 'action.taken' || data['ok'] !== true) return false;
  return matchesAction(evidence.action, { action: data['action'], service: data['service'], params: data['params'] ?? {} });
}

/** How a step's expected evidence reads: `a query of db_pool_connections or …`. */
export function describeEvidence(evidence: Evidence | undefined): string {
  if (evidence === undefined) return 'not machine-checked';
  if ('ack' in evidence) return 'acknowledging the page';
  if ('declare' in evidence) return 'declaring an incident';
  if ('diagnosis' in evidence) return 'submitting a diagnosis';
  if ('statusUpdate' in evidence) return 'posting a status update';
  if ('query' in evidence) return `a query of ${evidence.query.metrics.join(' or ')}`;
  if ('logSearch' in evidence) {
    const { service, level, text } = evidence.logSearch;
    const filters = [service && `service ${service}`, level && `level ${level}`, text && `text "${text}"`].filter(Boolean);
    return filters.length === 0 ? 'a log search' : `a log search (${filters.join(', ')})`;
  }
  if ('traceView' in evidence) return evidence.traceView.service === undefined ? 'viewing a trace' : `viewing a trace through ${evidence.traceView.service}`;
  return `the action ${describeMatcher(evidence.action)}`;
}

function constraintText(constraint: ParamConstraint): string {
  if (typeof constraint !== 'object') return `=${constraint}`;
  const parts = [
    constraint.gte !== undefined && `≥${constraint.gte}`,
    constraint.gt !== undefined && `>${constraint.gt}`,
    constraint.lte !== undefined && `≤${constraint.lte}`,
    constraint.lt !== undefined && `<${constraint.lt}`,
    constraint.in !== undefined && ` in {${constraint.in.join(', ')}}`,
  ].filter(Boolean);
  return parts.join(',');
}

/** `set-config payments pool.max≥20` (a `{key, value}` pair reads as the config key itself). */
export function describeMatcher(matcher: ActionMatcher): string {
  const words = [matcher.action, ...(matcher.service === undefined ? [] : [matcher.service])];
  const { key, value, ...rest } = matcher.params ?? {};
  if (typeof key === 'string' && value !== undefined) words.push(`${key}${constraintText(value)}`);
  else {
    if (key !== undefined) rest['key'] = key;
    if (value !== undefined) rest['value'] = value;
  }
  for (const [path, constraint] of Object.entries(rest)) words.push(`${path}${constraintText(constraint)}`);
  return words.join(' ');
}

export type StepStatus = 'done' | 'late' | 'overdue' | 'pending' | 'unchecked';

export interface ChecklistItem {
  id: string;
  title: string;
  within?: string;
  expected: string;
  status: StepStatus;
  /** The first event that satisfied it. */
  evidence: DrillEvent | null;
  evidenceText: string | null;
  /** Seconds from T1 to the evidence. */
  secondsFromDetection: number | null;
  /** The id of an earlier step that was done after this one. */
  outOfOrderBefore: string | null;
}

/**
 * The checklist now. `nowAt` is the drill time we know of (the newest event's `at`): a step not
 * done whose bound (from T1) has passed is `overdue`; one done past its bound is `late`.
 */
export function deriveChecklist(steps: readonly CheckableStep[], events: readonly DrillEvent[], timers: Pick<DrillTimers, 't1'> | null, nowAt?: number): ChecklistItem[] {
  const start = events.findIndex((event) => event.type === 'fault.injected');
  const response = start === -1 ? events : events.slice(start);
  const t1 = timers?.t1 ? Date.parse(timers.t1) : null;
  const found = steps.map((step) => (step.evidence === undefined ? null : response.find((event) => evidenceMatches(step.evidence!, event)) ?? null));
  return steps.map((step, index) => {
    const evidence = found[index] ?? null;
    const bound = step.within === undefined ? null : durationToSeconds(step.within);
    const secondsFromDetection = evidence === null || t1 === null ? null : (evidence.at - t1) / 1000;
    let outOfOrderBefore: string | null = null;
    if (evidence !== null) {
      const earlier = steps.findIndex((_, j) => j < index && (found[j]?.seq ?? -Infinity) > evidence.seq);
      outOfOrderBefore = earlier === -1 ? null : steps[earlier]!.id;
    }
    let status: StepStatus;
    if (step.evidence === undefined) status = 'unchecked';
    else if (evidence !== null) status = bound !== null && (secondsFromDetection === null || secondsFromDetection > bound) ? 'late' : 'done';
    else status = bound !== null && t1 !== null && nowAt !== undefined && (nowAt - t1) / 1000 > bound ? 'overdue' : 'pending';
    return {
      id: step.id,
      title: step.title,
      ...(step.within === undefined ? {} : { within: step.within }),
      expected: describeEvidence(step.evidence),
      status,
      evidence,
      evidenceText: evidence === null ? null : describeEvent(evidence),
      secondsFromDetection,
      outOfOrderBefore,
    };
  });
}

/** The responders' actions that match the scenario's fixes, mitigations or harmful moves. */
export interface RemediationMatch {
  event: DrillEvent;
  verdict: 'fix' | 'mitigation' | 'harmful';
  reason?: string;
}

export function classifyActions(remediations: { fixes: ActionMatcher[]; mitigations?: ActionMatcher[]; harmful?: Array<ActionMatcher & { reason: string }> }, events: readonly DrillEvent[]): RemediationMatch[] {
  const matches: RemediationMatch[] = [];
  for (const event of events) {
    if (event.type !== 'action.taken' || event.actor.role === 'system') continue;
    const data = event.data as DrillEvent<'action.taken'>['data'];
    if (!data.ok) continue;
    const action = { action: data.action, ...(data.service === undefined ? {} : { service: data.service }), params: data.params ?? {} };
    const harmful = (remediations.harmful ?? []).find((matcher) => matchesAction(matcher, action));
    if (harmful) matches.push({ event, verdict: 'harmful', reason: harmful.reason });
    else if (remediations.fixes.some((matcher) => matchesAction(matcher, action))) matches.push({ event, verdict: 'fix' });
    else if ((remediations.mitigations ?? []).some((matcher) => matchesAction(matcher, action))) matches.push({ event, verdict: 'mitigation' });
  }
  return matches;
}

/** Whether a diagnosis names the root cause as rubric v1 counts it: its id, or an accepted phrasing in its text. */
export function diagnosisMatches(rootCause: { id: string; accepted: readonly string[] }, diagnosis: { text: string; rootCauseId?: string }): boolean {
  if (diagnosis.rootCauseId === rootCause.id) return true;
  const text = normalise(diagnosis.text);
  return rootCause.accepted.some((phrase) => text.includes(normalise(phrase)));
}
