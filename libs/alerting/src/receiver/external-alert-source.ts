import type { ActiveAlert, AlertTransition } from '../rules/types.js';
import type { AlertmanagerWebhook } from './alertmanager-webhook.js';

/**
 * The alert state of a stack whose alerts come from a real Prometheus + Alertmanager: each
 * webhook updates the set of firing alerts and yields the same transitions the embedded rules
 * manager emits, so drills, scoring and the websocket feed need not know the source. Alertmanager
 * only tells about firing and resolved alerts, so there is no `pending` here; times are
 * Alertmanager's `startsAt`/`endsAt` (when Prometheus fired and resolved), not arrival times.
 * Alerts cut by `max_alerts` are invisible, so configure the receiver without a limit.
 */
export class ExternalAlertSource {
  private readonly firing = new Map<string, ActiveAlert>();

  constructor(readonly groupPrefix = 'alertmanager') {}

  apply(webhook: AlertmanagerWebhook, nowMs: number): AlertTransition[] {
    const group = `${this.groupPrefix}:${webhook.receiver}`;
    const transitions: AlertTransition[] = [];
    for (const incoming of webhook.alerts) {
      const known = this.firing.get(incoming.fingerprint);
      if (incoming.status === 'firing') {
        const alert: ActiveAlert = {
          rule: incoming.alertname,
          state: 'firing',
          labels: incoming.labels,
          annotations: incoming.annotations,
          value: known?.value ?? Number.NaN,
          activeAt: known?.activeAt ?? incoming.startsAt,
          firedAt: known?.firedAt ?? incoming.startsAt,
        };
        this.firing.set(incoming.fingerprint, alert);
        if (!known) transitions.push({ group, rule: alert.rule, labels: alert.labels, from: 'inactive', to: 'firing', at: incoming.startsAt, alert });
      } else if (known) {
        this.firing.delete(incoming.fingerprint);
        const resolved: ActiveAlert = { ...known, resolvedAt: incoming.endsAt ?? nowMs };
        transitions.push({ group, rule: known.rule, labels: known.labels, from: 'firing', to: 'inactive', at: resolved.resolvedAt!, alert: resolved });
      }
    }
    return transitions;
  }

  active(): ActiveAlert[] {
    return [...this.firing.values()];
  }

  reset(): void {
    this.firing.clear();
  }
}
