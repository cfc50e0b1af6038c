/**
 * Transition groups of alerts that came from real monitoring, as opposed to the embedded rules
 * manager (whose groups are rule group names). A stack with `alertSource: prometheus` feeds its
 * drills only these, so its T1 is the real Prometheus's alert.
 */
export const POLLED_GROUP_PREFIX = 'prometheus:';
/** ExternalAlertSource's default group prefix (the Alertmanager webhook receiver). */
export const WEBHOOK_GROUP_PREFIX = 'alertmanager:';

export function isRealAlertGroup(group: string | undefined): boolean {
  return group !== undefined && (group.startsWith(POLLED_GROUP_PREFIX) || group.startsWith(WEBHOOK_GROUP_PREFIX));
}
