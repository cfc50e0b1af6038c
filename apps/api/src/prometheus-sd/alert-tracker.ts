import { alertFingerprint, type ActiveAlert, type AlertTransition } from '@firedrill/alerting';
import { POLLED_GROUP_PREFIX } from './real-alert-groups.js';

/** One alerting rule as Prometheus's `/api/v1/rules?type=alert` reports it (the fields used). */
export interface PolledRule {
  group: string;
  name: string;
  /** `for`, in seconds. */
  duration: number;
  /** When the rule last ran (ms), if Prometheus says. */
  lastEvaluation?: number;
  alerts: PolledAlert[];
}

export interface PolledAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  /** ms */
  activeAt: number;
  value: number;
}

interface Known {
  group: string;
  alert: ActiveAlert;
}

/**
 * Turns successive snapshots of a real Prometheus's alerts into the transitions the embedded rules
 * manager emits (inactive → pending → firing → inactive), with Prometheus's own times: pending at
 * `activeAt`, firing at `activeAt + for` (Prometheus fires at the first evaluation at least `for`
 * after activeAt, and activeAt is itself an evaluation time, so with `for` a multiple of the
 * interval this is exact), resolved at the rule's `lastEvaluation` (the evaluation that no longer
 * found it; the poll time when Prometheus does not say). A snapshot that misses both pending and
 * firing still yields both transitions, so the feed never skips a state. Times are Prometheus's
 * wall times; the caller converts them to stack time.
 */
export class PrometheusAlertTracker {
  private known = new Map<string, Known>();

  update(rules: readonly PolledRule[], nowMs: number): AlertTransition[] {
    const transitions: AlertTransition[] = [];
    const next = new Map<string, Known>();
    const resolvedAt = new Map<string, number>();
    for (const rule of rules) {
      const group = `${POLLED_GROUP_PREFIX}${rule.group}`;
      const forMs = rule.duration * 1000;
      for (const polled of rule.alerts) {
        const labels = { ...polled.labels, alertname: polled.labels.alertname ?? rule.name };
        const key = `${group}\u0000${alertFingerprint(labels)}`;
        const previous = this.known.get(key);
        // The same labels with a new activeAt: it resolved and came back between two polls.
        const before = previous && previous.alert.activeAt === polled.activeAt ? previous : undefined;
        if (previous && !before) transitions.push(resolve(previous, Math.min(nowMs, polled.activeAt)));
        const firedAt = polled.state === 'firing' ? (before?.alert.firedAt ?? polled.activeAt + forMs) : undefined;
        const alert: ActiveAlert = {
          rule: rule.name,
          state: polled.state,
          labels,
          annotations: polled.annotations,
          value: polled.value,
          activeAt: polled.activeAt,
          ...(firedAt === undefined ? {} : { firedAt }),
        };
        const from = before?.alert.state ?? 'inactive';
        if (from === 'inactive' && (polled.state === 'pending' || forMs > 0)) {
          transitions.push({ group, rule: rule.name, labels, from: 'inactive', to: 'pending', at: polled.activeAt, alert: { ...alert, state: 'pending' } });
        }
        if (polled.state === 'firing' && from !== 'firing') {
          transitions.push({ group, rule: rule.name, labels, from: forMs > 0 || from === 'pending' ? 'pending' : 'inactive', to: 'firing', at: firedAt!, alert });
        }
        next.set(key, { group, alert });
      }
      if (rule.lastEvaluation !== undefined) resolvedAt.set(group + '\u0000' + rule.name, rule.lastEvaluation);
    }
    for (const [key, previous] of this.known) {
      if (next.has(key)) continue;
      const evaluated = resolvedAt.get(previous.group + '\u0000' + previous.alert.rule);
      transitions.push(resolve(previous, evaluated !== undefined && evaluated >= previous.alert.activeAt ? evaluated : nowMs));
    }
    this.known = next;
    return transitions.sort((a, b) => a.at - b.at);
  }

  active(): ActiveAlert[] {
    return [...this.known.values()].map((known) => known.alert);
  }
}

function resolve(known: Known, at: number): AlertTransition {
  const { alert, group } = known;
  return { group, rule: alert.rule, labels: alert.labels, from: alert.state, to: 'inactive', at, alert: { ...alert, resolvedAt: at } };
}

/** Reads `/api/v1/rules?type=alert`'s data into polled rules; anything unexpected is skipped. */
export function polledRulesOf(body: unknown): PolledRule[] {
  const groups = (body as { data?: { groups?: unknown } })?.data?.groups;
  if (!Array.isArray(groups)) throw new Error('not a Prometheus /api/v1/rules answer: data.groups is missing');
  const rules: PolledRule[] = [];
  for (const group of groups as Array<Record<string, unknown>>) {
    for (const rule of (Array.isArray(group.rules) ? group.rules : []) as Array<Record<string, unknown>>) {
      if (rule.type !== 'alerting') continue;
      const lastEvaluation = typeof rule.lastEvaluation === 'string' ? Date.parse(rule.lastEvaluation) : Number.NaN;
      rules.push({
        group: String(group.name),
        name: String(rule.name),
        duration: typeof rule.duration === 'number' ? rule.duration : 0,
        ...(Number.isFinite(lastEvaluation) && lastEvaluation > 0 ? { lastEvaluation } : {}),
        alerts: ((Array.isArray(rule.alerts) ? rule.alerts : []) as Array<Record<string, unknown>>)
          .filter((alert) => alert.state === 'pending' || alert.state === 'firing')
          .map((alert) => ({
            labels: { ...(alert.labels as Record<string, string>) },
            annotations: { ...((alert.annotations ?? {}) as Record<string, string>) },
            state: alert.state as 'pending' | 'firing',
            activeAt: Date.parse(String(alert.activeAt)),
            value: Number(alert.value),
          })),
      });
    }
  }
  return rules;
}
