import { describe, expect, it } from 'vitest';
import type { DrillTimersView } from '../drills/drill-summary.js';
import { buildGameDayReport } from './gameday-report.js';
import type { GameDayReportDrill, GameDayRunSummary } from './gameday-views.js';

const TIMERS: DrillTimersView = { t0: null, t1: null, t2: null, t3: null, t4: null, t5: null, mttd: null, mtta: null, mttr: null, timeToMitigate: null, timeToRecover: null, detectedBy: null };

function drill(id: string, scenario: string, score: number | null, timers: Partial<DrillTimersView> = {}): GameDayReportDrill {
  return { drillId: id, scenario: { id: scenario, title: scenario, difficulty: 'intermediate' }, state: score === null ? 'aborted' : 'scored', score, timers: { ...TIMERS, ...timers } };
}

const run = (id: string, scheduledFor: string): GameDayRunSummary => ({ id, gameDayId: 'gd-1', scheduledFor, state: 'finished', startedAt: scheduledFor, reason: null });
const gameDay = { id: 'gd-1', name: 'Friday', team: 'payments' };

describe('game-day report', () => {
  it('summarises the drills: means over the drills that have a value, resolved counts T4', () => {
    const report = buildGameDayReport({
      gameDay,
      run: run('gdr-2', '2026-12-04T14:00:00+01:00'),
      drills: [drill('a', 'pool', 80, { mttd: 30, mtta: 10, mttr: 300, t4: '2026-12-04T13:10:00.000Z' }), drill('b', 'cache', 61, { mttd: 90, mtta: 20 }), drill('c', 'leak', null)],
      previous: null,
    });
    expect(report.summary).toEqual({ drills: 3, resolved: 1, meanScore: 70.5, meanMttd: 60, meanMtta: 15, meanMttr: 300 });
    expect(report.sinceLast).toBeNull();
    expect(report.drills.map((entry) => entry.drillId)).toEqual(['a', 'b', 'c']);
  });

  it('compares with the previous run: deltas are now minus then, scenarios new and dropped', () => {
    const report = buildGameDayReport({
      gameDay,
      run: run('gdr-2', '2026-12-18T14:00:00+01:00'),
      drills: [drill('a', 'pool', 90, { mttd: 20, mttr: 200 }), drill('b', 'cache', 70, { mttd: 40 })],
      previous: { run: run('gdr-1', '2026-12-04T14:00:00+01:00'), drills: [drill('x', 'pool', 60, { mttd: 60, mttr: 500 }), drill('y', 'leak', null)] },
    });
    expect(report.sinceLast).toEqual({
      runId: 'gdr-1',
      scheduledFor: '2026-12-04T14:00:00+01:00',
      meanScoreDelta: 20,
      meanMttdDelta: -30,
      meanMttaDelta: null,
      meanMttrDelta: -300,
      newScenarios: ['cache'],
      droppedScenarios: ['leak'],
    });
  });
});
