import { z } from 'zod';
import { parseWith } from '../common/zod-issues.js';
import { alertFingerprint } from '../notifier/fingerprint.js';
import { parseTimestamp } from '../notifier/timestamps.js';

const rfc3339 = z.string().refine((text) => !Number.isNaN(parseTimestamp(text)), { message: 'expected an RFC 3339 timestamp' });
const labelSet = z.record(z.string(), z.string());

/** Alertmanager's webhook body, version 4. Unknown extra fields are ignored, as receivers should. */
export const AlertmanagerWebhookSchema = z
  .object({
    version: z.literal('4', { message: 'only Alertmanager webhook payloads of version "4" are understood' }),
    groupKey: z.string(),
    truncatedAlerts: z.number().int().min(0).default(0),
    status: z.enum(['firing', 'resolved']),
    receiver: z.string(),
    groupLabels: labelSet.default({}),
    commonLabels: labelSet.default({}),
    commonAnnotations: labelSet.default({}),
    externalURL: z.string().default(''),
    alerts: z.array(
      z
        .object({
          status: z.enum(['firing', 'resolved']),
          labels: labelSet.refine((labels) => Object.keys(labels).length > 0, { message: 'an alert needs at least one label' }),
          annotations: labelSet.default({}),
          startsAt: rfc3339,
          endsAt: rfc3339.optional(),
          generatorURL: z.string().default(''),
          fingerprint: z.string().optional(),
        })
        .loose(),
    ),
  })
  .loose();

/** One alert of a received webhook, times in ms. */
export interface ExternalAlertState {
  fingerprint: string;
  alertname: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  /** Absent while firing (Alertmanager sends Go's zero time). */
  endsAt?: number;
  generatorURL: string;
}

export interface AlertmanagerWebhook {
  receiver: string;
  groupKey: string;
  status: 'firing' | 'resolved';
  groupLabels: Record<string, string>;
  externalURL: string;
  /** Alerts Alertmanager left out because of the receiver's `max_alerts`. */
  truncatedAlerts: number;
  alerts: ExternalAlertState[];
}

/** Validates a webhook body; throws a ValidationError naming each bad field (`alerts[0].startsAt: …`). */
export function parseAlertmanagerWebhook(body: unknown): AlertmanagerWebhook {
  const data = parseWith(AlertmanagerWebhookSchema, body, 'Alertmanager webhook');
  return {
    receiver: data.receiver,
    groupKey: data.groupKey,
    status: data.status,
    groupLabels: data.groupLabels,
    externalURL: data.externalURL,
    truncatedAlerts: data.truncatedAlerts,
    alerts: data.alerts.map((alert) => {
      const endsAt = parseTimestamp(alert.endsAt);
      return {
        fingerprint: alert.fingerprint || alertFingerprint(alert.labels),
        alertname: alert.labels.alertname ?? '',
        status: alert.status,
        labels: { ...alert.labels },
        annotations: { ...alert.annotations },
        startsAt: parseTimestamp(alert.startsAt)!,
        ...(endsAt === undefined || alert.status === 'firing' ? {} : { endsAt }),
        generatorURL: alert.generatorURL,
      };
    }),
  };
}
