import { Injectable } from '@nestjs/common';
import { metricsOfPromql } from '@firedrill/scenarios/loader';
import { ActionEnvelopeSchema } from '../actions/action-request.js';
import { ActionsService } from '../actions/actions.service.js';
import type { Principal } from '../auth/token.service.js';
import { AppError, parseWith } from '../common/errors.js';
import { PrometheusApiService, type PrometheusSuccess } from '../prometheus-api/prometheus-api.service.js';
import { PrometheusApiError } from '../prometheus-api/prometheus-params.js';
import { StackRegistry } from '../stacks/stack-registry.js';
import { TelemetryService } from '../telemetry/telemetry.service.js';
import { AcknowledgeSchema, DeclareSchema, DiagnosisSchema, HintSchema, QuerySchema, StatusUpdateSchema, type QueryRequest } from './drill-requests.js';
import { seesEverything } from './drill-views.js';
import { DrillsService } from './drills.service.js';
import type { Actor, DrillEvent, DrillEventData, DrillEventType, DrillState } from './timeline.js';

/** While a drill is in one of these states its responders can work on it. */
const ACTIVE_STATES: readonly DrillState[] = ['running', 'detected', 'acknowledged', 'diagnosed', 'mitigated'];

/**
 * The responder's tools inside a drill. Every use is recorded on the timeline (durable) before
 * the answer goes back, because scoring and the runbook evidence are derived from those events.
 * Reads by observers are not recorded: they watch, and their reads must not count as the team's
 * investigation. A refused or failed action is recorded too: trying a harmful action matters.
 */
@Injectable()
export class ResponderToolsService {
  constructor(
    private readonly drills: DrillsService,
    private readonly prometheus: PrometheusApiService,
    private readonly telemetry: TelemetryService,
    private readonly actions: ActionsService,
    private readonly stacks: StackRegistry,
  ) {}

  async acknowledge(drillId: string, principal: Principal, body: unknown): Promise<DrillEvent> {
    const { alert } = parseWith(AcknowledgeSchema, body ?? {});
    this.requireActive(drillId, 'acknowledge a page');
    return this.record(drillId, principal, 'page.acknowledged', alert === undefined ? {} : { alert });
  }

  async declare(drillId: string, principal: Principal, body: unknown): Promise<DrillEvent> {
    const { summary } = parseWith(DeclareSchema, body);
    this.requireActive(drillId, 'declare an incident');
    return this.record(drillId, principal, 'incident.declared', { summary });
  }

  /** PromQL on the drill's stack, instant or range; records the metrics the query touches. */
  async query(drillId: string, principal: Principal, body: unknown): Promise<PrometheusSuccess> {
    const request = parseWith(QuerySchema, body);
    const stackId = this.requireActive(drillId, 'run queries');
    const parsed = metricsOfPromql(request.query);
    const metrics = parsed.ok ? parsed.metrics.sort() : [];
    const base = { promql: request.query, range: request.range !== undefined, metrics };
    let answer: PrometheusSuccess;
    try {
      answer = request.range ? this.prometheus.queryRange(stackId, rangeParams(request)) : this.prometheus.query(stackId, instantParams(request));
    } catch (error) {
      if (!(error instanceof PrometheusApiError)) throw error;
      await this.record(drillId, principal, 'query.run', { ...base, ok: false, error: error.message });
      throw AppError.invalid([{ field: fieldOfPrometheusError(error.message), message: error.message }], 'query refused');
    }
    await this.record(drillId, principal, 'query.run', { ...base, ok: true });
    return answer;
  }

  async searchLogs(drillId: string, principal: Principal, query: Record<string, unknown>) {
    const stackId = this.requireActive(drillId, 'search logs');
    const answer = this.telemetry.searchLogs(stackId, query);
    // searchLogs validated the query (strict schema of single strings), so these are strings or absent.
    const filters = { service: query['service'], level: query['level'], text: query['q'], traceId: query['traceId'] } as Record<string, string | undefined>;
    const defined = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
    await this.recordRead(drillId, principal, 'logs.searched', { ...defined, results: answer.entries.length });
    return answer;
  }

  /** Listing traces is browsing, not viewing one: only `viewTrace` is recorded. */
  listTraces(drillId: string, query: Record<string, unknown>) {
    const stackId = this.requireActive(drillId, 'list traces');
    return this.telemetry.listTraces(stackId, query);
  }

  async viewTrace(drillId: string, principal: Principal, traceId: string) {
    const stackId = this.requireActive(drillId, 'view traces');
    const trace = this.telemetry.getTrace(stackId, traceId);
    await this.recordRead(drillId, principal, 'trace.viewed', { traceId, services: [...trace.services].sort() });
    return trace;
  }

  /** An action of the allow-list on the drill's stack, with the drill's rollback. */
  async act(drillId: string, principal: Principal, body: unknown) {
    const envelope = parseWith(ActionEnvelopeSchema, body);
    const stackId = this.requireActive(drillId, 'take actions');
    try {
      const outcome = await this.actions.execute(stackId, envelope, { rollback: (service) => this.drills.rollback(drillId, service) });
      const { action, service, params, result } = outcome;
      await this.record(drillId, principal, 'action.taken', { action, service, params, ok: true, result });
      return { ok: true, ...outcome };
    } catch (error) {
      const service = envelope.service ?? (typeof envelope.params['service'] === 'string' ? envelope.params['service'] : undefined);
      const { service: _inParams, ...params } = envelope.params;
      const message = error instanceof Error ? error.message : String(error);
      await this.record(drillId, principal, 'action.taken', { action: envelope.action, ...(service === undefined ? {} : { service }), params, ok: false, error: message });
      throw error;
    }
  }

  async diagnose(drillId: string, principal: Principal, body: unknown): Promise<DrillEvent> {
    const diagnosis = parseWith(DiagnosisSchema, body);
    this.requireActive(drillId, 'submit a diagnosis');
    return this.record(drillId, principal, 'diagnosis.submitted', diagnosis);
  }

  async postStatus(drillId: string, principal: Principal, body: unknown): Promise<DrillEvent> {
    const { text } = parseWith(StatusUpdateSchema, body);
    this.requireActive(drillId, 'post status updates');
    return this.record(drillId, principal, 'status.posted', { text });
  }

  /** A hint's text. Its cost is charged once: asking again shows the same text for free. */
  async hint(drillId: string, principal: Principal, body: unknown) {
    const { hintId } = parseWith(HintSchema, body);
    this.requireActive(drillId, 'ask for hints');
    const hints = this.drills.scenarioOf(drillId).spec.hints;
    const hint = hints.find((candidate) => candidate.id === hintId);
    if (!hint) {
      const known = hints.map((candidate) => candidate.id).join(', ') || 'none';
      throw AppError.invalid([{ field: 'hintId', message: `"${hintId}" is not a hint of this drill; its hints: ${known}` }]);
    }
    const already = this.drills.timeline(drillId).some((event) => event.type === 'hint.requested' && (event as DrillEvent<'hint.requested'>).data.hintId === hintId);
    if (!already) await this.record(drillId, principal, 'hint.requested', { hintId, cost: hint.cost });
    return { hintId, text: hint.text, cost: hint.cost, charged: !already };
  }

  /** The drill's stack, or 409 naming why the drill cannot be worked on now. */
  private requireActive(drillId: string, what: string): string {
    const { state } = this.drills.view(drillId);
    if (!ACTIVE_STATES.includes(state)) {
      const why = state === 'created' ? 'has not started yet' : `has ended (${state})`;
      throw new AppError('conflict', `cannot ${what}: drill "${drillId}" ${why}`);
    }
    return this.drills.stackIdOf(drillId);
  }

  private record<T extends DrillEventType>(drillId: string, principal: Principal, type: T, data: DrillEventData[T]): Promise<DrillEvent> {
    return this.drills.record(drillId, { type, at: this.now(drillId), actor: actorOf(principal), data });
  }

  /** Observers only watch: their reads are answered, never recorded as the team's investigation. */
  private async recordRead<T extends DrillEventType>(drillId: string, principal: Principal, type: T, data: DrillEventData[T]): Promise<void> {
    if (principal.role !== 'observer') await this.record(drillId, principal, type, data);
  }

  /** Drill time: the drill stack's clock (a drill at speed 60 lives faster than the wall). */
  private now(drillId: string): number {
    const stackId = this.drills.view(drillId).stackId;
    const stack = stackId === null ? undefined : this.stacks.all().find((candidate) => candidate.id === stackId);
    return stack?.clock.now() ?? Date.now();
  }
}

export function actorOf(principal: Principal): Actor {
  return { role: principal.role, name: seesEverything(principal) ? 'facilitator' : principal.name };
}

function instantParams(request: QueryRequest): Record<string, string> {
  return { query: request.query, ...(request.time === undefined ? {} : { time: String(request.time) }) };
}

function rangeParams(request: QueryRequest): Record<string, string> {
  const { start, end, step } = request.range!;
  return { query: request.query, start: String(start), end: String(end), step: String(step) };
}

/** Prometheus names the parameter in its message (`invalid parameter "end": ...`); a PromQL error is the query's. */
function fieldOfPrometheusError(message: string): string {
  const parameter = /invalid parameter "(\w+)"/.exec(message)?.[1];
  if (parameter === 'start' || parameter === 'end' || parameter === 'step') return `range.${parameter}`;
  return parameter === 'time' ? 'time' : 'query';
}
