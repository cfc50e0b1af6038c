import { compareLabels } from '@firedrill/promql';
import { isResolvedAt, type NotifierAlert } from './alerts.js';
import { formatTimestamp } from './timestamps.js';

export type AlertStatus = 'firing' | 'resolved';

export interface WebhookAlert {
  status: AlertStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** Go's zero time (`0001-01-01T00:00:00Z`) while the alert is firing. */
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** The Alertmanager webhook payload, version 4. */
export interface WebhookPayload {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: AlertStatus;
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

export interface PayloadContext {
  receiver: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  externalURL: string;
  /** 0 = no limit; otherwise the first `maxAlerts` go out and the rest are counted. */
  maxAlerts: number;
  nowMs: number;
}

/** Status, common labels and annotations come from every alert; truncation applies to the list only. */
export function buildWebhookPayload(alerts: readonly NotifierAlert[], context: PayloadContext): WebhookPayload {
  const rendered = alerts.map((alert) => renderAlert(alert, context.nowMs));
  const kept = context.maxAlerts > 0 ? rendered.slice(0, context.maxAlerts) : rendered;
  return {
    version: '4',
    groupKey: context.groupKey,
    truncatedAlerts: rendered.length - kept.length,
    status: rendered.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
    receiver: context.receiver,
    groupLabels: { ...context.groupLabels },
    commonLabels: common(rendered.map((alert) => alert.labels)),
    commonAnnotations: common(rendered.map((alert) => alert.annotations)),
    externalURL: context.externalURL,
    alerts: kept,
  };
}

function renderAlert(alert: NotifierAlert, nowMs: number): WebhookAlert {
  const resolved = isResolvedAt(alert, nowMs);
  return {
    status: resolved ? 'resolved' : 'firing',
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    startsAt: formatTimestamp(alert.startsAt),
    endsAt: resolved ? formatTimestamp(alert.endsAt) : formatTimestamp(undefined),
    generatorURL: alert.generatorURL,
    fingerprint: alert.fingerprint,
  };
}

function common(sets: readonly Record<string, string>[]): Record<string, string> {
  if (sets.length === 0) return {};
  const [first, ...rest] = sets;
  const shared: Record<string, string> = {};
  for (const [name, value] of Object.entries(first!)) {
    if (rest.every((set) => set[name] === value)) shared[name] = value;
  }
  return shared;
}

/** Alertmanager's order: by `job`, then `instance` (alerts having them first), then all labels. */
export function compareAlerts(a: NotifierAlert, b: NotifierAlert): number {
  for (const name of ['job', 'instance']) {
    const left = a.labels[name];
    const right = b.labels[name];
    if (left === undefined && right === undefined) continue;
    if (left === undefined) return 1;
    if (right === undefined) return -1;
    if (left !== right) return left < right ? -1 : 1;
  }
  return compareLabels(a.labels, b.labels);
}

