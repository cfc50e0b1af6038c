import type { DrillEvent, DrillEventType, DrillState, Role } from '../../drills/timeline.js';
import type { DrillRecord, ParticipantRecord, PostmortemRecord, ScoreRecord } from './records.js';

/** Rows as SQLite hands them back, and their conversion to records (JSON columns parsed). */
export interface DrillRow {
  id: string;
  scenario_id: string;
  scenario_version: number;
  scenario_json: string;
  runbook_json: string | null;
  speed: number;
  state: string;
  stack_id: string | null;
  team: string | null;
  origin: string;
  gameday_run_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface EventRow {
  drill_id: string;
  seq: number;
  type: string;
  at: number;
  wall_at: number;
  actor_role: string;
  actor_name: string;
  data_json: string;
}

export interface ParticipantRow {
  drill_id: string;
  name: string;
  role: string;
  created_at: number;
}

export interface ScoreRow {
  drill_id: string;
  rubric_version: string;
  total: number;
  breakdown_json: string;
  computed_at: number;
}

export interface PostmortemRow {
  drill_id: string;
  markdown: string;
  submitted_by: string;
  submitted_at: number;
  updated_at: number;
}

export function drillFromRow(row: DrillRow): DrillRecord {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    scenarioVersion: row.scenario_version,
    scenario: JSON.parse(row.scenario_json) as DrillRecord['scenario'],
    runbook: row.runbook_json === null ? null : (JSON.parse(row.runbook_json) as DrillRecord['runbook']),
    speed: row.speed,
    state: row.state as DrillState,
    stackId: row.stack_id,
    team: row.team,
    origin: row.origin as DrillRecord['origin'],
    gameDayRunId: row.gameday_run_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function eventFromRow(row: EventRow): DrillEvent {
  return {
    drillId: row.drill_id,
    seq: row.seq,
    type: row.type as DrillEventType,
    at: row.at,
    wallAt: row.wall_at,
    actor: { role: row.actor_role as Role | 'system', name: row.actor_name },
    data: JSON.parse(row.data_json) as DrillEvent['data'],
  };
}

export function participantFromRow(row: ParticipantRow): ParticipantRecord {
  return { drillId: row.drill_id, name: row.name, role: row.role as Role, createdAt: row.created_at };
}

export function scoreFromRow<Breakdown>(row: ScoreRow): ScoreRecord<Breakdown> {
  return {
    drillId: row.drill_id,
    rubricVersion: row.rubric_version,
    total: row.total,
    breakdown: JSON.parse(row.breakdown_json) as Breakdown,
    computedAt: row.computed_at,
  };
}

export function postmortemFromRow(row: PostmortemRow): PostmortemRecord {
  return {
    drillId: row.drill_id,
    markdown: row.markdown,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  };
}
