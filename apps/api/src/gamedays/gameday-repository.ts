import type { Database } from '../store/sqlite/database.js';
import type { GameDaySpec } from './gameday-schema.js';
import type { GameDayRunState } from './gameday-views.js';
import type { ScheduleCursor } from './schedule.js';

export interface GameDayRecord {
  id: string;
  spec: GameDaySpec;
  createdAt: number;
  updatedAt: number;
  /** Every occurrence up to `cursor.afterMs` has been decided (run, missed, or not kept by `every`). */
  cursor: ScheduleCursor;
}

export type RunTrigger = 'schedule' | 'manual';

export interface GameDayRunRecord {
  id: string;
  gameDayId: string;
  scheduledFor: number;
  trigger: RunTrigger;
  state: GameDayRunState;
  reason: string | null;
  remindedAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  createdAt: number;
}

export interface RunDrillRecord {
  runId: string;
  position: number;
  drillId: string;
  scenarioId: string;
  startsAt: number;
  startClaimedAt: number | null;
}

export type NotificationKind = 'reminder' | 'start' | 'missed';

export interface NotificationRecord {
  runId: string;
  kind: NotificationKind;
  /** The target's kind and origin only: webhook URLs (Slack's above all) are secrets. */
  target: string;
  at: number;
  ok: boolean;
  error: string | null;
}

interface GameDayRow {
  id: string;
  spec_json: string;
  created_at: number;
  updated_at: number;
  evaluated_until: number;
  evaluated_count: number;
}

interface RunRow {
  id: string;
  gameday_id: string;
  scheduled_for: number;
  trigger: RunTrigger;
  state: GameDayRunState;
  reason: string | null;
  reminded_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  created_at: number;
}

const gameDayFrom = (row: GameDayRow): GameDayRecord => ({
  id: row.id,
  spec: JSON.parse(row.spec_json) as GameDaySpec,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  cursor: { afterMs: row.evaluated_until, count: row.evaluated_count },
});

const runFrom = (row: RunRow): GameDayRunRecord => ({
  id: row.id,
  gameDayId: row.gameday_id,
  scheduledFor: row.scheduled_for,
  trigger: row.trigger,
  state: row.state,
  reason: row.reason,
  remindedAt: row.reminded_at,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  createdAt: row.created_at,
});

/**
 * Game days and their runs in the shared SQLite file. Every claim is one statement whose effect
 * says who won: an INSERT that the UNIQUE (game day, planned start) ignores, or an UPDATE guarded
 * by the state it expects. SQLite serialises writers across processes, so of two API instances on
 * one data directory exactly one wins each claim.
 */
export class GameDayRepository {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.connection;
  }

  createGameDay(record: GameDayRecord): void {
    this.db
      .prepare('INSERT INTO gamedays (id, name, team, spec_json, enabled, created_at, updated_at, evaluated_until, evaluated_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(record.id, record.spec.name, record.spec.team, JSON.stringify(record.spec), record.spec.enabled ? 1 : 0, record.createdAt, record.updatedAt, record.cursor.afterMs, record.cursor.count);
  }

  /** A new spec restarts the evaluation mark: what the old schedule would have run is not missed by the new one. */
  updateGameDay(id: string, spec: GameDaySpec, updatedAt: number, cursor: ScheduleCursor): void {
    this.db
      .prepare('UPDATE gamedays SET name = ?, team = ?, spec_json = ?, enabled = ?, updated_at = ?, evaluated_until = ?, evaluated_count = ? WHERE id = ?')
      .run(spec.name, spec.team, JSON.stringify(spec), spec.enabled ? 1 : 0, updatedAt, cursor.afterMs, cursor.count, id);
  }

  deleteGameDay(id: string): boolean {
    return this.db.prepare('DELETE FROM gamedays WHERE id = ?').run(id).changes > 0;
  }

  getGameDay(id: string): GameDayRecord | undefined {
    const row = this.db.prepare<[string], GameDayRow>('SELECT * FROM gamedays WHERE id = ?').get(id);
    return row && gameDayFrom(row);
  }

  listGameDays(enabledOnly = false): GameDayRecord[] {
    const where = enabledOnly ? 'WHERE enabled = 1' : '';
    return this.db.prepare<[], GameDayRow>(`SELECT * FROM gamedays ${where} ORDER BY created_at, id`).all().map(gameDayFrom);
  }

  /** Moves the mark forward only: a slower instance never drags it back. */
  advanceCursor(id: string, cursor: ScheduleCursor): void {
    this.db.prepare('UPDATE gamedays SET evaluated_until = ?, evaluated_count = ? WHERE id = ? AND evaluated_until < ?').run(cursor.afterMs, cursor.count, id, cursor.afterMs);
  }

  /** Inserts the run of an occurrence unless it exists; `inserted` says whether this call made it. */
  claimOccurrence(run: GameDayRunRecord): { run: GameDayRunRecord; inserted: boolean } {
    const result = this.db
      .prepare(
        `INSERT INTO gameday_runs (id, gameday_id, scheduled_for, trigger, state, reason, reminded_at, started_at, ended_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gameday_id, scheduled_for) DO NOTHING`,
      )
      .run(run.id, run.gameDayId, run.scheduledFor, run.trigger, run.state, run.reason, run.remindedAt, run.startedAt, run.endedAt, run.createdAt);
    if (result.changes > 0) return { run, inserted: true };
    return { run: this.runAt(run.gameDayId, run.scheduledFor)!, inserted: false };
  }

  runAt(gameDayId: string, scheduledFor: number): GameDayRunRecord | undefined {
    const row = this.db.prepare<[string, number], RunRow>('SELECT * FROM gameday_runs WHERE gameday_id = ? AND scheduled_for = ?').get(gameDayId, scheduledFor);
    return row && runFrom(row);
  }

  /** Moves a run from one of `from` to `to` (with the given fields); false when another caller got there first. */
  transition(runId: string, from: readonly GameDayRunState[], to: GameDayRunState, fields: { reason?: string | null; remindedAt?: number; startedAt?: number; endedAt?: number } = {}): boolean {
    const states = from.map(() => '?').join(', ');
    return (
      this.db
        .prepare(
          `UPDATE gameday_runs SET state = ?, reason = coalesce(?, reason), reminded_at = coalesce(?, reminded_at), started_at = coalesce(?, started_at), ended_at = coalesce(?, ended_at)
           WHERE id = ? AND state IN (${states})`,
        )
        .run(to, fields.reason ?? null, fields.remindedAt ?? null, fields.startedAt ?? null, fields.endedAt ?? null, runId, ...from).changes > 0
    );
  }

  getRun(id: string): GameDayRunRecord | undefined {
    const row = this.db.prepare<[string], RunRow>('SELECT * FROM gameday_runs WHERE id = ?').get(id);
    return row && runFrom(row);
  }

  /** Newest planned start first. */
  runsOf(gameDayId: string, limit = 200): GameDayRunRecord[] {
    return this.db.prepare<[string, number], RunRow>('SELECT * FROM gameday_runs WHERE gameday_id = ? ORDER BY scheduled_for DESC, created_at DESC LIMIT ?').all(gameDayId, limit).map(runFrom);
  }

  runsInState(states: readonly GameDayRunState[]): GameDayRunRecord[] {
    return this.db
      .prepare<GameDayRunState[], RunRow>(`SELECT * FROM gameday_runs WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY scheduled_for`)
      .all(...states)
      .map(runFrom);
  }

  /** The latest run of the game day planned before `scheduledFor` that had drills. */
  previousRunWithDrills(gameDayId: string, scheduledFor: number): GameDayRunRecord | undefined {
    const row = this.db
      .prepare<[string, number], RunRow>(
        `SELECT r.* FROM gameday_runs r WHERE r.gameday_id = ? AND r.scheduled_for < ?
           AND EXISTS (SELECT 1 FROM gameday_run_drills d WHERE d.run_id = r.id)
         ORDER BY r.scheduled_for DESC LIMIT 1`,
      )
      .get(gameDayId, scheduledFor);
    return row && runFrom(row);
  }

  addRunDrill(drill: RunDrillRecord): void {
    this.db
      .prepare('INSERT INTO gameday_run_drills (run_id, position, drill_id, scenario_id, starts_at, start_claimed_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(drill.runId, drill.position, drill.drillId, drill.scenarioId, drill.startsAt, drill.startClaimedAt);
  }

  runDrills(runId: string): RunDrillRecord[] {
    return this.db
      .prepare<[string], { run_id: string; position: number; drill_id: string; scenario_id: string; starts_at: number; start_claimed_at: number | null }>(
        'SELECT * FROM gameday_run_drills WHERE run_id = ? ORDER BY position',
      )
      .all(runId)
      .map((row) => ({ runId: row.run_id, position: row.position, drillId: row.drill_id, scenarioId: row.scenario_id, startsAt: row.starts_at, startClaimedAt: row.start_claimed_at }));
  }

  /** Claims the start of one drill of a run; false when another tick or instance has it. */
  claimDrillStart(runId: string, position: number, at: number): boolean {
    return this.db.prepare('UPDATE gameday_run_drills SET start_claimed_at = ? WHERE run_id = ? AND position = ? AND start_claimed_at IS NULL').run(at, runId, position).changes > 0;
  }

  addNotification(record: NotificationRecord): void {
    // The run may have been deleted with its game day while the webhook was in flight.
    this.db
      .prepare('INSERT INTO gameday_notifications (run_id, kind, target, at, ok, error) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM gameday_runs WHERE id = ?)')
      .run(record.runId, record.kind, record.target, record.at, record.ok ? 1 : 0, record.error, record.runId);
  }

  notifications(runId: string): NotificationRecord[] {
    return this.db
      .prepare<[string], { run_id: string; kind: NotificationKind; target: string; at: number; ok: number; error: string | null }>('SELECT * FROM gameday_notifications WHERE run_id = ? ORDER BY id')
      .all(runId)
      .map((row) => ({ runId: row.run_id, kind: row.kind, target: row.target, at: row.at, ok: row.ok === 1, error: row.error }));
  }

  /** How often `team` drilled each scenario: every drill that started, except the CI gate's robots. */
  teamDrillCounts(team: string): Map<string, number> {
    const rows = this.db
      .prepare<[string], { scenario_id: string; drills: number }>(
        "SELECT scenario_id, count(*) AS drills FROM drills WHERE team = ? AND origin != 'gate' AND state != 'created' GROUP BY scenario_id",
      )
      .all(team);
    return new Map(rows.map((row) => [row.scenario_id, row.drills]));
  }
}
