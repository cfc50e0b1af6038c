import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Engine } from '@firedrill/promql';
import type { Runbook, Scenario } from '@firedrill/scenarios';
import { AlertingService } from '../alerting/alerting.service.js';
import { AppError, parseWith } from '../common/errors.js';
import { FaultsService } from '../faults/faults.service.js';
import { EventsHub } from '../realtime/events-hub.js';
import { deriveState, deriveTimers, isFinalState } from '../scoring/timers.js';
import { StackRegistry } from '../stacks/stack-registry.js';
import { StacksService } from '../stacks/stacks.service.js';
import type { DrillRecord } from '../store/sqlite/records.js';
import { DrillRepository } from '../store/sqlite/drill-repository.js';
import { TelemetryService } from '../telemetry/telemetry.service.js';
import { CreateDrillInputSchema, newDrillId, newParticipantToken, participantsOf, type DrillProvenance, type JoinLink } from './create-drill.js';
import { DrillScoring } from './drill-scoring.js';
import { drillView, timersView, type DrillView } from './drill-summary.js';
import { DrillRunner, type RolledBackFault } from './engine/drill-runner.js';
import { measureImpact } from './engine/measurements.js';
import type { DrillMeasurements } from './engine/ports.js';
import { scenarioRuleGroups } from './engine/scenario-rules.js';
import { promqlEvaluator, stackPorts } from './engine/stack-ports.js';
import { ScenarioCatalogue } from './scenario-catalogue.js';
import type { Actor, DrillEvent, NewDrillEvent } from './timeline.js';

const ENGINE: Actor = { role: 'system', name: 'engine' };

/** `GET /api/drills/:id/impact`: what the drill has cost users so far, in stack time (epoch ms). */
export interface DrillImpact {
  t0: number | null;
  /** The stack clock's now while the stack runs; null once it is gone. */
  now: number | null;
  /** The end of the measured interval: min(T4, now), or T4 after the stack is gone; null when nothing was measured. */
  measuredTo: number | null;
  errorBudgetBurned: number | null;
  requestsFailed: number | null;
}

/**
 * Drills: creation, the lifecycle (start, abort, the end after T4) and the timeline. `record` is
 * the only way an event is written: durable in the store first, then published with the drill's
 * state and timers. One DrillRunner plays each running drill on its own stack.
 */
@Injectable()
export class DrillsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('drills');
  private readonly runners = new Map<string, DrillRunner>();
  /** Drills whose start, abort or end is under way: a second lifecycle call is a 409. */
  private readonly busy = new Map<string, string>();

  constructor(
    private readonly repository: DrillRepository,
    private readonly catalogue: ScenarioCatalogue,
    private readonly scoring: DrillScoring,
    private readonly stacks: StacksService,
    private readonly registry: StackRegistry,
    private readonly faults: FaultsService,
    private readonly telemetry: TelemetryService,
    private readonly hub: EventsHub,
    private readonly alerting: AlertingService,
  ) {}

  /** Stacks die with the API and the fault ledger reverts leftovers, so only the record is left. */
  onModuleInit(): void {
    const interrupted = this.repository.interruptRunning('the API restarted while the drill was running');
    for (const drill of interrupted) {
      this.logger.warn(`drill ${drill.drillId} was ${drill.previousState} when the API stopped; marked interrupted`);
    }
  }

  /** Stops every runner's timers; the stacks service removes the stacks, the next start marks the drills interrupted. */
  beforeApplicationShutdown(): void {
    for (const runner of this.runners.values()) runner.stop();
    this.runners.clear();
  }

  async create(body: unknown, provenance?: DrillProvenance): Promise<{ id: string; joinLinks: JoinLink[] }> {
    const input = parseWith(CreateDrillInputSchema, body ?? {});
    const origin = provenance?.origin ?? input.origin ?? 'manual';
    const { scenario, runbook } = await this.catalogue.get(input.scenario);
    const id = newDrillId();
    this.repository.createDrill({
      id,
      scenarioId: scenario.metadata.id,
      scenarioVersion: scenario.metadata.version,
      scenario,
      runbook,
      speed: input.speed,
      team: input.team ?? null,
      origin,
      gameDayRunId: provenance?.gameDayRunId ?? null,
    });
    const joinLinks = participantsOf(input.responders).map((participant) => {
      const token = newParticipantToken();
      this.repository.addParticipant(id, participant.name, participant.role, token);
      return { ...participant, token };
    });
    await this.record(id, {
      type: 'drill.created',
      at: Date.now(),
      actor: { role: 'facilitator', name: 'facilitator' },
      data: {
        scenarioId: scenario.metadata.id,
        scenarioVersion: scenario.metadata.version,
        speed: input.speed,
        responders: joinLinks.filter((link) => link.role === 'responder').map((link) => link.name),
      },
    });
    this.logger.log(`drill ${id} created from scenario ${scenario.metadata.id} v${scenario.metadata.version} at speed ${input.speed}`);
    return { id, joinLinks };
  }

  async start(id: string): Promise<DrillView> {
    const drill = this.drill(id);
    if (drill.state !== 'created' || this.busy.has(id)) throw new AppError('conflict', `drill "${id}" has already been started (it is ${this.busy.get(id) ?? drill.state})`);
    this.busy.set(id, 'starting');
    try {
      const stackView = await this.stacks.create({ ...drill.scenario.spec.stack, speed: drill.speed });
      const stack = this.registry.get(stackView.id);
      this.repository.updateDrill(id, { stackId: stack.id });
      const extraGroups = scenarioRuleGroups(drill.scenario, this.telemetry.forStack(stack.id).scrapeIntervalStackMs);
      if (extraGroups.length > 0) this.alerting.useExtraGroups(stack.id, extraGroups);
      await this.record(id, { type: 'drill.started', at: stack.clock.now(), actor: { role: 'facilitator', name: 'facilitator' }, data: { stackId: stack.id } });
      const runner = new DrillRunner(
        drill.scenario,
        stackPorts(stack, { faults: this.faults, telemetry: this.telemetry, hub: this.hub }, {
          record: (event) => this.record(id, event),
          finish: (measurements) => this.finish(id, measurements).catch((error: Error) => this.logger.error(`drill ${id} did not finish cleanly: ${error.message}`)),
          // A stop condition racing a facilitator's abort finds the drill ended (409): nothing left to do.
          abort: (reason) => this.abort(id, reason, ENGINE).then(
            () => undefined,
            (error: Error) => this.logger.warn(`drill ${id}: stop condition not applied: ${error.message}`),
          ),
          log: (message) => this.logger.log(`drill ${id}: ${message}`),
        }),
      );
      this.runners.set(id, runner);
      runner.start();
      this.logger.log(`drill ${id} running on stack ${stack.id}`);
    } finally {
      this.busy.delete(id);
    }
    return this.view(id);
  }

  /** Ends a drill that has not ended: reverts its faults and removes its stack. */
  async abort(id: string, reason: string, actor: Actor): Promise<DrillView> {
    const drill = this.drill(id);
    if (isFinalState(drill.state) || drill.state === 'scored') throw new AppError('conflict', `drill "${id}" has already ended (${drill.state})`);
    const busy = this.busy.get(id);
    if (busy !== undefined) throw new AppError('conflict', `drill "${id}" is ${busy}; try again in a moment`);
    this.busy.set(id, 'aborting');
    try {
      const runner = this.runners.get(id);
      runner?.stop();
      this.runners.delete(id);
      await this.record(id, { type: 'drill.aborted', at: this.drillNow(drill), actor, data: { reason } });
      await runner?.revertAll('the drill was aborted');
      await this.removeStack(drill, 'the drill was aborted');
      this.logger.log(`drill ${id} aborted by ${actor.name}: ${reason}`);
    } finally {
      this.busy.delete(id);
    }
    return this.view(id);
  }

  /** The only way an event reaches a timeline: committed, then the state follows, then it is published. */
  async record(drillId: string, event: NewDrillEvent): Promise<DrillEvent> {
    const drill = this.drill(drillId);
    const appended = this.repository.appendEvent(drillId, event);
    const events = this.repository.events(drillId);
    const state = deriveState(events);
    const current = state === drill.state ? drill : this.repository.updateDrill(drillId, { state });
    this.hub.publish({ stackId: current.stackId ?? drillId, topic: 'drill', payload: { event: appended, state, timers: timersView(deriveTimers(events)) } });
    return appended;
  }

  view(id: string): DrillView {
    const drill = this.drill(id);
    return drillView(drill, deriveTimers(this.repository.events(id)), this.repository.scores(id), this.repository.participants(id));
  }

  timeline(id: string): DrillEvent[] {
    this.drill(id);
    return this.repository.events(id);
  }

  /**
   * The impact over [T0, min(T4, now)] measured on the live stack (the CI gate reads it before it
   * aborts a drill); once the stack is gone, what the resolution measured over [T0, T4], if any.
   */
  impact(id: string): DrillImpact {
    const drill = this.drill(id);
    const events = this.repository.events(id);
    const { t0, t4 } = deriveTimers(events);
    const stack = drill.stackId === null ? undefined : this.registry.all().find((candidate) => candidate.id === drill.stackId);
    const now = stack?.clock.now() ?? null;
    const none = { t0, now, measuredTo: null, errorBudgetBurned: null, requestsFailed: null };
    if (t0 === null) return none;
    if (stack && now !== null) {
      const to = t4 === null ? now : Math.min(t4, now);
      try {
        const measured = measureImpact(promqlEvaluator(new Engine(this.telemetry.forStack(stack.id).tsdb)), t0, to);
        return { t0, now, measuredTo: to, errorBudgetBurned: measured.errorBudgetBurned ?? null, requestsFailed: measured.requestsFailed ?? null };
      } catch (error) {
        // The stack went away between the lookup and the query: fall through to the timeline.
        if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      }
    }
    const resolved = events.find((event) => event.type === 'drill.resolved') as DrillEvent<'drill.resolved'> | undefined;
    if (!resolved) return none;
    return { t0, now, measuredTo: resolved.at, errorBudgetBurned: resolved.data.errorBudgetBurned ?? null, requestsFailed: resolved.data.requestsFailed ?? null };
  }

  /** The scenario as it was when the drill was created, answer key included: facilitator eyes only. */
  scenarioOf(id: string): Scenario {
    return this.drill(id).scenario;
  }

  /** The drill's runbook as it was when the drill was created; null for a scenario without one. */
  runbookOrNull(id: string): Runbook | null {
    return this.drill(id).runbook;
  }

  runbookOf(id: string): Runbook {
    const runbook = this.drill(id).runbook;
    if (runbook === null) throw AppError.notFound(`runbook of drill "${id}"`);
    return runbook;
  }

  /** The drill's live stack; 409 before it starts and after it ends. */
  stackIdOf(id: string): string {
    const drill = this.drill(id);
    if (drill.stackId === null) {
      throw new AppError('conflict', drill.state === 'created' ? `drill "${id}" has not started yet` : `drill "${id}" has ended (${drill.state}); its stack is gone`);
    }
    return drill.stackId;
  }

  /** A responder's rollback of `service`: reverts the drill's faults that a release of it brought. */
  async rollback(id: string, service: string): Promise<RolledBackFault[]> {
    const runner = this.runners.get(id);
    if (!runner) throw new AppError('conflict', `drill "${id}" is not running`);
    return runner.rollback(service);
  }

  /** Scores the drill again with the current rubric; scores under older rubrics stay. */
  async rescore(id: string): Promise<DrillView> {
    const drill = this.drill(id);
    await this.scoring.score(drill, (event) => this.record(id, event));
    return this.view(id);
  }

  /** After T4: score, then take the faults back and remove the stack; the drill waits for its postmortem. */
  private async finish(id: string, measurements: DrillMeasurements): Promise<void> {
    const runner = this.runners.get(id);
    // An abort that came first owns the clean-up.
    if (this.busy.has(id) || isFinalState(this.drill(id).state)) return;
    this.runners.delete(id);
    this.busy.set(id, 'finishing');
    try {
      const drill = this.drill(id);
      try {
        await this.scoring.score(drill, (event) => this.record(id, event), { measurements, at: this.drillNow(drill) });
      } catch (error) {
        this.logger.error(`drill ${id} could not be scored: ${(error as Error).message}`);
      }
      await runner?.revertAll('the drill was resolved');
      await this.removeStack(drill, 'the drill was resolved');
    } finally {
      this.busy.delete(id);
    }
  }

  private async removeStack(drill: DrillRecord, reason: string): Promise<void> {
    if (drill.stackId === null) return;
    try {
      await this.faults.reset(drill.stackId, reason);
      await this.stacks.remove(drill.stackId);
    } catch (error) {
      // Already gone (removed by hand, or the API is shutting down): nothing is left to clean.
      if (!(error instanceof AppError && error.code === 'not_found')) this.logger.error(`removing stack ${drill.stackId}: ${(error as Error).message}`);
    }
    this.repository.updateDrill(drill.id, { stackId: null });
  }

  /** Drill time: the stack's clock while it runs, wall time before and after. */
  private drillNow(drill: DrillRecord): number {
    const stack = drill.stackId === null ? undefined : this.registry.all().find((candidate) => candidate.id === drill.stackId);
    return stack?.clock.now() ?? Date.now();
  }

  private drill(id: string): DrillRecord {
    const drill = this.repository.getDrill(id);
    if (!drill) throw AppError.notFound(`drill "${id}"`);
    return drill;
  }
}
