import type { GameDayReport, GameDayReportDrill, GameDayRunSummary } from './gameday-views.js';

export interface GameDayReportInput {
  gameDay: GameDayReport['gameDay'];
  run: GameDayRunSummary;
  drills: readonly GameDayReportDrill[];
  /** The previous run of the same game day that had drills, with its drills; null for the first. */
  previous: null | { run: GameDayRunSummary; drills: readonly GameDayReportDrill[] };
}

/**
 * A game day's report from its drills' views: the drills, means of score and timers over the
 * drills that have them, and the change since the previous run with drills (now minus then, so a
 * negative MTTR delta is an improvement and a negative score delta is not).
 */
export function buildGameDayReport(input: GameDayReportInput): GameDayReport {
  const summary = summarise(input.drills);
  const previous = input.previous;
  return {
    gameDay: input.gameDay,
    run: input.run,
    drills: [...input.drills],
    summary,
    sinceLast:
      previous === null
        ? null
        : (() => {
            const before = summarise(previous.drills);
            const now = new Set(input.drills.map((drill) => drill.scenario.id));
            const then = new Set(previous.drills.map((drill) => drill.scenario.id));
            return {
              runId: previous.run.id,
              scheduledFor: previous.run.scheduledFor,
              meanScoreDelta: delta(summary.meanScore, before.meanScore),
              meanMttdDelta: delta(summary.meanMttd, before.meanMttd),
              meanMttaDelta: delta(summary.meanMtta, before.meanMtta),
              meanMttrDelta: delta(summary.meanMttr, before.meanMttr),
              newScenarios: [...now].filter((id) => !then.has(id)).sort(),
              droppedScenarios: [...then].filter((id) => !now.has(id)).sort(),
            };
          })(),
  };
}

function summarise(drills: readonly GameDayReportDrill[]): GameDayReport['summary'] {
  return {
    drills: drills.length,
    resolved: drills.filter((drill) => drill.timers.t4 !== null).length,
    meanScore: mean(drills.map((drill) => drill.score)),
    meanMttd: mean(drills.map((drill) => drill.timers.mttd)),
    meanMtta: mean(drills.map((drill) => drill.timers.mtta)),
    meanMttr: mean(drills.map((drill) => drill.timers.mttr)),
  };
}

/** The mean of the known values, rounded to a tenth; null when none is known. */
function mean(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return null;
  return round(known.reduce((sum, value) => sum + value, 0) / known.length);
}

function delta(now: number | null, then: number | null): number | null {
  return now === null || then === null ? null : round(now - then);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
