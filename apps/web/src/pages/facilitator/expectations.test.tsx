import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../api/types.js';
import { drillNow, expectedAlerts, forbiddenAlerts, statusCheckRows } from './expectations.js';

const T0 = 1_000_000;
const e = (seq: number, type: DrillEvent['type'], atSeconds: number, data: object): DrillEvent =>
  ({ drillId: 'd', seq, type, at: T0 + atSeconds * 1000, wallAt: 0, actor: { role: 'system', name: 'alerting' }, data }) as DrillEvent;

const events = [
  e(1, 'fault.injected', 0, { kind: 'pool-exhaustion' }),
  e(2, 'alert.firing', 70, { alert: 'DbPoolAcquireTimeouts', labels: {} }),
  e(3, 'alert.firing', 200, { alert: 'DbPoolSaturated', labels: {} }),
  e(4, 'checks.changed', 80, { green: false, failing: ['payments-pool-has-room'] }),
  e(5, 'alert.firing', 210, { alert: 'TargetDown', labels: {} }),
];

describe('expectations', () => {
  it('says which expected alerts fired in time, late, or are overdue', () => {
    const rows = expectedAlerts({ alerts: [{ name: 'DbPoolAcquireTimeouts', within: '2m' }, { name: 'DbPoolSaturated', within: '3m' }, { name: 'HighErrorRatio', within: '4m' }, { name: 'Slow', within: '10m' }] }, events, T0 + 300_000);
    expect(rows.map((row) => [row.name, row.firedAt, row.verdict])).toEqual([
      ['DbPoolAcquireTimeouts', 'T0+1m10s', 'in time'],
      ['DbPoolSaturated', 'T0+3m20s', 'late'],
      ['HighErrorRatio', null, 'overdue'],
      ['Slow', null, 'waiting'],
    ]);
  });

  it('says an alert missing at the end never fired', () => {
    expect(expectedAlerts({ alerts: [{ name: 'HighErrorRatio', within: '4m' }] }, events, undefined, true)[0]!.verdict).toBe('never fired');
  });

  it('flags alerts that must not fire', () => {
    expect(forbiddenAlerts({ mustNotFire: ['TargetDown', 'ReplicaRestarting'] }, events)).toEqual([
      { name: 'TargetDown', fired: true },
      { name: 'ReplicaRestarting', fired: false },
    ]);
  });

  it('reads the status checks from the newest checks.changed', () => {
    const checks = [{ id: 'checkout-succeeds', description: 'a', query: 'q' }, { id: 'payments-pool-has-room', description: 'b', query: 'q' }];
    expect(statusCheckRows(checks, events).map((row) => row.green)).toEqual([true, false]);
    expect(statusCheckRows(checks, []).map((row) => row.green)).toEqual([null, null]);
  });
});

describe('drillNow', () => {
  it('runs on from the newest event at the drill speed while the drill runs', () => {
    const last = { ...e(9, 'query.run', 10, {}), wallAt: 5_000 };
    expect(drillNow([last], 30, 6_000, true)).toBe(T0 + 10_000 + 30_000);
    expect(drillNow([last], 30, 6_000, false)).toBe(T0 + 10_000);
    expect(drillNow([], 30, 6_000, true)).toBeUndefined();
  });
});
