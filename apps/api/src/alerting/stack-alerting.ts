import { RealClock, type Clock } from '@firedrill/clock';
import {
  ExternalAlertSource,
  Notifier,
  RulesManager,
  UndiciWebhookSender,
  alertsForNotifier,
  demoStackRuleGroups,
  type ActiveAlert,
  type AlertTransition,
  type AlertmanagerWebhook,
  type GroupEvaluation,
  type NotificationRecord,
  type RuleGroup,
  type SilenceStore,
} from '@firedrill/alerting';
import { Engine, type Appendable, type Queryable } from '@firedrill/promql';

export interface StackAlertingOptions {
  stackId: string;
  /** The stack's clock: rules evaluate at stack time, like the scraper stamps samples. */
  clock: Clock;
  tsdb: Queryable & Appendable;
  /** Scrape interval in stack ms; rules evaluate on the same grid. */
  intervalMs: number;
  /** Subscribes to completed scrape cycles (stack time); returns the unsubscribe function. */
  onScrapeCycle: (listener: (tMs: number) => void) => () => void;
  onTransition: (transition: AlertTransition) => void;
  /** Notifier config in Alertmanager's shape; the default routes everything to no webhook. */
  notifierConfig?: unknown;
  externalUrl?: string;
  /** Groups evaluated beside the demo defaults (a drill scenario's own rules and SLOs). */
  extraGroups?: readonly RuleGroup[];
  /** Told after each evaluation round (Firedrill's own /metrics listens). */
  onEvaluated?: (observation: RuleEvaluationObservation) => void;
  /** Wall time in ms for measuring how long a round takes (default performance.now). */
  wallNow?: () => number;
}

/** How one round of rule evaluation went, in wall seconds. */
export interface RuleEvaluationObservation {
  /** Wall time the groups due took to evaluate (the synchronous rules part, not notifications). */
  durationSeconds: number;
  /**
   * How far behind its slot the round ran: the stack clock's now minus the earliest slot evaluated,
   * in wall seconds (divided by the stack's speed), so stacks at any speed compare. Grows when the
   * event loop is busy or scrapes are slow.
   */
  lagSeconds: number;
  /** Rules that failed in the round. */
  failures: number;
}

/** The default notifier config: one receiver without webhooks, drill-scale timings. */
export const DEFAULT_NOTIFIER_CONFIG = {
  route: { receiver: 'firedrill', group_by: ['alertname', 'service'], group_wait: '10s', group_interval: '1m', repeat_interval: '1h' },
  receivers: [{ name: 'firedrill' }],
};

/** Webhook timeouts and retries are about real HTTP servers, so they run on wall time. */
const WALL_CLOCK = new RealClock();
const MAX_TRANSITIONS = 1000;
const MAX_NOTIFICATIONS = 200;

export interface AlertView {
  name: string;
  state: 'pending' | 'firing';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number;
  activeAt: string;
  firedAt: string | null;
  source: 'rules' | 'alertmanager';
}

/**
 * One stack's alerting: the rules manager over the stack's own store, the notifier fed with what
 * Prometheus would post, and the alerts received from a real Alertmanager. The loop is a thin shell
 * around `evaluate(t)`, which tests call directly with stepped times.
 */
export class StackAlerting {
  readonly rules: RulesManager;
  private currentNotifier: Notifier;
  readonly external = new ExternalAlertSource();
  readonly groups: RuleGroup[];
  readonly transitions: AlertTransition[] = [];
  readonly notifications: NotificationRecord[] = [];
  readonly stats = { evaluations: 0, lastEvaluationAt: undefined as number | undefined };
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: StackAlertingOptions) {
    // Samples are stamped with stack time, so rule windows need no extra scaling (timeScale 1);
    // the floor of four scrape intervals keeps rate() windows meaningful at any speed.
    this.groups = [
      ...demoStackRuleGroups({ timeScale: 1, evaluationIntervalMs: options.intervalMs, scrapeIntervalMs: options.intervalMs }),
      ...(options.extraGroups ?? []),
    ];
    this.rules = new RulesManager({
      groups: this.groups,
      engine: new Engine(options.tsdb, { maxSamples: 5_000_000 }),
      appendable: options.tsdb,
      defaultIntervalMs: options.intervalMs,
      externalUrl: options.externalUrl,
      files: Object.fromEntries(this.groups.map((group) => [group.name, options.extraGroups?.includes(group) ? 'scenario' : 'builtin:demo-stack'])),
      onTransition: (transition) => this.record(transition),
    });
    this.currentNotifier = this.createNotifier(options.notifierConfig ?? DEFAULT_NOTIFIER_CONFIG);
  }

  get notifier(): Notifier {
    return this.currentNotifier;
  }

  /**
   * Evaluation follows the scraper: after each scrape cycle stamped t, the groups due at t run.
   * A slot is therefore only evaluated once every sample stamped at or before it is stored, so
   * the time from a condition appearing in the data to `firing` is `for` plus at most one interval.
   */
  start(): void {
    this.unsubscribe = this.options.onScrapeCycle((tMs) => {
      // Not chained: the rules part of `evaluate` runs synchronously now, so a slow webhook never
      // delays the next evaluation (the notifier skips groups whose delivery is still running).
      this.evaluate(tMs).catch(() => {
        // Rule failures are kept per rule (health, lastError); delivery failures by the notifier.
      });
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /**
   * Evaluates the groups due at `t` (synchronously), then hands the notifier what Prometheus
   * would send it; the returned promise ends when that notifier tick's deliveries have.
   */
  async evaluate(timeMs: number): Promise<void> {
    const wallNow = this.options.wallNow ?? (() => performance.now());
    const started = wallNow();
    const evaluations = this.rules.evaluateDue(timeMs);
    if (evaluations.length === 0) return;
    this.observe(evaluations, wallNow() - started);
    this.stats.evaluations++;
    this.stats.lastEvaluationAt = timeMs;
    const outgoing = alertsForNotifier([...this.rules.alerts(), ...this.rules.resolvedAlerts()], {
      nowMs: timeMs,
      evaluationIntervalMs: this.options.intervalMs,
      resendDelayMs: this.options.intervalMs,
    });
    if (outgoing.length > 0) this.notifier.receive(outgoing);
    const sent = await this.notifier.tick(timeMs);
    for (const record of sent) this.keep(this.notifications, record, MAX_NOTIFICATIONS);
  }

  /** Replaces the notifier (a new Alertmanager-style config); silences carry over, as on an Alertmanager reload. */
  configureNotifier(config: unknown): void {
    this.currentNotifier = this.createNotifier(config, this.currentNotifier.silences);
  }

  receiveWebhook(webhook: AlertmanagerWebhook): AlertTransition[] {
    const transitions = this.external.apply(webhook, this.options.clock.now());
    for (const transition of transitions) this.record(transition);
    return transitions;
  }

  /** Transitions from a real Prometheus that Firedrill polls (already in stack time): history and feed like the rest. */
  receiveTransitions(transitions: readonly AlertTransition[]): void {
    for (const transition of transitions) this.record(transition);
  }

  alerts(): AlertView[] {
    const fromRules = this.rules.alerts().map((alert) => view(alert, 'rules'));
    const fromAlertmanager = this.external.active().map((alert) => view(alert, 'alertmanager'));
    return [...fromRules, ...fromAlertmanager].sort((a, b) => a.activeAt.localeCompare(b.activeAt) || a.name.localeCompare(b.name));
  }

  private createNotifier(config: unknown, silences?: SilenceStore): Notifier {
    return new Notifier({
      config,
      clock: this.options.clock,
      sender: new UndiciWebhookSender({ clock: WALL_CLOCK }),
      externalURL: this.options.externalUrl,
      ...(silences ? { silences } : {}),
    });
  }

  private observe(evaluations: readonly GroupEvaluation[], durationMs: number): void {
    if (!this.options.onEvaluated) return;
    const { clock } = this.options;
    const earliestSlot = Math.min(...evaluations.map((evaluation) => evaluation.timeMs));
    this.options.onEvaluated({
      durationSeconds: durationMs / 1000,
      lagSeconds: Math.max(0, clock.now() - earliestSlot) / clock.speed / 1000,
      failures: evaluations.reduce((sum, evaluation) => sum + evaluation.failures.length, 0),
    });
  }

  private record(transition: AlertTransition): void {
    this.keep(this.transitions, transition, MAX_TRANSITIONS);
    this.options.onTransition(transition);
  }

  private keep<T>(list: T[], item: T, max: number): void {
    list.push(item);
    if (list.length > max) list.splice(0, list.length - max);
  }
}

function view(alert: ActiveAlert, source: AlertView['source']): AlertView {
  return {
    name: alert.rule,
    state: alert.state,
    labels: alert.labels,
    annotations: alert.annotations,
    value: alert.value,
    activeAt: new Date(alert.activeAt).toISOString(),
    firedAt: alert.firedAt === undefined ? null : new Date(alert.firedAt).toISOString(),
    source,
  };
}
