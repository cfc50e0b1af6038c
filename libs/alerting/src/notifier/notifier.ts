import type { Clock } from '@firedrill/clock';
import { formatIssuePath } from '../common/zod-issues.js';
import { AggregationGroup, needsNotification, type NotificationLogEntry } from './aggregation-group.js';
import { IncomingAlertSchema, isResolvedAt, mergeAlert, normaliseAlert, type NotifierAlert } from './alerts.js';
import { matchRoutes, parseNotifierConfig, type NotifierConfig, type WebhookTarget } from './config.js';
import { inhibitedBy } from './inhibitor.js';
import { buildWebhookPayload, compareAlerts, type WebhookPayload } from './payload.js';
import { SilenceStore } from './silences.js';
import type { DeliveryResult, WebhookSender } from './webhook-sender.js';

export interface NotifierOptions {
  /** An Alertmanager-style config (parsed YAML object) or one already parsed. */
  config: unknown;
  /** Gives `now` to `receive`, silences and a `tick()` without argument; no timers are started. */
  clock: Clock;
  sender: WebhookSender;
  /** The `externalURL` of payloads: where a person can see this notifier's alerts. */
  externalURL?: string;
  /** Keep the silences of a previous notifier (a config reload must not lift them). */
  silences?: SilenceStore;
}

export interface ReceiveResult {
  accepted: number;
  /** One line per rejected alert, e.g. `[2].labels: an alert needs at least one label`. */
  errors: string[];
}

export interface NotificationRecord {
  groupKey: string;
  receiver: string;
  url: string;
  payload: WebhookPayload;
  result: DeliveryResult;
}

export interface AlertView extends NotifierAlert {
  state: 'active' | 'suppressed';
  silencedBy: string[];
  inhibitedBy: string[];
}

/**
 * Alertmanager's dispatch pipeline, stepped explicitly: `receive` routes alerts into aggregation
 * groups; `tick(nowMs)` flushes every group whose flush is due at `nowMs` — mutes inhibited and
 * silenced alerts, applies the notification log's dedup and posts version 4 webhook payloads.
 * A flush is due at the first tick at or after its time; the next one is then `group_interval`
 * after that tick, as Alertmanager resets its timer when it fires. Drive `tick` from a loop
 * (`startNotifierLoop`) or from a test after stepping a FakeClock. A failed delivery is counted,
 * not thrown, and leaves the notification log untouched so the next flush tries again.
 */
export class Notifier {
  readonly silences: SilenceStore;
  readonly stats = { notificationsSent: 0, notificationsFailed: 0 };
  private readonly config: NotifierConfig;
  private readonly clock: Clock;
  private readonly sender: WebhookSender;
  private readonly externalURL: string;
  private readonly alerts = new Map<string, NotifierAlert>();
  private readonly groups = new Map<string, AggregationGroup>();
  private readonly log = new Map<string, NotificationLogEntry>();

  constructor(options: NotifierOptions) {
    this.config = isParsedConfig(options.config) ? options.config : parseNotifierConfig(options.config);
    this.clock = options.clock;
    this.sender = options.sender;
    this.externalURL = options.externalURL ?? '';
    this.silences = options.silences ?? new SilenceStore(options.clock);
  }

  receive(inputs: readonly unknown[]): ReceiveResult {
    const now = this.clock.now();
    const result: ReceiveResult = { accepted: 0, errors: [] };
    inputs.forEach((input, index) => {
      const parsed = IncomingAlertSchema.safeParse(input);
      if (!parsed.success) {
        result.errors.push(...parsed.error.issues.map((issue) => `${formatIssuePath([index, ...issue.path])}: ${issue.message}`));
        return;
      }
      const normalised = normaliseAlert(parsed.data, now, this.config.resolveTimeoutMs);
      if (typeof normalised === 'string') {
        result.errors.push(`[${index}].${normalised}`);
        return;
      }
      const held = this.alerts.get(normalised.fingerprint);
      const alert = held ? mergeAlert(held, normalised, now) : normalised;
      this.alerts.set(alert.fingerprint, alert);
      this.dispatch(alert, now);
      result.accepted++;
    });
    return result;
  }

  async tick(nowMs: number = this.clock.now()): Promise<NotificationRecord[]> {
    for (const [fingerprint, alert] of this.alerts) if (isResolvedAt(alert, nowMs)) this.alerts.delete(fingerprint);
    for (const [id, group] of this.groups) if (group.alerts.size === 0 && !group.inFlight) this.groups.delete(id);
    const due = [...this.groups.values()]
      .filter((group) => group.nextFlushAt <= nowMs && !group.inFlight)
      .sort((a, b) => a.nextFlushAt - b.nextFlushAt || (a.id < b.id ? -1 : 1));
    for (const group of due) {
      group.nextFlushAt = nowMs + group.route.groupIntervalMs;
      group.hasFlushed = true;
    }
    const flushed = await Promise.all(due.map((group) => this.flush(group, nowMs)));
    return flushed.flat();
  }

  /** Every alert held, with whether a silence or an inhibition mutes it now. */
  listAlerts(nowMs: number = this.clock.now()): AlertView[] {
    return [...this.alerts.values()].map((alert) => {
      const silencedBy = this.silences.silencedBy(alert.labels, nowMs);
      const inhibitor = inhibitedBy(alert, this.config.inhibitRules, this.alerts.values(), nowMs);
      const inhibited = inhibitor === undefined ? [] : [inhibitor];
      const state = silencedBy.length > 0 || inhibited.length > 0 ? 'suppressed' : 'active';
      return { ...alert, state, silencedBy, inhibitedBy: inhibited };
    });
  }

  /** When the next group flush is due, for a loop that wants to sleep until then. */
  nextFlushAt(): number | undefined {
    let next: number | undefined;
    for (const group of this.groups.values()) if (next === undefined || group.nextFlushAt < next) next = group.nextFlushAt;
    return next;
  }

  /** Forgets alerts, groups and the notification log (a stack reset); silences stay. */
  reset(): void {
    this.alerts.clear();
    this.groups.clear();
    this.log.clear();
  }

  private dispatch(alert: NotifierAlert, now: number): void {
    for (const route of matchRoutes(this.config.route, alert.labels)) {
      const groupLabels = AggregationGroup.labelsFor(route, alert.labels);
      const id = AggregationGroup.idFor(route, groupLabels);
      let group = this.groups.get(id);
      if (!group) {
        group = new AggregationGroup(id, route, groupLabels, now);
        this.groups.set(id, group);
      }
      group.insert(alert, now);
    }
  }

  private async flush(group: AggregationGroup, now: number): Promise<NotificationRecord[]> {
    const snapshot = [...group.alerts.values()].sort(compareAlerts);
    const visible = snapshot.filter((alert) => !this.isMuted(alert, now));
    const receiver = this.config.receivers.get(group.route.receiver)!;
    group.inFlight = true;
    try {
      const outcomes = await Promise.all(
        receiver.webhooks.map((webhook, index) => this.notifyWebhook(group, visible, webhook, `${group.id}|${receiver.name}|${index}`, now)),
      );
      if (outcomes.every((outcome) => outcome.ok)) group.forgetDelivered(snapshot.filter((alert) => isResolvedAt(alert, now)));
      return outcomes.flatMap((outcome) => (outcome.record ? [outcome.record] : []));
    } finally {
      group.inFlight = false;
    }
  }

  private async notifyWebhook(
    group: AggregationGroup,
    visible: readonly NotifierAlert[],
    webhook: WebhookTarget,
    logKey: string,
    now: number,
  ): Promise<{ ok: boolean; record?: NotificationRecord }> {
    if (visible.length === 0) return { ok: true };
    const firing = new Set(visible.filter((alert) => !isResolvedAt(alert, now)).map((alert) => alert.fingerprint));
    const resolved = new Set(visible.filter((alert) => isResolvedAt(alert, now)).map((alert) => alert.fingerprint));
    if (!needsNotification(this.log.get(logKey), firing, resolved, webhook.sendResolved, group.route.repeatIntervalMs, now)) return { ok: true };
    const toSend = webhook.sendResolved ? visible : visible.filter((alert) => firing.has(alert.fingerprint));
    const entry: NotificationLogEntry = { firing, resolved, timestamp: now };
    if (toSend.length === 0) {
      this.log.set(logKey, entry);
      return { ok: true };
    }
    const payload = buildWebhookPayload(toSend, {
      receiver: group.route.receiver,
      groupKey: group.groupKey,
      groupLabels: group.groupLabels,
      externalURL: this.externalURL,
      maxAlerts: webhook.maxAlerts,
      nowMs: now,
    });
    const result = await this.sender.send(webhook.url, payload);
    if (result.ok) {
      this.log.set(logKey, entry);
      this.stats.notificationsSent++;
    } else {
      this.stats.notificationsFailed++;
    }
    return { ok: result.ok, record: { groupKey: group.groupKey, receiver: group.route.receiver, url: webhook.url, payload, result } };
  }

  private isMuted(alert: NotifierAlert, now: number): boolean {
    if (inhibitedBy(alert, this.config.inhibitRules, this.alerts.values(), now) !== undefined) return true;
    return this.silences.silencedBy(alert.labels, now).length > 0;
  }
}

function isParsedConfig(config: unknown): config is NotifierConfig {
  return typeof config === 'object' && config !== null && 'resolveTimeoutMs' in config && (config as NotifierConfig).receivers instanceof Map;
}
