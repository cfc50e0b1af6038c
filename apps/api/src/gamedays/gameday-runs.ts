import { Logger } from '@nestjs/common';
import type { Clock } from '@firedrill/clock';
import { tryParseDuration } from '@firedrill/clock';
import { randomBytes } from 'node:crypto';
import { AppError } from '../common/errors.js';
import type { JoinLink } from '../drills/create-drill.js';
import type { DrillsService } from '../drills/drills.service.js';
import type { ScenarioCatalogue } from '../drills/scenario-catalogue.js';
import type { DrillState } from '../drills/timeline.js';
import { isFinalState } from '../scoring/timers.js';
import type { GameDayRecord, GameDayRepository, GameDayRunRecord, NotificationKind } from './gameday-repository.js';
import type { GameDaySpec } from './gameday-schema.js';
import type { GameDayEvent, GameDayNotifier } from './notifier.js';
import { formatInScheduleZone, occurrencesBetween } from './schedule.js';
import { seedOf, spinWheel, type Difficulty } from './wheel.js';
import { seededRandom } from '../common/seeded-random.js';

/** What the runs need of the drill engine; DrillsService in the app, a fake in unit tests. */
export type GameDayDrills = Pick<DrillsService, 'create' | 'start' | 'abort' | 'view' | 'scenarioOf'>;
export type GameDayCatalogue = Pick<ScenarioCatalogue, 'all'>;

/** Where join links point: the server as participants reach it. */
export interface JoinLinkBase {
  baseUrl(): string;
}

export interface GameDayRunsSettings {
  /** A start found this much later than planned is missed, never run late. */
  graceMs: number;
}

export const DEFAULT_GRACE_MS = 2 * 60_000;
/** Missed starts announced per game day and tick; all of them are recorded. */
const MAX_MISSED_NOTIFICATIONS = 3;

const SYSTEM = { role: 'system', name: 'gamedays' } as const;

/**
 * Runs of game days: what `tick(now)` decides for each occurrence, in one place. Every decision
 * is a claim in the store (see GameDayRepository), so a tick can be repeated, overlap with
 * another API instance's, or follow a restart, and each occurrence is still reminded, started or
 * reported missed exactly once.
 */
export class GameDayRuns {
  private readonly logger = new Logger('gamedays');
  /** Join links exist only when a drill is created (tokens are stored as hashes): kept here while this process lives. */
  private readonly joinLinks = new Map<string, Map<string, JoinLink[]>>();
  /** Runs this process is creating drills for; a 'running' run without drills elsewhere is a crashed start. */
  private readonly launching = new Set<string>();
  private readonly deliveries = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly repository: GameDayRepository,
    private readonly drills: GameDayDrills,
    private readonly catalogue: GameDayCatalogue,
    private readonly notifier: GameDayNotifier,
    private readonly clock: Clock,
    private readonly links: JoinLinkBase,
    private readonly settings: GameDayRunsSettings = { graceMs: DEFAULT_GRACE_MS },
  ) {}

  /** One evaluation at the clock's now; a failing game day is logged and counted, the others go on. */
  async tick(): Promise<{ errors: number }> {
    const now = this.clock.now();
    let errors = 0;
    for (const gameDay of this.repository.listGameDays(true)) {
      try {
        await this.evaluate(gameDay, now);
      } catch (error) {
        errors++;
        this.logger.error(`game day ${gameDay.id}: ${(error as Error).message}`);
      }
    }
    for (const run of this.repository.runsInState(['running'])) {
      try {
        await this.continueRun(run, now);
      } catch (error) {
        errors++;
        this.logger.error(`game-day run ${run.id}: ${(error as Error).message}`);
      }
    }
    return { errors };
  }

  /** A run of `gameDay` starting now, outside its schedule (409 handling is the caller's). */
  async runNow(gameDay: GameDayRecord): Promise<GameDayRunRecord> {
    const now = this.clock.now();
    const { run, inserted } = this.repository.claimOccurrence(newRun(gameDay.id, now, 'manual', 'running', now, now));
    if (!inserted) throw new AppError('conflict', `game day "${gameDay.id}" already has a run starting at this instant`);
    await this.launch(gameDay, run, now);
    return this.repository.getRun(run.id)!;
  }

  /** The links of a run's drills, while this process still has them. */
  joinLinksOf(runId: string, drillId: string): Array<{ name: string; role: string; url: string }> | undefined {
    const links = this.joinLinks.get(runId)?.get(drillId);
    return links?.map((link) => ({ name: link.name, role: link.role, url: this.linkUrl(drillId, link.token) }));
  }

  /** Marks a running run finished once every drill ended; answers the run as it is now. */
  refresh(run: GameDayRunRecord): GameDayRunRecord {
    if (run.state !== 'running') return run;
    const drills = this.repository.runDrills(run.id);
    if (drills.length === 0 || drills.some((drill) => drill.startClaimedAt === null)) return run;
    if (!drills.every((drill) => this.drillEnded(drill.drillId))) return run;
    this.repository.transition(run.id, ['running'], 'finished', { endedAt: this.clock.now() });
    this.forget(run.id);
    return this.repository.getRun(run.id)!;
  }

  /** Resolves when every notification sent so far has been delivered or given up on. */
  async settled(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.all([...this.deliveries]);
  }

  /** Cuts retries short (deliveries end at once) and waits for them to be recorded. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.settled();
  }

  private async evaluate(gameDay: GameDayRecord, now: number): Promise<void> {
    const spec = gameDay.spec;
    const before = tryParseDuration(spec.notify.before) ?? 0;
    const { graceMs } = this.settings;
    const walk = occurrencesBetween(spec.schedule, gameDay.cursor, now + before);
    const missed: GameDayRunRecord[] = [];
    for (const { at } of walk.occurrences) {
      if (at <= now - graceMs) missed.push(...this.miss(gameDay, at, now));
      else if (at <= now) await this.startScheduled(gameDay, at, now);
      else if (before > 0) this.remind(gameDay, at, now);
    }
    // After a long outage every missed start is recorded, but only the latest few are announced.
    if (missed.length > MAX_MISSED_NOTIFICATIONS) this.logger.warn(`game day ${gameDay.id}: ${missed.length} starts missed; notifying the last ${MAX_MISSED_NOTIFICATIONS}`);
    for (const run of missed.slice(-MAX_MISSED_NOTIFICATIONS)) this.notify(gameDay, run, 'missed', []);
    // Decided for good: everything up to the grace window (later starts are looked at again next tick).
    const markTo = walk.complete ? now - graceMs : Math.min(walk.cursor.afterMs, now - graceMs);
    const decided = occurrencesBetween(spec.schedule, gameDay.cursor, markTo).cursor;
    // Only a start that was passed moves the mark: a mark that merely trails the clock finds no
    // start to miss after a restart, so the write (an fsync) is saved on most ticks.
    if (decided.count !== gameDay.cursor.count) this.repository.advanceCursor(gameDay.id, decided);
  }

  /** Records a missed start unless another tick did; answers the run when this call recorded it. */
  private miss(gameDay: GameDayRecord, at: number, now: number): GameDayRunRecord[] {
    const reason = 'Firedrill was not running at the planned start; a game day is never run late';
    const claimed = this.repository.claimOccurrence({ ...newRun(gameDay.id, at, 'schedule', 'missed', null, now), reason, endedAt: now });
    const missed = claimed.inserted || this.repository.transition(claimed.run.id, ['scheduled', 'notified'], 'missed', { reason, endedAt: now });
    if (!missed) return [];
    this.logger.warn(`game day ${gameDay.id} "${gameDay.spec.name}": the start planned for ${new Date(at).toISOString()} was missed`);
    return [claimed.run];
  }

  private remind(gameDay: GameDayRecord, at: number, now: number): void {
    const { run } = this.repository.claimOccurrence(newRun(gameDay.id, at, 'schedule', 'scheduled', null, now));
    if (!this.repository.transition(run.id, ['scheduled'], 'notified', { remindedAt: now })) return;
    this.logger.log(`game day ${gameDay.id}: reminder for the start at ${new Date(at).toISOString()}`);
    this.notify(gameDay, run, 'reminder', []);
  }

  private async startScheduled(gameDay: GameDayRecord, at: number, now: number): Promise<void> {
    const { run } = this.repository.claimOccurrence(newRun(gameDay.id, at, 'schedule', 'scheduled', null, now));
    // The claim: of every tick, here or in another instance, exactly one moves the run to running.
    if (!this.repository.transition(run.id, ['scheduled', 'notified'], 'running', { startedAt: now })) return;
    await this.launch(gameDay, run, at);
  }

  /** Creates the run's drills, starts those due, announces the start; any failure fails the run. */
  private async launch(gameDay: GameDayRecord, run: GameDayRunRecord, startMs: number): Promise<void> {
    const spec = gameDay.spec;
    this.launching.add(run.id);
    try {
      const scenarios = await this.chooseScenarios(spec, run.id);
      if (scenarios.length === 0) throw new Error('the wheel had nothing to draw: every scenario of its pool is gone from the catalogue or weighs 0');
      const spacing = tryParseDuration(spec.spacing) ?? 0;
      const links = new Map<string, JoinLink[]>();
      this.joinLinks.set(run.id, links);
      const now = this.clock.now();
      const startNow: string[] = [];
      for (const [position, scenario] of scenarios.entries()) {
        const created = await this.drills.create(
          { scenario, speed: spec.speed, team: spec.team, responders: spec.participants },
          { origin: 'gameday', gameDayRunId: run.id },
        );
        links.set(created.id, created.joinLinks);
        const startsAt = startMs + position * spacing;
        // Drills due now are this instance's to start (claimed as they are stored); later turns go to whichever instance ticks then.
        const due = startsAt <= now;
        this.repository.addRunDrill({ runId: run.id, position, drillId: created.id, scenarioId: scenario, startsAt, startClaimedAt: due ? now : null });
        if (due) startNow.push(created.id);
      }
      for (const drillId of startNow) await this.startDrill(drillId, this.repository.runDrills(run.id).find((drill) => drill.drillId === drillId)!.scenarioId);
      this.logger.log(`game day ${gameDay.id}: run ${run.id} started with ${scenarios.join(', ')}`);
      this.notify(gameDay, run, 'start', this.repository.runDrills(run.id).map((drill) => drill.drillId));
    } catch (error) {
      await this.fail(run, (error as Error).message);
    } finally {
      this.launching.delete(run.id);
    }
  }

  /** Starts a run's drills whose turn came; a turn more than the grace late (the API was down) is given up. */
  private async startDueDrills(run: GameDayRunRecord, now: number): Promise<void> {
    for (const drill of this.repository.runDrills(run.id)) {
      if (drill.startClaimedAt !== null || drill.startsAt > now) continue;
      if (!this.repository.claimDrillStart(run.id, drill.position, now)) continue;
      if (drill.startsAt < now - this.settings.graceMs) {
        await this.drills.abort(drill.drillId, 'its start in the game day was missed (Firedrill was not running); never started late', SYSTEM).catch(() => undefined);
        continue;
      }
      await this.startDrill(drill.drillId, drill.scenarioId);
    }
  }

  private async startDrill(drillId: string, scenarioId: string): Promise<void> {
    try {
      await this.drills.start(drillId);
    } catch (error) {
      throw new Error(`drill ${drillId} (${scenarioId}) could not start: ${(error as Error).message}`);
    }
  }

  private async continueRun(run: GameDayRunRecord, now: number): Promise<void> {
    if (this.launching.has(run.id)) return;
    const drills = this.repository.runDrills(run.id);
    // Claimed but its drills never all created or started: the instance that claimed it stopped in between.
    const stale = (run.startedAt ?? run.scheduledFor) < now - this.settings.graceMs;
    const stuck = drills.length === 0 || drills.some((drill) => drill.startClaimedAt !== null && drill.startClaimedAt < now - this.settings.graceMs && this.drillState(drill.drillId) === 'created');
    if (stale && stuck) {
      await this.fail(run, 'the API stopped while starting the run');
      return;
    }
    try {
      await this.startDueDrills(run, now);
    } catch (error) {
      await this.fail(run, (error as Error).message);
      return;
    }
    this.refresh(run);
  }

  private async fail(run: GameDayRunRecord, reason: string): Promise<void> {
    if (!this.repository.transition(run.id, ['scheduled', 'notified', 'running'], 'failed', { reason, endedAt: this.clock.now() })) return;
    this.logger.error(`game-day run ${run.id} failed: ${reason}`);
    // Nothing of a failed run keeps running: its other drills are ended, later turns never start.
    for (const drill of this.repository.runDrills(run.id)) {
      this.repository.claimDrillStart(run.id, drill.position, this.clock.now());
      if (this.drillEnded(drill.drillId)) continue;
      await this.drills.abort(drill.drillId, `the game-day run failed: ${reason}`, SYSTEM).catch((error: Error) => this.logger.warn(`aborting drill ${drill.drillId}: ${error.message}`));
    }
    this.forget(run.id);
  }

  private async chooseScenarios(spec: GameDaySpec, runId: string): Promise<string[]> {
    if (spec.plan.kind === 'fixed') return spec.plan.scenarios;
    const plan = spec.plan;
    const catalogue = new Map((await this.catalogue.all()).map((loaded) => [loaded.scenario.metadata.id, loaded.scenario]));
    const counts = this.repository.teamDrillCounts(spec.team);
    const pool = plan.pool ?? [...catalogue.keys()];
    const candidates = pool.flatMap((id) => {
      const scenario = catalogue.get(id);
      return scenario ? [{ id, difficulty: scenario.metadata.difficulty as Difficulty, pastDrills: counts.get(id) ?? 0 }] : [];
    });
    // Seeded by the run: the same run id draws the same scenarios, so a draw can be explained later.
    return spinWheel(candidates, { draws: plan.draws, difficultyWeights: plan.difficultyWeights, random: seededRandom(seedOf(runId)) });
  }

  private notify(gameDay: GameDayRecord, run: GameDayRunRecord, kind: NotificationKind, drillIds: string[]): void {
    const targets = gameDay.spec.notify.targets;
    if (targets.length === 0) return;
    const runDrills = new Map(this.repository.runDrills(run.id).map((drill) => [drill.drillId, drill]));
    const event: GameDayEvent = {
      event: kind === 'start' ? 'gameday.started' : kind === 'reminder' ? 'gameday.reminder' : 'gameday.missed',
      gameDay: { id: gameDay.id, name: gameDay.spec.name, team: gameDay.spec.team },
      run: { id: run.id, scheduledFor: formatInScheduleZone(run.scheduledFor, gameDay.spec.schedule) },
      drills: drillIds.map((id) => ({
        id,
        scenario: runDrills.get(id)?.scenarioId ?? '',
        startsAt: formatInScheduleZone(runDrills.get(id)?.startsAt ?? run.scheduledFor, gameDay.spec.schedule),
        joinLinks: this.joinLinksOf(run.id, id) ?? [],
      })),
    };
    const at = this.clock.now();
    const delivery = this.notifier
      .notify(targets, event, this.stopping.signal)
      .then((results) => {
        for (const result of results) {
          this.repository.addNotification({ runId: run.id, kind, target: result.target, at, ok: result.ok, error: result.error ?? null });
          if (!result.ok) this.logger.warn(`game-day run ${run.id}: ${kind} notification to ${result.target} failed after ${result.attempts} attempt(s): ${result.error}`);
        }
      })
      .catch((error: Error) => this.logger.warn(`game-day run ${run.id}: recording notifications: ${error.message}`));
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  private drillEnded(drillId: string): boolean {
    const state = this.drillState(drillId);
    return state === undefined || isFinalState(state) || state === 'scored';
  }

  /** undefined when the drill is gone from the store. */
  private drillState(drillId: string): DrillState | undefined {
    try {
      return this.drills.view(drillId).state;
    } catch {
      return undefined;
    }
  }

  /** Links are kept only while a run may still be joined. */
  private forget(runId: string): void {
    this.joinLinks.delete(runId);
  }

  private linkUrl(drillId: string, token: string): string {
    return `${this.links.baseUrl()}/#token=${encodeURIComponent(token)}&drill=${drillId}`;
  }
}

export function newRun(gameDayId: string, scheduledFor: number, trigger: GameDayRunRecord['trigger'], state: GameDayRunRecord['state'], startedAt: number | null, createdAt: number): GameDayRunRecord {
  return {
    id: `gdr-${randomBytes(6).toString('hex')}`,
    gameDayId,
    scheduledFor,
    trigger,
    state,
    reason: null,
    remindedAt: null,
    startedAt,
    endedAt: null,
    createdAt,
  };
}
