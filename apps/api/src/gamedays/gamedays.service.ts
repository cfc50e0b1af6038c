import type { Clock } from '@firedrill/clock';
import { tryParseDuration } from '@firedrill/clock';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, parseWith, type Problem } from '../common/errors.js';
import { buildGameDayReport } from './gameday-report.js';
import type { GameDayRecord, GameDayRepository, GameDayRunRecord } from './gameday-repository.js';
import type { GameDayCatalogue, GameDayDrills, GameDayRuns } from './gameday-runs.js';
import { GameDayInputSchema, GameDayScheduleSchema, type GameDaySchedule, type GameDaySpec } from './gameday-schema.js';
import type { GameDayReport, GameDayReportDrill, GameDayRunSummary, GameDayRunView, GameDayView } from './gameday-views.js';
import { formatInScheduleZone, nextOccurrences, occurrencesBetween, ScheduleError, startCursor, validateSchedule, type ScheduleCursor } from './schedule.js';

const PreviewSchema = z.object({ schedule: GameDayScheduleSchema }).strict();

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Game days as a facilitator sees them: definitions (validated in full before anything is
 * stored), their runs, reports and a schedule preview. Running them is GameDayRuns's job.
 */
export class GameDaysService {
  constructor(
    private readonly repository: GameDayRepository,
    private readonly runs: GameDayRuns,
    private readonly drills: GameDayDrills,
    private readonly catalogue: GameDayCatalogue,
    private readonly clock: Clock,
  ) {}

  list(): GameDayView[] {
    return this.repository.listGameDays().map((record) => this.view(record));
  }

  get(id: string): GameDayView {
    return this.view(this.gameDay(id));
  }

  async create(body: unknown): Promise<GameDayView> {
    const spec = parseWith(GameDayInputSchema, body ?? {});
    await this.check(spec, undefined);
    const now = this.clock.now();
    const record: GameDayRecord = { id: `gd-${randomBytes(6).toString('hex')}`, spec, createdAt: now, updatedAt: now, cursor: startCursor(now) };
    this.repository.createGameDay(record);
    return this.view(record);
  }

  async update(id: string, body: unknown): Promise<GameDayView> {
    const existing = this.gameDay(id);
    const spec = parseWith(GameDayInputSchema, body ?? {});
    await this.check(spec, existing.spec);
    const now = this.clock.now();
    // A new schedule (or switching it back on) starts from now: occurrences before the edit were
    // not planned under it, so they are neither run nor reported missed. `every` still counts from creation.
    const rescheduled = JSON.stringify(spec.schedule) !== JSON.stringify(existing.spec.schedule) || spec.enabled !== existing.spec.enabled;
    const cursor = rescheduled ? cursorAt(spec.schedule, existing.createdAt, now) : existing.cursor;
    this.repository.updateGameDay(id, spec, now, cursor);
    return this.get(id);
  }

  delete(id: string): void {
    this.gameDay(id);
    const running = this.repository.runsOf(id).map((run) => this.runs.refresh(run)).find((run) => run.state === 'running');
    if (running) throw new AppError('conflict', `game day "${id}" has a run in progress (${running.id}); abort its drills or wait until they end`);
    this.repository.deleteGameDay(id);
  }

  async runNow(id: string): Promise<GameDayRunView> {
    const gameDay = this.gameDay(id);
    const running = this.repository.runsOf(id).map((run) => this.runs.refresh(run)).find((run) => run.state === 'running');
    if (running) throw new AppError('conflict', `game day "${id}" already has a run in progress (${running.id})`);
    const run = await this.runs.runNow(gameDay);
    return this.runView(gameDay, run);
  }

  listRuns(id: string): GameDayRunSummary[] {
    const gameDay = this.gameDay(id);
    return this.repository.runsOf(id).map((run) => summary(gameDay, this.runs.refresh(run)));
  }

  getRun(id: string, runId: string): GameDayRunView {
    const gameDay = this.gameDay(id);
    return this.runView(gameDay, this.run(gameDay, runId));
  }

  report(id: string, runId: string): GameDayReport {
    const gameDay = this.gameDay(id);
    const run = this.run(gameDay, runId);
    const previous = this.repository.previousRunWithDrills(id, run.scheduledFor);
    return buildGameDayReport({
      gameDay: { id, name: gameDay.spec.name, team: gameDay.spec.team },
      run: summary(gameDay, run),
      drills: this.reportDrills(run.id),
      previous: previous ? { run: summary(gameDay, this.runs.refresh(previous)), drills: this.reportDrills(previous.id) } : null,
    });
  }

  /** The next five starts of a schedule from now, as the game day would run them. */
  preview(body: unknown): { occurrences: string[] } {
    const { schedule } = parseWith(PreviewSchema, body ?? {});
    try {
      validateSchedule(schedule);
    } catch (error) {
      if (error instanceof ScheduleError) throw AppError.invalid([{ field: error.field, message: error.message }]);
      throw error;
    }
    return { occurrences: nextOccurrences(schedule, startCursor(this.clock.now()), 5).map((occurrence) => formatInScheduleZone(occurrence.at, schedule)) };
  }

  /** What zod cannot see: the catalogue, the cron expression and zone, durations, a date in the past. */
  private async check(spec: GameDaySpec, previous: GameDaySpec | undefined): Promise<void> {
    const problems: Problem[] = [];
    try {
      validateSchedule(spec.schedule);
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      problems.push({ field: error.field, message: error.message });
    }
    const unchangedOnce = previous?.schedule.kind === 'once' && spec.schedule.kind === 'once' && previous.schedule.at === spec.schedule.at;
    if (spec.schedule.kind === 'once' && !unchangedOnce && Date.parse(spec.schedule.at) <= this.clock.now()) {
      problems.push({ field: 'schedule.at', message: `${spec.schedule.at} is in the past` });
    }
    if (tryParseDuration(spec.spacing) === undefined) problems.push({ field: 'spacing', message: 'units must come largest first, each at most once (e.g. 1h30m)' });
    if (tryParseDuration(spec.notify.before) === undefined) problems.push({ field: 'notify.before', message: 'units must come largest first, each at most once (e.g. 1h30m)' });
    const catalogue = new Map((await this.catalogue.all()).map((loaded) => [loaded.scenario.metadata.id, loaded.scenario.metadata.difficulty]));
    const listed = spec.plan.kind === 'fixed' ? { field: 'plan.scenarios', ids: spec.plan.scenarios } : { field: 'plan.pool', ids: spec.plan.pool ?? [] };
    listed.ids.forEach((scenario, index) => {
      if (!catalogue.has(scenario)) problems.push({ field: `${listed.field}.${index}`, message: `no scenario "${scenario}" in the catalogue` });
    });
    if (spec.plan.kind === 'wheel') {
      const weights = spec.plan.difficultyWeights;
      const pool = spec.plan.pool ?? [...catalogue.keys()];
      const drawable = pool.filter((scenario) => (weights[catalogue.get(scenario) as keyof typeof weights] ?? 0) > 0);
      if (drawable.length === 0 && problems.every((problem) => !problem.field.startsWith('plan.pool'))) {
        problems.push({ field: 'plan.difficultyWeights', message: 'every scenario the wheel could draw has weight 0' });
      }
    }
    if (problems.length > 0) throw AppError.invalid(problems, 'invalid game day');
  }

  private view(record: GameDayRecord): GameDayView {
    const [last] = this.repository.runsOf(record.id, 1);
    return {
      ...record.spec,
      id: record.id,
      createdAt: new Date(record.createdAt).toISOString(),
      updatedAt: new Date(record.updatedAt).toISOString(),
      nextRunAt: this.nextRunAt(record),
      lastRun: last ? summary(record, this.runs.refresh(last)) : null,
    };
  }

  private nextRunAt(record: GameDayRecord): string | null {
    if (!record.spec.enabled) return null;
    const now = this.clock.now();
    const cursor = record.cursor.afterMs < now ? occurrencesBetween(record.spec.schedule, record.cursor, now).cursor : record.cursor;
    const [next] = nextOccurrences(record.spec.schedule, cursor, 1);
    return next ? formatInScheduleZone(next.at, record.spec.schedule) : null;
  }

  private runView(gameDay: GameDayRecord, record: GameDayRunRecord): GameDayRunView {
    const run = this.runs.refresh(record);
    return {
      ...summary(gameDay, run),
      drills: this.repository.runDrills(run.id).map((drill) => {
        const links = this.runs.joinLinksOf(run.id, drill.drillId);
        return {
          drillId: drill.drillId,
          scenarioId: drill.scenarioId,
          state: this.drillState(drill.drillId),
          startsAt: formatInScheduleZone(drill.startsAt, gameDay.spec.schedule),
          ...(links ? { joinLinks: links } : {}),
        };
      }),
      notifications: this.repository.notifications(run.id).map((notification) => ({
        kind: notification.kind,
        target: notification.target,
        at: new Date(notification.at).toISOString(),
        ok: notification.ok,
        ...(notification.error === null ? {} : { error: notification.error }),
      })),
    };
  }

  private reportDrills(runId: string): GameDayReportDrill[] {
    return this.repository.runDrills(runId).flatMap((drill) => {
      try {
        const view = this.drills.view(drill.drillId);
        const { metadata } = this.drills.scenarioOf(drill.drillId);
        return [{ drillId: drill.drillId, scenario: { id: metadata.id, title: metadata.title, difficulty: metadata.difficulty }, state: view.state, score: view.score?.total ?? null, timers: view.timers }];
      } catch {
        return [];
      }
    });
  }

  private drillState(drillId: string) {
    try {
      return this.drills.view(drillId).state;
    } catch {
      return 'interrupted' as const;
    }
  }

  private gameDay(id: string): GameDayRecord {
    const record = this.repository.getGameDay(id);
    if (!record) throw AppError.notFound(`game day "${id}"`);
    return record;
  }

  private run(gameDay: GameDayRecord, runId: string): GameDayRunRecord {
    const run = this.repository.getRun(runId);
    if (!run || run.gameDayId !== gameDay.id) throw AppError.notFound(`run "${runId}" of game day "${gameDay.id}"`);
    return this.runs.refresh(run);
  }
}

function summary(gameDay: GameDayRecord, run: GameDayRunRecord): GameDayRunSummary {
  return {
    id: run.id,
    gameDayId: run.gameDayId,
    scheduledFor: formatInScheduleZone(run.scheduledFor, gameDay.spec.schedule),
    state: run.state,
    startedAt: iso(run.startedAt),
    reason: run.reason,
  };
}

/** The cursor at `atMs` for a schedule anchored at `anchorMs`, walked in bounded steps. */
export function cursorAt(schedule: GameDaySchedule, anchorMs: number, atMs: number): ScheduleCursor {
  let cursor = startCursor(anchorMs);
  for (;;) {
    const walk = occurrencesBetween(schedule, cursor, atMs);
    cursor = walk.cursor;
    if (walk.complete) return cursor;
  }
}
