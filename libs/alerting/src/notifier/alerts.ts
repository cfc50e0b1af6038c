import { z } from 'zod';
import { alertFingerprint } from './fingerprint.js';
import { parseTimestamp } from './timestamps.js';

/** An alert as Prometheus posts it to Alertmanager (`POST /api/v2/alerts`), times as RFC 3339 or ms. */
export const IncomingAlertSchema = z
  .object({
    labels: z
      .record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'label names match [a-zA-Z_][a-zA-Z0-9_]*'), z.string())
      .refine((labels) => Object.keys(labels).length > 0, { message: 'an alert needs at least one label' }),
    annotations: z.record(z.string(), z.string()).default({}),
    startsAt: z.union([z.string(), z.number()]).optional(),
    endsAt: z.union([z.string(), z.number()]).optional(),
    generatorURL: z.string().default(''),
  })
  .loose();

export type IncomingAlert = z.input<typeof IncomingAlertSchema>;

export interface NotifierAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number;
  generatorURL: string;
  /** When the notifier last received this alert; tells a re-fired alert from the one it flushed. */
  updatedAt: number;
  /** True when `endsAt` was not sent and came from `resolve_timeout`. */
  timeout: boolean;
}

export function isResolvedAt(alert: Pick<NotifierAlert, 'endsAt'>, nowMs: number): boolean {
  return alert.endsAt <= nowMs;
}

/**
 * Fills in the times as Alertmanager's API does: a missing start is now (or the end, for an
 * alert that arrives already resolved); a missing end is now + resolve_timeout.
 */
export function normaliseAlert(input: z.output<typeof IncomingAlertSchema>, nowMs: number, resolveTimeoutMs: number): NotifierAlert | string {
  const startsAtInput = parseTimestamp(input.startsAt);
  const endsAtInput = parseTimestamp(input.endsAt);
  if (Number.isNaN(startsAtInput)) return 'startsAt: expected an RFC 3339 timestamp';
  if (Number.isNaN(endsAtInput)) return 'endsAt: expected an RFC 3339 timestamp';
  const startsAt = startsAtInput ?? endsAtInput ?? nowMs;
  const endsAt = endsAtInput ?? nowMs + resolveTimeoutMs;
  if (endsAt < startsAt) return 'endsAt: the end time is before the start time';
  return {
    fingerprint: alertFingerprint(input.labels),
    labels: { ...input.labels },
    annotations: { ...input.annotations },
    startsAt,
    endsAt,
    generatorURL: input.generatorURL,
    updatedAt: nowMs,
    timeout: endsAtInput === undefined,
  };
}

/**
 * Alertmanager's merge of a re-sent alert into the one it holds, applied when their activity
 * ranges overlap: the earliest start wins; an explicit end beats a timeout end.
 */
export function mergeAlert(held: NotifierAlert, incoming: NotifierAlert, nowMs: number): NotifierAlert {
  const overlaps =
    (incoming.endsAt > held.startsAt && incoming.endsAt < held.endsAt) ||
    (incoming.startsAt > held.startsAt && incoming.startsAt < held.endsAt);
  if (!overlaps) return incoming;
  const merged = { ...incoming, startsAt: Math.min(held.startsAt, incoming.startsAt) };
  if (isResolvedAt(incoming, nowMs)) {
    if (isResolvedAt(held, nowMs) && held.endsAt > incoming.endsAt) merged.endsAt = held.endsAt;
  } else if (held.endsAt > incoming.endsAt && !held.timeout) {
    merged.endsAt = held.endsAt;
  }
  return merged;
}
