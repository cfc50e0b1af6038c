import type BetterSqlite3 from 'better-sqlite3';
import type { DrillEvent, DrillEventType, DrillState, NewDrillEvent, Role } from '../../drills/timeline.js';
import type { Database } from './database.js';
import { DuplicateDrillError, DuplicateParticipantError, UnknownDrillError } from './errors.js';
import {
  UNFINISHED_STATES,
  type DrillListQuery,
  type DrillRecord,
  type DrillUpdate,
  type InterruptedDrill,
  type NewDrillRecord,
  type Participant,
  type ParticipantRecord,
  type PostmortemRecord,
  type PostmortemSubmission,
  type ScoreRecord,
} from './records.js';
import {
  drillFromRow,
  eventFromRow,
  participantFromRow,
  postmortemFromRow,
  scoreFromRow,
  type DrillRow,
  type EventRow,
  type ParticipantRow,
  type PostmortemRow,
  type ScoreRow,
} from './rows.js';
import { hashToken } from './token-hash.js';

const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 1000;

/** The component named in events the store writes itself. */
const RECOVERY_ACTOR = { role: 'system', name: 'engine' } as const;

type Statements = ReturnType<typeof prepareDrillStatements>;

/** Which drills the scoreboard and /metrics read; times are wall epoch ms of creation, `toMs` exclusive. */
export interface DrillOutcomeQuery {
  states: readonly DrillState[];
  scenarioId?: string;
  team?: string;
  /** Only drills with a participant of this name in the role responder. */
  responder?: string;
  fromMs?: number;
  toMs?: number;
  /** Drills of the CI gate (robots) are left out unless asked for. */
  includeGate: boolean;
  /** The events to load per drill (the timer marks): a drill's full timeline is not needed. */
  eventTypes: readonly DrillEventType[];
  /** Read the scenario title out of the stored scenario (costs a JSON parse per drill). */
  titles?: boolean;
}

/** A drill as the scoreboard reads it: what it is grouped by, its responders, latest score and selected events. */
export interface DrillOutcomeRecord {
  id: string;
  scenarioId: string;
  scenarioTitle: string | null;
  team: string | null;
  origin: DrillRecord['origin'];
  state: DrillState;
  createdAt: number;
  /** Participants with the role responder, in joining order. */
  responders: string[];
  /** The most recently computed score, whatever its rubric version; null when never scored. */
  score: number | null;
  /** The drill's events of `eventTypes`, in order. */
  events: DrillEvent[];
}

/**
 * Drills and their timelines in SQLite. Synchronous on purpose: when `appendEvent` returns, the
 * event is committed and fsynced (synchronous=FULL), so whoever is told about it next can rely on
 * it surviving a crash. Each write is one BEGIN IMMEDIATE transaction.
 */
export class DrillRepository {
  private readonly statements: Statements;
  private readonly appendTransaction: BetterSqlite3.Transaction<(drillId: string, event: NewDrillEvent, wallAt: number) => DrillEvent>;
  private readonly interruptTransaction: BetterSqlite3.Transaction<(reason: string, wallAt: number) => InterruptedDrill[]>;

  constructor(database: Database) {
    const connection = database.connection;
    this.statements = prepareDrillStatements(connection);
    this.appendTransaction = connection.transaction((drillId, event, wallAt) => this.appendWithinTransaction(drillId, event, wallAt));
    this.interruptTransaction = connection.transaction((reason, wallAt) => this.interruptWithinTransaction(reason, wallAt));
  }

  createDrill(record: NewDrillRecord): DrillRecord {
    const createdAt = record.createdAt ?? Date.now();
    const drill: DrillRecord = {
      ...record,
      state: record.state ?? 'created',
      stackId: record.stackId ?? null,
      team: record.team ?? null,
      origin: record.origin ?? 'manual',
      gameDayRunId: record.gameDayRunId ?? null,
      createdAt,
      updatedAt: createdAt,
    };
    try {
      this.statements.insertDrill.run({
        id: drill.id,
        scenarioId: drill.scenarioId,
        scenarioVersion: drill.scenarioVersion,
        scenarioJson: JSON.stringify(drill.scenario),
        runbookJson: drill.runbook === null ? null : JSON.stringify(drill.runbook),
        speed: drill.speed,
        state: drill.state,
        stackId: drill.stackId,
        team: drill.team,
        origin: drill.origin,
        gameDayRunId: drill.gameDayRunId,
        createdAt: drill.createdAt,
        updatedAt: drill.updatedAt,
      });
    } catch (error) {
      if (constraint(error) === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateDrillError(drill.id);
      throw error;
    }
    return drill;
  }

  getDrill(id: string): DrillRecord | undefined {
    const row = this.statements.selectDrill.get(id);
    return row && drillFromRow(row);
  }

  /** Newest first. */
  listDrills(query: DrillListQuery): DrillRecord[] {
    const states = query.state === undefined ? null : JSON.stringify(typeof query.state === 'string' ? [query.state] : query.state);
    return this.statements.listDrills.all({ states, limit: clampLimit(query.limit) }).map(drillFromRow);
  }

  /** Changes the state and/or stack and moves `updatedAt`; throws UnknownDrillError. */
  updateDrill(id: string, update: DrillUpdate, wallAt = Date.now()): DrillRecord {
    const result = this.statements.updateDrill.run({
      id,
      state: update.state ?? null,
      setStack: update.stackId === undefined ? 0 : 1,
      stackId: update.stackId ?? null,
      wallAt,
    });
    if (result.changes === 0) throw new UnknownDrillError(id);
    return this.getDrill(id)!;
  }

  /** Gives the event the drill's next seq and commits it; returns only once it is on disk. */
  appendEvent<T extends DrillEventType>(drillId: string, event: NewDrillEvent<T>, wallAt = Date.now()): DrillEvent<T> {
    return this.appendTransaction.immediate(drillId, event, wallAt) as DrillEvent<T>;
  }

  /** The drill's events with seq > afterSeq, in order. */
  events(drillId: string, afterSeq = 0): DrillEvent[] {
    return this.statements.selectEvents.all(drillId, afterSeq).map(eventFromRow);
  }

  /** The seq of the drill's last event, 0 when it has none. */
  lastSeq(drillId: string): number {
    return this.statements.lastSeq.get(drillId) ?? 0;
  }

  /** Stores the participant with a hash of `token`; the token itself never reaches the file. */
  addParticipant(drillId: string, name: string, role: Role, token: string, createdAt = Date.now()): ParticipantRecord {
    try {
      this.statements.insertParticipant.run({ drillId, name, role, tokenHash: hashToken(token), createdAt });
    } catch (error) {
      const code = constraint(error);
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new UnknownDrillError(drillId);
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateParticipantError(drillId, name);
      if (code === 'SQLITE_CONSTRAINT_UNIQUE') throw new Error('this token is already given to another participant');
      throw error;
    }
    return { drillId, name, role, createdAt };
  }

  findParticipantByToken(token: string): Participant | undefined {
    const row = this.statements.participantByTokenHash.get(hashToken(token));
    return row && { drillId: row.drill_id, name: row.name, role: row.role as Role };
  }

  participants(drillId: string): ParticipantRecord[] {
    return this.statements.selectParticipants.all(drillId).map(participantFromRow);
  }

  /** Inserts or replaces the drill's score under this rubric version. */
  saveScore<Breakdown>(score: ScoreRecord<Breakdown>): ScoreRecord<Breakdown> {
    try {
      this.statements.upsertScore.run({
        drillId: score.drillId,
        rubricVersion: score.rubricVersion,
        total: score.total,
        breakdownJson: JSON.stringify(score.breakdown),
        computedAt: score.computedAt,
      });
    } catch (error) {
      if (constraint(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new UnknownDrillError(score.drillId);
      throw error;
    }
    return score;
  }

  /** Oldest first. */
  scores<Breakdown = unknown>(drillId: string): ScoreRecord<Breakdown>[] {
    return this.statements.selectScores.all(drillId).map((row) => scoreFromRow<Breakdown>(row));
  }

  /** First submission or an edit: an edit replaces the markdown and keeps who/when it was first submitted. */
  savePostmortem(submission: PostmortemSubmission): PostmortemRecord {
    const at = submission.at ?? Date.now();
    try {
      this.statements.upsertPostmortem.run({ drillId: submission.drillId, markdown: submission.markdown, submittedBy: submission.submittedBy, at });
    } catch (error) {
      if (constraint(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new UnknownDrillError(submission.drillId);
      throw error;
    }
    return this.postmortem(submission.drillId)!;
  }

  postmortem(drillId: string): PostmortemRecord | undefined {
    const row = this.statements.selectPostmortem.get(drillId);
    return row && postmortemFromRow(row);
  }

  /**
   * For start-up after a crash or stop: every drill left unfinished gets a `drill.interrupted`
   * event and the state `interrupted`, all in one transaction. The caller cleans up the returned
   * stacks. The event's drill time is the drill's last event time (its clock is gone).
   */
  interruptRunning(reason: string, wallAt = Date.now()): InterruptedDrill[] {
    return this.interruptTransaction.immediate(reason, wallAt);
  }

  /** Newest first. Four queries whatever the number of drills (no query per drill). */
  drillOutcomes(query: DrillOutcomeQuery): DrillOutcomeRecord[] {
    const rows = this.statements.selectOutcomes.all({
      states: JSON.stringify(query.states),
      scenarioId: query.scenarioId ?? null,
      team: query.team ?? null,
      responder: query.responder ?? null,
      fromMs: query.fromMs ?? null,
      toMs: query.toMs ?? null,
      includeGate: query.includeGate ? 1 : 0,
      titles: query.titles ? 1 : 0,
    });
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((row) => row.id));
    const responders = groupBy(this.statements.selectResponders.all(ids), (row) => row.drill_id);
    const scores = new Map(this.statements.selectLatestScores.all(ids).map((row) => [row.drill_id, row.total]));
    const events = groupBy(this.statements.selectEventsOfTypes.all(ids, JSON.stringify(query.eventTypes)), (row) => row.drill_id);
    return rows.map((row) => ({
      id: row.id,
      scenarioId: row.scenario_id,
      scenarioTitle: row.scenario_title,
      team: row.team,
      origin: row.origin as DrillRecord['origin'],
      state: row.state as DrillState,
      createdAt: row.created_at,
      responders: (responders.get(row.id) ?? []).map((participant) => participant.name),
      score: scores.get(row.id) ?? null,
      events: (events.get(row.id) ?? []).map(eventFromRow),
    }));
  }

  /** How many drills are in each state (states without drills are absent). */
  countByState(): Partial<Record<DrillState, number>> {
    return Object.fromEntries(this.statements.countByState.all().map((row) => [row.state, row.count]));
  }

  /** Game-day runs by state (migration 3's table), for /metrics beside the drills they started. */
  countGameDayRunsByState(): Map<string, number> {
    return new Map(this.statements.countGameDayRuns.all().map((row) => [row.state, row.count]));
  }

  /**
   * Changes whenever a drill is created or gets an event (both move `updated_at`): readers that
   * derive figures from every drill can keep them until it moves.
   */
  changeMark(): string {
    const row = this.statements.changeMark.get()!;
    return `${row.count}:${row.latest ?? 0}`;
  }

  private appendWithinTransaction(drillId: string, event: NewDrillEvent, wallAt: number): DrillEvent {
    if (this.statements.touchDrill.run(wallAt, drillId).changes === 0) throw new UnknownDrillError(drillId);
    const seq = (this.statements.lastSeq.get(drillId) ?? 0) + 1;
    const data = event.data ?? {};
    this.statements.insertEvent.run({
      drillId,
      seq,
      type: event.type,
      at: event.at,
      wallAt,
      actorRole: event.actor.role,
      actorName: event.actor.name,
      dataJson: JSON.stringify(data),
    });
    return { drillId, seq, type: event.type, at: event.at, wallAt, actor: { ...event.actor }, data } as DrillEvent;
  }

  private interruptWithinTransaction(reason: string, wallAt: number): InterruptedDrill[] {
    const unfinished = this.statements.listDrills.all({ states: JSON.stringify(UNFINISHED_STATES), limit: -1 }).map(drillFromRow);
    return unfinished.reverse().map((drill) => {
      const at = this.statements.lastEventAt.get(drill.id) ?? wallAt;
      const event = this.appendWithinTransaction(drill.id, { type: 'drill.interrupted', at, actor: { ...RECOVERY_ACTOR }, data: { reason } }, wallAt);
      this.statements.updateDrill.run({ id: drill.id, state: 'interrupted', setStack: 0, stackId: null, wallAt });
      return { drillId: drill.id, stackId: drill.stackId, previousState: drill.state, event: event as DrillEvent<'drill.interrupted'> };
    });
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function clampLimit(limit: number): number {
  if (!Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(MAX_LIST_LIMIT, Math.max(1, Math.trunc(limit)));
}

/** The SQLite constraint code of a better-sqlite3 error, if it is one. */
function constraint(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') ? code : undefined;
}

/** Every statement the repository runs, prepared once per connection. */
function prepareDrillStatements(db: BetterSqlite3.Database) {
  return {
    insertDrill: db.prepare<{
      id: string;
      scenarioId: string;
      scenarioVersion: number;
      scenarioJson: string;
      runbookJson: string | null;
      speed: number;
      state: string;
      stackId: string | null;
      team: string | null;
      origin: string;
      gameDayRunId: string | null;
      createdAt: number;
      updatedAt: number;
    }>(
      `INSERT INTO drills (id, scenario_id, scenario_version, scenario_json, runbook_json, speed, state, stack_id, team, origin, gameday_run_id, created_at, updated_at)
       VALUES (@id, @scenarioId, @scenarioVersion, @scenarioJson, @runbookJson, @speed, @state, @stackId, @team, @origin, @gameDayRunId, @createdAt, @updatedAt)`,
    ),
    selectDrill: db.prepare<[string], DrillRow>('SELECT * FROM drills WHERE id = ?'),
    // states: a JSON array of states, or null for all; limit -1 means no limit.
    listDrills: db.prepare<{ states: string | null; limit: number }, DrillRow>(
      `SELECT * FROM drills
       WHERE @states IS NULL OR state IN (SELECT value FROM json_each(@states))
       ORDER BY created_at DESC, id DESC
       LIMIT @limit`,
    ),
    updateDrill: db.prepare<{ id: string; state: string | null; setStack: 0 | 1; stackId: string | null; wallAt: number }>(
      `UPDATE drills
       SET state = coalesce(@state, state),
           stack_id = CASE WHEN @setStack THEN @stackId ELSE stack_id END,
           updated_at = max(updated_at, @wallAt)
       WHERE id = @id`,
    ),
    touchDrill: db.prepare<[number, string]>('UPDATE drills SET updated_at = max(updated_at, ?) WHERE id = ?'),

    lastSeq: db.prepare<[string], number | null>('SELECT max(seq) FROM drill_events WHERE drill_id = ?').pluck(),
    lastEventAt: db.prepare<[string], number>('SELECT at FROM drill_events WHERE drill_id = ? ORDER BY seq DESC LIMIT 1').pluck(),
    insertEvent: db.prepare<{
      drillId: string;
      seq: number;
      type: string;
      at: number;
      wallAt: number;
      actorRole: string;
      actorName: string;
      dataJson: string;
    }>(
      `INSERT INTO drill_events (drill_id, seq, type, at, wall_at, actor_role, actor_name, data_json)
       VALUES (@drillId, @seq, @type, @at, @wallAt, @actorRole, @actorName, @dataJson)`,
    ),
    selectEvents: db.prepare<[string, number], EventRow>('SELECT * FROM drill_events WHERE drill_id = ? AND seq > ? ORDER BY seq'),

    insertParticipant: db.prepare<{ drillId: string; name: string; role: string; tokenHash: string; createdAt: number }>(
      'INSERT INTO participants (drill_id, name, role, token_hash, created_at) VALUES (@drillId, @name, @role, @tokenHash, @createdAt)',
    ),
    participantByTokenHash: db.prepare<[string], ParticipantRow>('SELECT drill_id, name, role, created_at FROM participants WHERE token_hash = ?'),
    selectParticipants: db.prepare<[string], ParticipantRow>(
      'SELECT drill_id, name, role, created_at FROM participants WHERE drill_id = ? ORDER BY created_at, name',
    ),

    upsertScore: db.prepare<{ drillId: string; rubricVersion: string; total: number; breakdownJson: string; computedAt: number }>(
      `INSERT INTO scores (drill_id, rubric_version, total, breakdown_json, computed_at)
       VALUES (@drillId, @rubricVersion, @total, @breakdownJson, @computedAt)
       ON CONFLICT (drill_id, rubric_version) DO UPDATE
       SET total = excluded.total, breakdown_json = excluded.breakdown_json, computed_at = excluded.computed_at`,
    ),
    selectScores: db.prepare<[string], ScoreRow>('SELECT * FROM scores WHERE drill_id = ? ORDER BY computed_at, rubric_version'),

    upsertPostmortem: db.prepare<{ drillId: string; markdown: string; submittedBy: string; at: number }>(
      `INSERT INTO postmortems (drill_id, markdown, submitted_by, submitted_at, updated_at)
       VALUES (@drillId, @markdown, @submittedBy, @at, @at)
       ON CONFLICT (drill_id) DO UPDATE SET markdown = excluded.markdown, updated_at = excluded.updated_at`,
    ),
    selectPostmortem: db.prepare<[string], PostmortemRow>('SELECT * FROM postmortems WHERE drill_id = ?'),

    // The scoreboard's reads: the drills first, then their responders, scores and events by a JSON
    // array of their ids. The title is read out of the scenario only when asked (CASE is lazy).
    selectOutcomes: db.prepare<
      { states: string; scenarioId: string | null; team: string | null; responder: string | null; fromMs: number | null; toMs: number | null; includeGate: 0 | 1; titles: 0 | 1 },
      { id: string; scenario_id: string; scenario_title: string | null; team: string | null; origin: string; state: string; created_at: number }
    >(
      `SELECT id, scenario_id, CASE WHEN @titles THEN json_extract(scenario_json, '$.metadata.title') END AS scenario_title,
              team, origin, state, created_at
       FROM drills
       WHERE state IN (SELECT value FROM json_each(@states))
         AND (@scenarioId IS NULL OR scenario_id = @scenarioId)
         AND (@team IS NULL OR team = @team)
         AND (@fromMs IS NULL OR created_at >= @fromMs)
         AND (@toMs IS NULL OR created_at < @toMs)
         AND (@includeGate OR origin <> 'gate')
         AND (@responder IS NULL OR EXISTS (
               SELECT 1 FROM participants p WHERE p.drill_id = drills.id AND p.role = 'responder' AND p.name = @responder))
       ORDER BY created_at DESC, id DESC`,
    ),
    selectResponders: db.prepare<[string], { drill_id: string; name: string }>(
      `SELECT drill_id, name FROM participants
       WHERE role = 'responder' AND drill_id IN (SELECT value FROM json_each(?))
       ORDER BY created_at, name`,
    ),
    // The latest score per drill: the row with the greatest computed_at (ties: the last rubric version).
    selectLatestScores: db.prepare<[string], { drill_id: string; total: number }>(
      `SELECT drill_id, total FROM (
         SELECT drill_id, total, row_number() OVER (PARTITION BY drill_id ORDER BY computed_at DESC, rubric_version DESC) AS n
         FROM scores WHERE drill_id IN (SELECT value FROM json_each(?)))
       WHERE n = 1`,
    ),
    selectEventsOfTypes: db.prepare<[string, string], EventRow>(
      `SELECT * FROM drill_events
       WHERE drill_id IN (SELECT value FROM json_each(?)) AND type IN (SELECT value FROM json_each(?))
       ORDER BY drill_id, seq`,
    ),
    countByState: db.prepare<[], { state: string; count: number }>('SELECT state, count(*) AS count FROM drills GROUP BY state'),
    countGameDayRuns: db.prepare<[], { state: string; count: number }>('SELECT state, count(*) AS count FROM gameday_runs GROUP BY state'),
    changeMark: db.prepare<[], { count: number; latest: number | null }>('SELECT count(*) AS count, max(updated_at) AS latest FROM drills'),
  };
}
