import type { ActiveAlert } from '../rules/types.js';
import type { IncomingAlert } from './alerts.js';

export interface RuleAlertsOptions {
  nowMs: number;
  /** The rule group's evaluation interval; firing alerts are valid for 4 of them, as Prometheus sends. */
  evaluationIntervalMs: number;
  /** Prometheus's `--rules.alert.resend-delay` (default 1m); the longer of the two counts. */
  resendDelayMs?: number;
  generatorURL?: string;
}

/**
 * The alerts Prometheus would post for the rules manager's state: firing alerts with an `endsAt`
 * a few evaluations ahead (so they resolve by themselves if the rules stop), resolved ones with
 * their resolution time. Pending alerts are never sent.
 */
export function alertsForNotifier(active: readonly ActiveAlert[], options: RuleAlertsOptions): IncomingAlert[] {
  const validForMs = 4 * Math.max(options.resendDelayMs ?? 60_000, options.evaluationIntervalMs);
  return active
    .filter((alert) => alert.state === 'firing' || alert.resolvedAt !== undefined)
    .filter((alert) => alert.firedAt !== undefined)
    .map((alert) => ({
      labels: { alertname: alert.rule, ...alert.labels },
      annotations: { ...alert.annotations },
      startsAt: alert.firedAt!,
      endsAt: alert.resolvedAt ?? options.nowMs + validForMs,
      generatorURL: options.generatorURL ?? '',
    }));
}
