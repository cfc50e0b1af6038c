import type { DrillRecord, ParticipantRecord, ScoreRecord } from '../store/sqlite/records.js';
import type { DrillState, DrillTimers, Role } from './timeline.js';

/** The timers as the API shows them: marks as ISO 8601 drill time, durations in seconds. */
export interface DrillTimersView extends Omit<DrillTimers, 't0' | 't1' | 't2' | 't3' | 't4' | 't5'> {
  t0: string | null;
  t1: string | null;
  t2: string | null;
  t3: string | null;
  t4: string | null;
  t5: string | null;
}

export interface DrillScoreView {
  rubricVersion: string;
  total: number;
  breakdown: unknown;
  computedAt: string;
}

export interface DrillView {
  id: string;
  scenario: { id: string; version: number; title: string; severity: string };
  state: DrillState;
  speed: number;
  stackId: string | null;
  team: string | null;
  origin: 'manual' | 'gameday' | 'gate';
  gameDayRunId: string | null;
  createdAt: string;
  timers: DrillTimersView;
  /** Present once scored: the score under the newest rubric the drill was scored with. */
  score?: DrillScoreView;
  participants: Array<{ name: string; role: Role }>;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function timersView(timers: DrillTimers): DrillTimersView {
  return { ...timers, t0: iso(timers.t0), t1: iso(timers.t1), t2: iso(timers.t2), t3: iso(timers.t3), t4: iso(timers.t4), t5: iso(timers.t5) };
}

export function scoreView(score: ScoreRecord): DrillScoreView {
  return { rubricVersion: score.rubricVersion, total: score.total, breakdown: score.breakdown, computedAt: new Date(score.computedAt).toISOString() };
}

export function drillView(drill: DrillRecord, timers: DrillTimers, scores: readonly ScoreRecord[], participants: readonly ParticipantRecord[]): DrillView {
  const { metadata } = drill.scenario;
  const latest = [...scores].sort((a, b) => a.computedAt - b.computedAt).at(-1);
  return {
    id: drill.id,
    scenario: { id: metadata.id, version: metadata.version, title: metadata.title, severity: metadata.severity },
    state: drill.state,
    speed: drill.speed,
    stackId: drill.stackId,
    team: drill.team,
    origin: drill.origin,
    gameDayRunId: drill.gameDayRunId,
    createdAt: new Date(drill.createdAt).toISOString(),
    timers: timersView(timers),
    ...(latest === undefined ? {} : { score: scoreView(latest) }),
    participants: participants.map(({ name, role }) => ({ name, role })),
  };
}
