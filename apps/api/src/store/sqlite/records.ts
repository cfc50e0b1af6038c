import type { Runbook, Scenario } from '@firedrill/scenarios';
import type { DrillEvent, DrillState, Role } from '../../drills/timeline.js';

/** A drill as stored. Times are wall-clock epoch ms; drill time lives in the events. */
export interface DrillRecord {
  id: string;
  scenarioId: string;
  scenarioVersion: number;
  /** The whole scenario when the drill was created, answer key included: never send to a responder. */
  scenario: Scenario;
  runbook: Runbook | null;
  speed: number;
  state: DrillState;
  stackId: string | null;
  /** The team the drill counts for on the scoreboard; null when none was named. */
  team: string | null;
  /** What created it: a facilitator by hand, a scheduled game day, or the CI gate (a robot). */
  origin: DrillOrigin;
  /** The game-day run it belongs to, when `origin` is `gameday`. */
  gameDayRunId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type DrillOrigin = 'manual' | 'gameday' | 'gate';

/** What createDrill needs; `state` defaults to `created`, both times to `createdAt` (default now). */
export type NewDrillRecord = Omit<DrillRecord, 'state' | 'stackId' | 'createdAt' | 'updatedAt' | 'team' | 'origin' | 'gameDayRunId'> &
  Partial<Pick<DrillRecord, 'state' | 'stackId' | 'createdAt' | 'team' | 'origin' | 'gameDayRunId'>>;

export interface DrillListQuery {
  /** Only drills in this state (or any of these states). */
  state?: DrillState | readonly DrillState[];
  /** Newest first, at most this many (1–1000). */
  limit: number;
}

export interface DrillUpdate {
  state?: DrillState;
  /** null: the drill no longer has a stack. */
  stackId?: string | null;
}

/** Who may act in a drill; the token is only ever held by its owner. */
export interface Participant {
  drillId: string;
  name: string;
  role: Role;
}

export interface ParticipantRecord extends Participant {
  createdAt: number;
}

export interface ScoreRecord<Breakdown = unknown> {
  drillId: string;
  rubricVersion: string;
  total: number;
  breakdown: Breakdown;
  computedAt: number;
}

export interface PostmortemRecord {
  drillId: string;
  markdown: string;
  /** Who first submitted it; edits keep this and move `updatedAt`. */
  submittedBy: string;
  submittedAt: number;
  updatedAt: number;
}

export interface PostmortemSubmission {
  drillId: string;
  markdown: string;
  submittedBy: string;
  /** Wall-clock ms; defaults to now. */
  at?: number;
}

/** A drill the process found unfinished at start (its previous run crashed or was stopped). */
export interface InterruptedDrill {
  drillId: string;
  /** The stack to clean up, if the drill had one. */
  stackId: string | null;
  previousState: DrillState;
  event: DrillEvent<'drill.interrupted'>;
}

/** States after which nothing more happens to a drill. */
export const FINAL_STATES: readonly DrillState[] = ['scored', 'closed', 'aborted', 'interrupted'];

/** States a drill can be caught in when the process stops. */
export const UNFINISHED_STATES: readonly DrillState[] = ['created', 'running', 'detected', 'acknowledged', 'diagnosed', 'mitigated', 'resolved'];
