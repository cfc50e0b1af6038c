/**
 * Whether a timeline event satisfies a runbook step's evidence or a scenario's action matcher, and
 * how to name that event in a line a trainee reads.
 */
import type { ActionMatcher, Evidence, ParamConstraint } from '@firedrill/scenarios';
import type { DrillEvent, DrillEventData } from '../drills/timeline.js';
import { normaliseText, quote } from './format.js';

/** What matchers look at of an `action.taken` event. */
export type TakenAction = Pick<DrillEventData['action.taken'], 'action' | 'service' | 'params'>;

const MISSING = Symbol('missing');

/**
 * A parameter by name. Matchers may name a parameter directly (`replicas`), by dotted path into
 * nested params, or, for `set-config`, by the config key itself (`pool.max: {gte: 20}` reads the
 * `value` set when `key` is `pool.max`), so scenario authors can write whichever reads best.
 */
function lookupParam(params: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(params, path)) return params[path];
  let current: unknown = params;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) {
      current = MISSING;
      break;
    }
    current = (current as Record<string, unknown>)[part];
  }
  if (current !== MISSING) return current;
  if (params['key'] === path && Object.hasOwn(params, 'value')) return params['value'];
  return MISSING;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** Exact match; config values arrive as strings or numbers, so `"20"` equals `20`. */
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

export function matchesAction(matcher: ActionMatcher, action: TakenAction): boolean {
  if (matcher.action !== action.action) return false;
  const service = action.service ?? action.params['service'];
  if (matcher.service !== undefined && matcher.service !== service) return false;
  return Object.entries(matcher.params ?? {}).every(([path, constraint]) => satisfiesConstraint(lookupParam(action.params, path), constraint));
}

function contains(haystack: string | undefined, needle: string): boolean {
  return haystack !== undefined && normaliseText(haystack).includes(normaliseText(needle));
}

function sameWord(actual: string | undefined, expected: string): boolean {
  return actual !== undefined && actual.toLowerCase() === expected.toLowerCase();
}

/**
 * Whether `event` is evidence for a runbook step. Only people produce evidence (never the system),
 * only successful actions and queries count, and a query step is satisfied by a query that
 * touches any of the step's metrics.
 */
export function evidenceMatches(evidence: Evidence, event: DrillEvent): boolean {
  if (event.actor.role === 'system') return false;
  if ('ack' in evidence) return event.type === 'page.acknowledged';
  if ('declare' in evidence) return event.type === 'incident.declared';
  if ('diagnosis' in evidence) return event.type === 'diagnosis.submitted';
  if ('statusUpdate' in evidence) return event.type === 'status.posted';
  if ('query' in evidence) {
    if (!isEvent(event, 'query.run') || !event.data.ok) return false;
    return event.data.metrics.some((metric) => evidence.query.metrics.includes(metric));
  }
  if ('logSearch' in evidence) {
    if (!isEvent(event, 'logs.searched')) return false;
    const { service, level, text } = evidence.logSearch;
    return (service === undefined || event.data.service === service)
      && (level === undefined || sameWord(event.data.level, level))
      && (text === undefined || contains(event.data.text, text));
  }
  if ('traceView' in evidence) {
    if (!isEvent(event, 'trace.viewed')) return false;
    return evidence.traceView.service === undefined || event.data.services.includes(evidence.traceView.service);
  }
  if (!isEvent(event, 'action.taken') || !event.data.ok) return false;
  return matchesAction(evidence.action, event.data);
}

export function isEvent<T extends DrillEvent['type']>(event: DrillEvent, type: T): event is DrillEvent<T> {
  return event.type === type;
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `set-config payments pool.max=30`, `scale payments replicas=4`, `restart api`. */
export function describeAction(action: TakenAction): string {
  const service = action.service ?? (typeof action.params['service'] === 'string' ? action.params['service'] : undefined);
  const words = [action.action, ...(service === undefined ? [] : [service])];
  const { service: _service, key, value, ...rest } = action.params;
  if (typeof key === 'string' && value !== undefined) words.push(`${key}=${formatValue(value)}`);
  else {
    if (key !== undefined) rest['key'] = key;
    if (value !== undefined) rest['value'] = value;
  }
  for (const name of Object.keys(rest).sort()) words.push(`${name}=${formatValue(rest[name])}`);
  return words.join(' ');
}

/** How a piece of evidence reads after "done … by": `query of db_pool_connections`. */
export function describeEvent(event: DrillEvent): string {
  if (isEvent(event, 'page.acknowledged')) return event.data.alert === undefined ? 'acknowledging the page' : `acknowledging ${event.data.alert}`;
  if (isEvent(event, 'incident.declared')) return `declaring an incident (${quote(event.data.summary)})`;
  if (isEvent(event, 'query.run')) return `query of ${event.data.metrics.join(', ') || quote(event.data.promql)}`;
  if (isEvent(event, 'logs.searched')) {
    const { service, level, text, traceId } = event.data;
    const filters = [service && `service ${service}`, level && `level ${level}`, text && `text ${quote(text, 40)}`, traceId && `trace ${traceId}`];
    const present = filters.filter((filter): filter is string => Boolean(filter));
    return present.length === 0 ? 'log search' : `log search (${present.join(', ')})`;
  }
  if (isEvent(event, 'trace.viewed')) return `viewing trace ${event.data.traceId} (${event.data.services.join(', ')})`;
  if (isEvent(event, 'action.taken')) return describeAction(event.data);
  if (isEvent(event, 'diagnosis.submitted')) return `diagnosis ${quote(event.data.text)}`;
  if (isEvent(event, 'status.posted')) return `status update ${quote(event.data.text)}`;
  return event.type;
}

/** How a step's expected evidence reads when it was missed: `a query of db_pool_connections`. */
export function describeEvidence(evidence: Evidence): string {
  if ('ack' in evidence) return 'acknowledging the page';
  if ('declare' in evidence) return 'declaring an incident';
  if ('diagnosis' in evidence) return 'submitting a diagnosis';
  if ('statusUpdate' in evidence) return 'posting a status update';
  if ('query' in evidence) return `a query of ${evidence.query.metrics.join(' or ')}`;
  if ('logSearch' in evidence) {
    const { service, level, text } = evidence.logSearch;
    const filters = [service && `service ${service}`, level && `level ${level}`, text && `text ${quote(text, 40)}`].filter(Boolean);
    return filters.length === 0 ? 'a log search' : `a log search (${filters.join(', ')})`;
  }
  if ('traceView' in evidence) return evidence.traceView.service === undefined ? 'viewing a trace' : `viewing a trace through ${evidence.traceView.service}`;
  return `the action ${evidence.action.action}${evidence.action.service === undefined ? '' : ` ${evidence.action.service}`}`;
}
