import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AlertingValidationError, parseAlertmanagerWebhook, type ActiveAlert, type AlertTransition, type AlertmanagerWebhook } from '@firedrill/alerting';
import { z } from 'zod';
import { AlertingService, transitionView } from '../alerting/alerting.service.js';
import { AppError, parseWith } from '../common/errors.js';
import { APP_OPTIONS, type AppOptions } from '../config/app-options.js';
import type { Stack } from '../stacks/stack.js';
import { StackRegistry } from '../stacks/stack-registry.js';
import { PrometheusAlertPoller } from './prometheus-alert-poller.js';
import { httpSdTargetGroups, STACK_LABEL } from './sd-targets.js';

const SdQuerySchema = z.object({ stack: z.string().min(1).optional(), alertSource: z.enum(['embedded', 'prometheus']).optional() }).strict();

/** How often the real Prometheus is polled for alerts (wall ms); its rules evaluate every second or more. */
export const POLL_INTERVAL_MS = 2000;

/**
 * Real monitoring as a stack's alert source: service discovery for the real Prometheus, and its
 * alerts brought into the stacks that asked for them (`alertSource: prometheus`), either from
 * Alertmanager's webhook (when FIREDRILL_ALERTMANAGER_URL is set: Alertmanager is the feed) or by
 * polling FIREDRILL_PROMETHEUS_URL (otherwise). One feed, not both, so no alert arrives twice.
 * An alert goes to the stack its `firedrill_stack` label names; rules that aggregate the label
 * away (sum by (service)) give alerts without it, which go to the one stack the real Prometheus
 * watches (the lease allows one at a time).
 */
@Injectable()
export class RealAlertsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('real-alerts');
  private poller: PrometheusAlertPoller | undefined;
  private lastError: string | undefined;

  constructor(
    private readonly registry: StackRegistry,
    private readonly alerting: AlertingService,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  onModuleInit(): void {
    const { prometheusUrl, alertmanagerUrl } = this.options.components ?? {};
    if (!prometheusUrl || alertmanagerUrl) return;
    this.poller = new PrometheusAlertPoller({
      url: prometheusUrl,
      intervalMs: POLL_INTERVAL_MS,
      wanted: () => this.watched().length > 0,
      onTransitions: (transitions) => this.deliverPolled(transitions),
      onError: (message) => {
        // Once per distinct failure: a Prometheus that is down would otherwise log every 2 s.
        if (message !== this.lastError) this.logger.warn(message);
        this.lastError = message;
      },
    });
    this.poller.start();
    this.logger.log(`polling ${prometheusUrl} for the alerts of stacks with alertSource prometheus`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.poller?.stop();
  }

  serviceDiscovery(query: unknown) {
    const filter = parseWith(SdQuerySchema, query);
    const stacks = this.registry.all().map((stack) => {
      // Read structurally: only targets reachable from other machines (docker-compose) advertise a host.
      const { advertisedHost } = stack.target as { advertisedHost?: string };
      return { id: stack.id, profile: stack.profile, instances: stack.target.instances(), ...(advertisedHost ? { advertisedHost } : {}) };
    });
    return httpSdTargetGroups(stacks, filter);
  }

  /** Alertmanager's webhook for every stack: each alert to the stack it belongs to. */
  receiveWebhook(body: unknown) {
    let webhook: AlertmanagerWebhook;
    try {
      webhook = parseAlertmanagerWebhook(body);
    } catch (error) {
      if (!(error instanceof AlertingValidationError)) throw error;
      throw AppError.invalid(error.problems.map((problem) => ({ field: problem.split(': ')[0] ?? '(body)', message: problem })), 'invalid Alertmanager webhook');
    }
    const byStack = new Map<Stack, AlertmanagerWebhook['alerts']>();
    let unmatched = 0;
    for (const alert of webhook.alerts) {
      const stack = this.stackFor(alert.labels);
      if (!stack) {
        unmatched++;
        continue;
      }
      const toStack = (ms: number) => stack.clock.fromWallMs(ms);
      const converted = { ...alert, startsAt: toStack(alert.startsAt), ...(alert.endsAt === undefined ? {} : { endsAt: toStack(alert.endsAt) }) };
      byStack.set(stack, [...(byStack.get(stack) ?? []), converted]);
    }
    const transitions = [];
    for (const [stack, alerts] of byStack) {
      transitions.push(...this.alerting.forStack(stack.id).receiveWebhook({ ...webhook, alerts }).map((t) => ({ stack: stack.id, ...transitionView(t) })));
    }
    return { accepted: webhook.alerts.length - unmatched, unmatched, transitions };
  }

  private deliverPolled(transitions: AlertTransition[]): void {
    const byStack = new Map<Stack, AlertTransition[]>();
    for (const transition of transitions) {
      const stack = this.stackFor(transition.labels);
      if (!stack) continue;
      byStack.set(stack, [...(byStack.get(stack) ?? []), inStackTime(transition, (ms) => stack.clock.fromWallMs(ms))]);
    }
    for (const [stack, stackTransitions] of byStack) {
      try {
        this.alerting.forStack(stack.id).receiveTransitions(stackTransitions);
      } catch (error) {
        this.logger.warn(`stack ${stack.id}: ${(error as Error).message}`);
      }
    }
  }

  /** Stacks whose alerts come from the real monitoring. */
  private watched(): Stack[] {
    return this.registry.all().filter((stack) => stack.profile.alertSource === 'prometheus');
  }

  private stackFor(labels: Record<string, string>): Stack | undefined {
    const watched = this.watched();
    const named = labels[STACK_LABEL];
    if (named !== undefined) return watched.find((stack) => stack.id === named);
    return watched.length === 1 ? watched[0] : undefined;
  }
}

/** Prometheus stamps wall time; a stack's events are on its own clock (the same at speed 1). */
function inStackTime(transition: AlertTransition, toStack: (ms: number) => number): AlertTransition {
  const alert: ActiveAlert = { ...transition.alert, activeAt: toStack(transition.alert.activeAt) };
  if (transition.alert.firedAt !== undefined) alert.firedAt = toStack(transition.alert.firedAt);
  if (transition.alert.resolvedAt !== undefined) alert.resolvedAt = toStack(transition.alert.resolvedAt);
  return { ...transition, at: toStack(transition.at), alert };
}
