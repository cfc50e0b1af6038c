/**
 * One line per timeline event, as the report and the facilitator's live view print them. Redacted
 * events (participants get `fault.injected` with `data: {}`) read as "an incident began".
 */
import type { DrillEvent } from '../../api/types.js';
import { formatOffset } from './durations.js';

function describeActionData(data: { action: string; service?: string; params?: Record<string, unknown> }): string {
  const params = data.params ?? {};
  const service = data.service ?? (typeof params['service'] === 'string' ? params['service'] : undefined);
  const words = [data.action, ...(service === undefined ? [] : [service])];
  const { service: _service, key, value, ...rest } = params;
  if (typeof key === 'string' && value !== undefined) words.push(`${key}=${format(value)}`);
  for (const name of Object.keys(rest).sort()) words.push(`${name}=${format(rest[name])}`);
  return words.join(' ');
}

/** What tells one alert series from another of the same name: `(checkout, page, 5m/1h)`. */
export function alertLabels(labels: Record<string, string> | undefined): string {
  if (!labels) return '';
  const windows = labels['short_window'] && labels['long_window'] ? `${labels['short_window']}/${labels['long_window']}` : undefined;
  const parts = [labels['replica'] ?? labels['service'], labels['severity'], windows].filter(Boolean);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

const format = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const quote = (text: string, max = 120) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return `“${line.length > max ? `${line.slice(0, max - 1)}…` : line}”`;
};

/** What happened, in a few words (the actor is shown beside it). */
export function describeEvent(event: DrillEvent): string {
  const data = event.data as Record<string, any>;
  switch (event.type) {
    case 'drill.created':
      return 'drill created';
    case 'drill.started':
      return 'drill started: the stack is up';
    case 'fault.injected':
      return data['kind'] === undefined ? 'an incident began' : `fault ${data['stepId'] ?? data['faultId'] ?? ''} injected: ${data['kind']} on ${format(data['target']?.service ?? data['target'])}`.replace('  ', ' ');
    case 'fault.reverted':
      return data['faultId'] === undefined ? 'a fault ended' : `fault ${data['stepId'] ?? data['faultId']} reverted (${data['reason']})`;
    case 'alert.pending':
      return `alert ${data['alert']} pending${alertLabels(data['labels'])}`;
    case 'alert.firing':
      return `alert ${data['alert']} firing${alertLabels(data['labels'])}`;
    case 'alert.resolved':
      return `alert ${data['alert']} resolved${alertLabels(data['labels'])}`;
    case 'incident.declared':
      return `declared an incident: ${quote(data['summary'] ?? '')}`;
    case 'page.acknowledged':
      return data['alert'] === undefined ? 'acknowledged the page' : `acknowledged ${data['alert']}`;
    case 'query.run':
      return `${data['ok'] ? 'query' : 'failed query'} ${quote(data['promql'] ?? '', 160)}${data['ok'] ? '' : `: ${data['error'] ?? 'error'}`}`;
    case 'logs.searched': {
      const filters = [data['service'] && `service ${data['service']}`, data['level'] && `level ${data['level']}`, data['text'] && `text ${quote(data['text'], 40)}`, data['traceId'] && `trace ${data['traceId']}`].filter(Boolean);
      return `log search${filters.length ? ` (${filters.join(', ')})` : ''}: ${data['results']} result${data['results'] === 1 ? '' : 's'}`;
    }
    case 'trace.viewed':
      return `viewed trace ${data['traceId']} (${(data['services'] ?? []).join(' → ')})`;
    case 'action.taken':
      return `${data['ok'] ? 'action' : 'action failed:'} ${describeActionData(data as { action: string })}${data['ok'] ? '' : ` — ${data['error'] ?? 'refused'}`}`;
    case 'diagnosis.submitted':
      return `diagnosis ${quote(data['text'] ?? '')}${data['rootCauseId'] ? ` (root cause ${data['rootCauseId']})` : ''}`;
    case 'status.posted':
      return `status update ${quote(data['text'] ?? '')}`;
    case 'hint.requested':
      return `hint ${data['hintId']} requested (−${data['cost']} points)`;
    case 'checks.changed':
      return data['green'] ? 'status checks green: users are fine again' : `status checks failing${Array.isArray(data['failing']) && data['failing'].length ? `: ${data['failing'].join(', ')}` : ''}`;
    case 'drill.mitigated':
      return 'mitigated (T3)';
    case 'drill.resolved':
      return 'resolved (T4)';
    case 'drill.scored':
      return `scored ${data['total']}/100 (rubric ${data['rubricVersion']})`;
    case 'postmortem.submitted':
      return 'postmortem submitted (T5)';
    case 'drill.aborted':
      return `aborted: ${data['reason']}`;
    case 'drill.interrupted':
      return `interrupted: ${data['reason']}`;
    default:
      return (event as DrillEvent).type;
  }
}

export type EventTone = 'fault' | 'alert' | 'person' | 'good' | 'bad' | 'system';

export interface TimelineRow {
  seq: number;
  /** `T0+2m10s`, or the offset from the first event before T0. */
  when: string;
  actor: string;
  text: string;
  tone: EventTone;
}

function toneOf(event: DrillEvent): EventTone {
  const data = event.data as Record<string, any>;
  if (event.type === 'fault.injected') return 'fault';
  if (event.type.startsWith('alert.')) return event.type === 'alert.resolved' ? 'good' : 'alert';
  if (event.type === 'checks.changed') return data['green'] ? 'good' : 'bad';
  if (event.type === 'drill.mitigated' || event.type === 'drill.resolved') return 'good';
  if (event.type === 'drill.aborted' || event.type === 'drill.interrupted') return 'bad';
  if ((event.type === 'action.taken' || event.type === 'query.run') && data['ok'] === false) return 'bad';
  return event.actor.role === 'system' ? 'system' : 'person';
}

/**
 * Rows with times from T0 (the first fault), which is how postmortems read; `hidePending`
 * drops `alert.pending` noise.
 */
export function timelineRows(events: readonly DrillEvent[], options: { hidePending?: boolean } = {}): TimelineRow[] {
  const t0 = events.find((event) => event.type === 'fault.injected')?.at;
  const origin = t0 ?? events[0]?.at ?? 0;
  const label = t0 === undefined ? 'start' : 'T0';
  return events
    .filter((event) => !(options.hidePending && event.type === 'alert.pending'))
    .map((event) => ({ seq: event.seq, when: `${label}${formatOffset(event.at - origin)}`, actor: event.actor.name, text: describeEvent(event), tone: toneOf(event) }));
}
