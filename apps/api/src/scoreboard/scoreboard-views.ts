/**
 * `GET /api/scoreboard` (facilitator only: it names every responder):
 * one row per finished drill and per responder, plus aggregates. Durations are seconds.
 */
export interface ScoreboardQuery {
  responder?: string;
  team?: string;
  scenario?: string;
  /** ISO 8601 or Unix seconds: drills created at or after / before. */
  from?: string;
  to?: string;
  /** Include drills of the CI gate (robots); false by default. */
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
  /** The responder name, team or scenario id the group is for. */
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
