import type { DrillState } from '../drills/timeline.js';
import type { DrillTimersView } from '../drills/drill-summary.js';
import type { GameDaySpec } from './gameday-schema.js';

/**
 * What `/api/gamedays` answers with (facilitator only). Times are ISO 8601 wall time. The web
 * client's types mirror these.
 */
export interface GameDayView extends GameDaySpec {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** The next start this instance will run; null for a past one-off or a disabled game day. */
  nextRunAt: string | null;
  /** The most recent run, if any. */
  lastRun: GameDayRunSummary | null;
}

/**
 * scheduled: claimed, not started; notified: the reminder went out; running: its drills were
 * created and started; finished: every drill ended; missed: the service was down at the start
 * time (never run late); failed: it could not start (the reason says why).
 */
export type GameDayRunState = 'scheduled' | 'notified' | 'running' | 'finished' | 'missed' | 'failed';

export interface GameDayRunSummary {
  id: string;
  gameDayId: string;
  /** The planned start (the cron occurrence or the one-off date). */
  scheduledFor: string;
  state: GameDayRunState;
  startedAt: string | null;
  reason: string | null;
}

export interface GameDayRunDrill {
  drillId: string;
  scenarioId: string;
  state: DrillState;
  /** Planned start of this drill (the run's start plus its spacing). */
  startsAt: string;
  /**
   * The participants' join links (with their tokens). Tokens are stored only as hashes, so these
   * exist only in the API process that created the drills, until the run ends or the API restarts.
   */
  joinLinks?: Array<{ name: string; role: string; url: string }>;
}

export interface GameDayRunView extends GameDayRunSummary {
  drills: GameDayRunDrill[];
  /** Notifications sent for this run: when, which target, whether it was delivered. */
  notifications: Array<{ kind: 'reminder' | 'start' | 'missed'; target: string; at: string; ok: boolean; error?: string }>;
}

export interface GameDayReportDrill {
  drillId: string;
  scenario: { id: string; title: string; difficulty: string };
  state: DrillState;
  score: number | null;
  timers: DrillTimersView;
}

export interface GameDayReport {
  gameDay: { id: string; name: string; team: string };
  run: GameDayRunSummary;
  drills: GameDayReportDrill[];
  summary: { drills: number; resolved: number; meanScore: number | null; meanMttd: number | null; meanMtta: number | null; meanMttr: number | null };
  /** Against the previous run of the same game day that had drills; null for the first. */
  sinceLast: null | {
    runId: string;
    scheduledFor: string;
    meanScoreDelta: number | null;
    meanMttdDelta: number | null;
    meanMttaDelta: number | null;
    meanMttrDelta: number | null;
    /** Scenarios drilled now and not last time, and the other way round. */
    newScenarios: string[];
    droppedScenarios: string[];
  };
}
