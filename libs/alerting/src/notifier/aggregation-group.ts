import type { NotifierAlert } from './alerts.js';
import type { RouteNode } from './config.js';
import { formatLabelSet } from './fingerprint.js';

/**
 * The alerts of one route that share the route's `group_by` labels. The first flush is due
 * `group_wait` after the group appears (or at once for an alert that started longer ago than
 * that, as Alertmanager does), then one every `group_interval` after the previous flush.
 */
export class AggregationGroup {
  readonly alerts = new Map<string, NotifierAlert>();
  /** Alertmanager's group key, `routeKey:groupLabels`, as sent in the payload. */
  readonly groupKey: string;
  nextFlushAt: number;
  hasFlushed = false;
  inFlight = false;

  constructor(
    readonly id: string,
    readonly route: RouteNode,
    readonly groupLabels: Record<string, string>,
    createdAt: number,
  ) {
    this.groupKey = `${route.key}:${formatLabelSet(groupLabels)}`;
    this.nextFlushAt = createdAt + route.groupWaitMs;
  }

  static idFor(route: RouteNode, groupLabels: Record<string, string>): string {
    return `${route.id}:${formatLabelSet(groupLabels)}`;
  }

  static labelsFor(route: RouteNode, labels: Readonly<Record<string, string>>): Record<string, string> {
    if (route.groupBy === 'all') return { ...labels };
    const picked: Record<string, string> = {};
    for (const name of route.groupBy) if (labels[name] !== undefined) picked[name] = labels[name];
    return picked;
  }

  insert(alert: NotifierAlert, nowMs: number): void {
    this.alerts.set(alert.fingerprint, alert);
    if (!this.hasFlushed && alert.startsAt + this.route.groupWaitMs < nowMs) this.nextFlushAt = Math.min(this.nextFlushAt, nowMs);
  }

  /** After a delivered flush: drop the resolved alerts it carried unless they were re-sent since. */
  forgetDelivered(resolved: readonly NotifierAlert[]): void {
    for (const alert of resolved) {
      if (this.alerts.get(alert.fingerprint) === alert) this.alerts.delete(alert.fingerprint);
    }
  }
}

/** What was last delivered for one group to one webhook: Alertmanager's notification log entry. */
export interface NotificationLogEntry {
  firing: ReadonlySet<string>;
  resolved: ReadonlySet<string>;
  timestamp: number;
}

/**
 * Alertmanager's dedup decision: send when alerts started firing since the last notification,
 * when everything resolved after something had fired, when alerts resolved and the receiver
 * wants resolved notifications, or when `repeat_interval` has passed since the last one. (We
 * repeat once `now - last >= repeat_interval`; Alertmanager's strict comparison makes the exact
 * boundary depend on delivery latency.)
 */
export function needsNotification(
  entry: NotificationLogEntry | undefined,
  firing: ReadonlySet<string>,
  resolved: ReadonlySet<string>,
  sendResolved: boolean,
  repeatIntervalMs: number,
  nowMs: number,
): boolean {
  if (!entry) return firing.size > 0;
  if (![...firing].every((fingerprint) => entry.firing.has(fingerprint))) return true;
  if (firing.size === 0) return entry.firing.size > 0;
  if (sendResolved && ![...resolved].every((fingerprint) => entry.resolved.has(fingerprint))) return true;
  return nowMs - entry.timestamp >= repeatIntervalMs;
}
