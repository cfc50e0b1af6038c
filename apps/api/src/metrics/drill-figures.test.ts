import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '../drills/timeline.js';
import type { DrillOutcomeRecord } from '../store/sqlite/drill-repository.js';
import { drillFigures } from './drill-figures.js';

const T0 = Date.UTC(2025, 0, 1);
let seq = 0;
const event = (type: DrillEvent['type'], seconds: number): DrillEvent =>
  ({ drillId: 'x', seq: ++seq, type, at: T0 + seconds * 1000, wallAt: T0, actor: { role: 'system', name: 'engine' }, data: {} }) as DrillEvent;

function record(id: string, state: DrillOutcomeRecord['state'], events: DrillEvent[], extra: Partial<DrillOutcomeRecord> = {}): DrillOutcomeRecord {
  return { id, scenarioId: 'pool-exhaustion', scenarioTitle: null, team: 'payments', origin: 'manual', state, createdAt: T0, responders: [], score: null, events, ...extra };
}

const full = [event('fault.injected', 0), event('alert.firing', 60), event('page.acknowledged', 90), event('drill.resolved', 300)];

describe('drill figures for /metrics', () => {
  it('counts resolved, scored and closed drills as resolved, and aborted and interrupted ones apart', () => {
    const figures = drillFigures([
      record('a', 'scored', full),
      record('b', 'closed', full),
      record('c', 'resolved', full),
      record('d', 'aborted', []),
      record('e', 'interrupted', [], { team: null, origin: 'gate' }),
      record('f', 'running', full),
    ]);
    expect(figures.outcomes).toEqual([
      { labels: { outcome: 'resolved', scenario: 'pool-exhaustion', team: 'payments', origin: 'manual' }, count: 3 },
      { labels: { outcome: 'aborted', scenario: 'pool-exhaustion', team: 'payments', origin: 'manual' }, count: 1 },
      { labels: { outcome: 'interrupted', scenario: 'pool-exhaustion', team: '', origin: 'gate' }, count: 1 },
    ]);
  });

  it('observes a timer only for drills that reached both of its marks', () => {
    const figures = drillFigures([
      record('a', 'scored', full),
      record('b', 'aborted', [event('fault.injected', 0), event('alert.firing', 30)]),
      // An alert before the fault is noise, not detection: no MTTD.
      record('c', 'aborted', [event('alert.firing', 0), event('fault.injected', 10)]),
    ]);
    expect(figures.mttd.map((o) => o.seconds)).toEqual([60, 30]);
    expect(figures.mtta.map((o) => o.seconds)).toEqual([30]);
    expect(figures.mttr.map((o) => o.seconds)).toEqual([240]);
    expect(figures.mttr[0]!.labels).toEqual({ scenario: 'pool-exhaustion', team: 'payments', origin: 'manual' });
  });
});
