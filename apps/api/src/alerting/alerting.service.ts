import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  AlertingValidationError,
  parseAlertmanagerWebhook,
  parseNotifierConfig,
  toPrometheusAlert,
  toPrometheusRulesResponse,
  type AlertTransition,
  type RuleGroup,
} from '@firedrill/alerting';
import { z } from 'zod';
import { AppError, parseWith } from '../common/errors.js';
import { EventsHub } from '../realtime/events-hub.js';
import type { Stack } from '../stacks/stack.js';
import { StackRegistry } from '../stacks/stack-registry.js';
import { TelemetryService } from '../telemetry/telemetry.service.js';
import { EventEmitter } from 'node:events';
import { StackAlerting, type RuleEvaluationObservation } from './stack-alerting.js';

const RulesQuerySchema = z.object({ type: z.enum(['alert', 'record']).optional() }).passthrough();

/** The alert transitions as the websocket and the alerts history show them. */
export function transitionView(transition: AlertTransition) {
  return {
    group: transition.group,
    alert: transition.rule,
    labels: transition.labels,
    from: transition.from,
    to: transition.to,
    at: new Date(transition.at).toISOString(),
    value: Number.isFinite(transition.alert.value) ? transition.alert.value : null,
    annotations: transition.alert.annotations,
  };
}

export interface NotificationView {
  receiver: string;
  url: string;
  groupKey: string;
  status: string;
  alerts: number;
  delivered: boolean;
  error: string | null;
}

/**
 * Runs every stack's rules and notifier, created when a stack is added and stopped before it is
 * removed. Alert transitions go to the events hub; the websocket gateway listens there.
 */
@Injectable()
export class AlertingService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('alerting');
  private readonly byStack = new Map<string, StackAlerting>();
  /** Every stack's evaluation rounds, for listeners such as Firedrill's own /metrics. */
  readonly evaluations = new EventEmitter<{ evaluated: [RuleEvaluationObservation] }>();

  constructor(
    private readonly registry: StackRegistry,
    private readonly telemetry: TelemetryService,
    private readonly hub: EventsHub,
  ) {}

  /**
   * Listens from onModuleInit, which Nest runs after the telemetry module's (alerting imports
   * it), so a stack's telemetry exists by the time its alerting is attached.
   */
  onModuleInit(): void {
    this.registry.events.on('added', (stack) => this.attach(stack));
    this.registry.events.on('removing', (stack) => this.detach(stack.id));
    for (const stack of this.registry.all()) this.attach(stack);
  }

  forStack(stackId: string): StackAlerting {
    this.registry.get(stackId); // 404 for an unknown stack
    const alerting = this.byStack.get(stackId);
    if (!alerting) throw new AppError('conflict', `stack "${stackId}" is still starting its alerting; try again in a moment`);
    return alerting;
  }

  alerts(stackId: string) {
    const alerting = this.forStack(stackId);
    return { alerts: alerting.alerts(), lastEvaluationAt: iso(alerting.stats.lastEvaluationAt) };
  }

  history(stackId: string) {
    return { transitions: this.forStack(stackId).transitions.map(transitionView) };
  }

  prometheusAlerts(stackId: string) {
    const alerting = this.forStack(stackId);
    return { alerts: [...alerting.rules.alerts(), ...alerting.external.active()].map(toPrometheusAlert) };
  }

  prometheusRules(stackId: string, query: unknown) {
    const { type } = parseWith(RulesQuerySchema, query);
    return toPrometheusRulesResponse(this.forStack(stackId).rules, type ? { type } : {}).data;
  }

  notifications(stackId: string): { notifications: NotificationView[] } {
    return {
      notifications: this.forStack(stackId).notifications.map((record) => ({
        receiver: record.receiver,
        url: record.url,
        groupKey: record.groupKey,
        status: record.payload.status,
        alerts: record.payload.alerts.length,
        delivered: record.result.ok,
        error: record.result.error ?? null,
      })),
    };
  }

  configureNotifier(stackId: string, body: unknown) {
    const alerting = this.forStack(stackId);
    invalidAsBadRequest(() => parseNotifierConfig(body));
    alerting.configureNotifier(body);
    return { configured: true };
  }

  receiveWebhook(stackId: string, body: unknown) {
    const alerting = this.forStack(stackId);
    const webhook = invalidAsBadRequest(() => parseAlertmanagerWebhook(body));
    return { accepted: webhook.alerts.length, transitions: alerting.receiveWebhook(webhook).map(transitionView) };
  }

  /** Silence times are stack time, like every alert time of the stack. */
  createSilence(stackId: string, body: unknown) {
    const silences = this.forStack(stackId).notifier.silences;
    return invalidAsBadRequest(() => silences.create(body as Parameters<typeof silences.create>[0]));
  }

  expireSilence(stackId: string, silenceId: string) {
    const silences = this.forStack(stackId).notifier.silences;
    if (!silences.get(silenceId)) throw AppError.notFound(`silence "${silenceId}"`);
    try {
      return silences.expire(silenceId);
    } catch (error) {
      throw new AppError('conflict', (error as Error).message);
    }
  }

  /**
   * Adds rule groups to a stack's evaluation (a drill scenario's own rules and SLOs). The stack's
   * alerting is rebuilt with them, so call it before anything fires: alert state starts afresh.
   */
  useExtraGroups(stackId: string, groups: readonly RuleGroup[]): void {
    const stack = this.registry.get(stackId);
    this.detach(stackId);
    this.attach(stack, groups);
  }

  onApplicationShutdown(): void {
    for (const id of [...this.byStack.keys()]) this.detach(id);
  }

  private attach(stack: Stack, extraGroups: readonly RuleGroup[] = []): void {
    const telemetry = this.telemetry.forStack(stack.id);
    const alerting = new StackAlerting({
      extraGroups,
      stackId: stack.id,
      clock: stack.clock,
      tsdb: telemetry.tsdb,
      intervalMs: telemetry.scrapeIntervalStackMs,
      onScrapeCycle: (listener) => {
        telemetry.scrapes.on('cycle', listener);
        return () => telemetry.scrapes.off('cycle', listener);
      },
      onTransition: (transition) => this.hub.publish({ stackId: stack.id, topic: 'alerts', payload: transitionView(transition) }),
      onEvaluated: (observation) => this.evaluations.emit('evaluated', observation),
    });
    this.byStack.set(stack.id, alerting);
    alerting.start();
    this.logger.log(`stack ${stack.id}: ${alerting.groups.length} rule groups every ${telemetry.scrapeIntervalStackMs} ms of stack time`);
  }

  private detach(stackId: string): void {
    this.byStack.get(stackId)?.stop();
    this.byStack.delete(stackId);
  }
}

/** The alerting library reports bad input as a ValidationError listing every problem. */
function invalidAsBadRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof AlertingValidationError) {
      throw new AppError('invalid_request', error.message, error.problems.map((problem) => splitProblem(problem)));
    }
    throw error;
  }
}

function splitProblem(problem: string): { field: string; message: string } {
  const colon = problem.indexOf(': ');
  return colon > 0 ? { field: problem.slice(0, colon), message: problem.slice(colon + 2) } : { field: '(body)', message: problem };
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
