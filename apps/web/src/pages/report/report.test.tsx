import { describe, expect, it } from 'vitest';
import type { DrillEvent, DrillTimers, ScoreItem } from '../../api/types.js';
import { parseStepLine, shapeScore } from './breakdown.js';
import { durationToSeconds, formatSeconds } from './durations.js';
import { alertLabels, timelineRows } from './timeline.js';
import { timerMarks, timersAgainstTargets } from './timers.js';

const timers: DrillTimers = {
  t0: '2026-01-01T00:00:00.000Z',
  t1: '2026-01-01T00:01:30.000Z',
  t2: '2026-01-01T00:03:00.000Z',
  t3: null,
  t4: null,
  t5: null,
  mttd: 90,
  mtta: 400,
  mttr: null,
  timeToMitigate: null,
  timeToRecover: null,
  detectedBy: 'alert',
};

describe('durations', () => {
  it('reads and prints Prometheus-style durations', () => {
    expect(durationToSeconds('1h30m')).toBe(5400);
    expect(durationToSeconds('500ms')).toBe(0.5);
    expect(durationToSeconds('soon')).toBeNull();
    expect(formatSeconds(130)).toBe('2m10s');
    expect(formatSeconds(3605)).toBe('1h0m5s');
  });
});

describe('timersAgainstTargets', () => {
  it('says met or missed against the targets', () => {
    const rows = timersAgainstTargets(timers, { mttd: '2m', mtta: '5m', mttr: '20m' }, false);
    expect(rows.map((row) => [row.id, row.value, row.target, row.verdict])).toEqual([
      ['mttd', '1m30s', '2m', 'met'],
      ['mtta', '6m40s', '5m', 'missed'],
      ['mttr', '—', '20m', 'running'],
      ['timeToMitigate', '—', null, 'running'],
      ['timeToRecover', '—', null, 'running'],
    ]);
  });

  it('shows timers alone without targets, and unreached ones once the drill is over', () => {
    const rows = timersAgainstTargets(timers, null, true);
    expect(rows[0]).toMatchObject({ target: null, verdict: 'no target' });
    expect(rows[2]).toMatchObject({ verdict: 'not reached' });
  });

  it('prints marks from T0', () => {
    expect(timerMarks(timers).map((mark) => mark.offset)).toEqual(['T0+0s', 'T0+1m30s', 'T0+3m', null, null, null]);
  });
});

describe('shapeScore', () => {
  const breakdown: ScoreItem[] = [
    { id: 'detection', title: 'Detection speed', points: 15, max: 15, details: ['MTTD 1m30s'], followUps: [] },
    {
      id: 'runbook',
      title: 'Runbook adherence',
      points: 10.5,
      max: 25,
      details: [
        "Step 'acknowledge' (Acknowledge the page) done at T1+1m30s by acknowledging the page (bound 5m): 3.57 of 3.57 points.",
        "Step 'read-logs' (Confirm the failures (payments)) done at T1+9m by log search (service payments, level error) (bound 8m, late by 1m; out of order: before 'check-pool'): 2.14 of 3.57 points.",
        "Step 'check-pool' (Check the pool) not done: expected a query of db_pool_connections or db_pool_acquire_timeouts_total: 0 of 3.57 points.",
      ],
      followUps: ["Practise runbook step 'Check the pool'."],
    },
    { id: 'hints', title: 'Hints used', points: -10, max: 0, details: ["Hint 'look-at-the-pool': -10."], followUps: [] },
  ];

  it('reads the runbook steps out of their lines', () => {
    expect(parseStepLine(breakdown[1]!.details[1]!)).toEqual({
      id: 'read-logs',
      title: 'Confirm the failures (payments)',
      done: true,
      at: 'T1+9m',
      evidence: 'log search (service payments, level error)',
      notes: "bound 8m, late by 1m; out of order: before 'check-pool'",
      expected: null,
      points: 2.14,
      max: 3.57,
    });
    expect(parseStepLine(breakdown[1]!.details[2]!)).toMatchObject({ done: false, expected: 'a query of db_pool_connections or db_pool_acquire_timeouts_total', points: 0 });
    expect(parseStepLine('The runbook has no checkable steps: full points.')).toBeNull();
  });

  it('lists what cost points, biggest first, and treats hints as a penalty', () => {
    const shaped = shapeScore(66, breakdown);
    expect(shaped.steps.map((step) => step.id)).toEqual(['acknowledge', 'read-logs', 'check-pool']);
    expect(shaped.categories[2]).toMatchObject({ penalty: true, share: null, lost: 10 });
    expect(shaped.categories[1]).toMatchObject({ share: 0.42, lost: 14.5 });
    expect(shaped.costs.map((cost) => [cost.category, cost.points])).toEqual([['Runbook adherence', 14.5], ['Hints used', 10]]);
    expect(shaped.costs[1]!.reason).toBe("Hint 'look-at-the-pool': -10.");
  });
});

describe('timelineRows', () => {
  it('times events from T0 and reads redacted faults as an incident', () => {
    const base = Date.parse(timers.t0!);
    const events = [
      { drillId: 'd', seq: 1, type: 'drill.started', at: base - 45_000, wallAt: 0, actor: { role: 'facilitator', name: 'facilitator' }, data: { stackId: 's' } },
      { drillId: 'd', seq: 2, type: 'fault.injected', at: base, wallAt: 0, actor: { role: 'system', name: 'engine' }, data: {} },
      { drillId: 'd', seq: 3, type: 'alert.pending', at: base + 10_000, wallAt: 0, actor: { role: 'system', name: 'alerting' }, data: { alert: 'X', labels: {} } },
      { drillId: 'd', seq: 4, type: 'action.taken', at: base + 130_000, wallAt: 0, actor: { role: 'responder', name: 'alex' }, data: { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 30 }, ok: true } },
    ] as DrillEvent[];
    expect(timelineRows(events, { hidePending: true }).map((row) => [row.when, row.actor, row.text, row.tone])).toEqual([
      ['T0-45s', 'facilitator', 'drill started: the stack is up', 'person'],
      ['T0+0s', 'engine', 'an incident began', 'fault'],
      ['T0+2m10s', 'alex', 'action set-config payments pool.max=30', 'person'],
    ]);
  });
});

describe('alertLabels', () => {
  it('tells alert series apart', () => {
    expect(alertLabels({ slo: 'x', service: 'checkout', severity: 'page', long_window: '1h', short_window: '5m' })).toBe(' (checkout, page, 5m/1h)');
    expect(alertLabels({ service: 'payments', replica: 'payments-1', severity: 'page' })).toBe(' (payments-1, page)');
    expect(alertLabels({})).toBe('');
  });
});
