/**
 * Game days and the scoreboard as the API sends them. They mirror apps/api/src/gamedays/
 * gameday-schema.ts, gameday-views.ts and apps/api/src/scoreboard/scoreboard-views.ts; the web app
 * keeps its own copies because it is built separately from the API.
 */
import type { DrillState, DrillTimers } from './types.js';

// ---- game day definition (request body of POST/PUT /api/gamedays) ---------------------------

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

export interface GameDayParticipant {
  name: string;
  role: 'responder' | 'observer';
}

export type GameDayPlan =
  | { kind: 'fixed'; scenarios: string[] }
  | { kind: 'wheel'; draws: number; pool?: string[]; difficultyWeights: Record<Difficulty, number> };

export type GameDaySchedule =
  /** RFC 3339 with an offset. */
  | { kind: 'once'; at: string }
  /** `every`: run every n-th occurrence (2: every other). */
  | { kind: 'cron'; expression: string; timeZone: string; every: number };

export interface NotificationTarget {
  kind: 'webhook' | 'slack';
  url: string;
}

export interface GameDayInput {
  name: string;
  team: string;
  participants: GameDayParticipant[];
  plan: GameDayPlan;
  schedule: GameDaySchedule;
  speed: number;
  /** A duration such as `0s`, `5m`: wall time between consecutive drills' starts. */
  spacing: string;
  notify: { before: string; targets: NotificationTarget[] };
  enabled: boolean;
}

// ---- what /api/gamedays answers ------------------------------------------------------------

export type GameDayRunState = 'scheduled' | 'notified' | 'running' | 'finished' | 'missed' | 'failed';

export interface GameDayRunSummary {
  id: string;
  gameDayId: string;
  scheduledFor: string;
  state: GameDayRunState;
  startedAt: string | null;
  reason: string | null;
}

export interface GameDayView extends GameDayInput {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Null for a past one-off or a disabled game day. */
  nextRunAt: string | null;
  lastRun: GameDayRunSummary | null;
}

export interface GameDayRunDrill {
  drillId: string;
  scenarioId: string;
  state: DrillState;
  startsAt: string;
  /** Participants' join links (with tokens); only while the API that created the drills runs. */
  joinLinks?: Array<{ name: string; role: string; url: string }>;
}

export interface GameDayNotification {
  kind: 'reminder' | 'start' | 'missed';
  target: string;
  at: string;
  ok: boolean;
  error?: string;
}

export interface GameDayRunView extends GameDayRunSummary {
  drills: GameDayRunDrill[];
  notifications: GameDayNotification[];
}

export interface GameDayReportDrill {
  drillId: string;
  scenario: { id: string; title: string; difficulty: string };
  state: DrillState;
  score: number | null;
  timers: DrillTimers;
}

export interface GameDayReportSummary {
  drills: number;
  resolved: number;
  meanScore: number | null;
  meanMttd: number | null;
  meanMtta: number | null;
  meanMttr: number | null;
}

export interface GameDaySinceLast {
  runId: string;
  scheduledFor: string;
  meanScoreDelta: number | null;
  meanMttdDelta: number | null;
  meanMttaDelta: number | null;
  meanMttrDelta: number | null;
  newScenarios: string[];
  droppedScenarios: string[];
}

export interface GameDayReport {
  gameDay: { id: string; name: string; team: string };
  run: GameDayRunSummary;
  drills: GameDayReportDrill[];
  summary: GameDayReportSummary;
  /** Null for the first run with drills. */
  sinceLast: GameDaySinceLast | null;
}

// ---- scoreboard (GET /api/scoreboard) ---------------------------------------------------------

export interface ScoreboardQuery {
  responder?: string;
  team?: string;
  scenario?: string;
  /** ISO 8601: drills created at or after `from` and before `to`. */
  from?: string;
  to?: string;
  includeGate?: boolean;
}

export interface ScoreboardRow {
  drillId: string;
  createdAt: string;
  scenarioId: string;
  scenarioTitle: string;
  team: string | null;
  origin: 'manual' | 'gameday' | 'gate';
  responders: string[];
  state: string;
  score: number | null;
  mttd: number | null;
  mtta: number | null;
  mttr: number | null;
  timeToMitigate: number | null;
  timeToRecover: number | null;
  detectedBy: 'alert' | 'human' | null;
}

export interface DistributionSummary {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface ScoreboardGroup {
  key: string;
  drills: number;
  score: DistributionSummary;
  mttd: DistributionSummary;
  mtta: DistributionSummary;
  mttr: DistributionSummary;
}

export interface Scoreboard {
  query: ScoreboardQuery;
  rows: ScoreboardRow[];
  overall: ScoreboardGroup;
  byResponder: ScoreboardGroup[];
  byTeam: ScoreboardGroup[];
  byScenario: ScoreboardGroup[];
}
