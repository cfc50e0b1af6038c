import { describe, expect, it } from 'vitest';
import type { ScoreboardRow } from '../../api/gameday-types.js';
import { apiQuery, filtersFromQuery, groupsOf, isFiltered, newestFirst, scenarioTitles, trendOf } from './scoreboard-query.js';

let counter = 0;
function row(changes: Partial<ScoreboardRow> = {}): ScoreboardRow {
  return {
    drillId: `d${++counter}`,
    createdAt: '2026-03-01T10:00:00.000Z',
    scenarioId: 'pool',
    scenarioTitle: 'Pool exhausted',
    team: 'payments',
    origin: 'manual',
    responders: ['ana'],
    state: 'scored',
    score: 80,
    mttd: 30,
    mtta: 60,
    mttr: 600,
    timeToMitigate: null,
    timeToRecover: null,
    detectedBy: 'alert',
    ...changes,
  };
}

describe('scoreboard filters', () => {
  it('reads the URL, ignoring what is not a filter', () => {
    expect(filtersFromQuery({ responder: ' ana ', team: '', from: '2026-11-01', to: 'soon', gate: '1', by: 'team' })).toEqual({
      responder: 'ana',
      team: undefined,
      scenario: undefined,
      from: '2026-11-01',
      to: undefined,
      includeGate: true,
    });
    expect(filtersFromQuery({}).includeGate).toBe(false);
    expect(isFiltered(filtersFromQuery({}))).toBe(false);
    expect(isFiltered(filtersFromQuery({ scenario: 'pool' }))).toBe(true);
  });

  it('asks the API for whole local days, the last one included', () => {
    const query = apiQuery(filtersFromQuery({ from: '2026-11-01', to: '2026-11-03', team: 'payments' }));
    expect(query).toEqual({ team: 'payments', from: new Date(2026, 10, 1).toISOString(), to: new Date(2026, 10, 4).toISOString() });
    expect(apiQuery(filtersFromQuery({ gate: 'true' }))).toEqual({ includeGate: true });
    expect(apiQuery(filtersFromQuery({}))).toEqual({});
  });
});

describe('scoreboard data', () => {
  it('plots measured drills in time order, nudging equal times apart', () => {
    const rows = [
      row({ createdAt: '2026-03-02T10:00:00.000Z', mttd: 5 }),
      row({ createdAt: '2026-03-01T10:00:00.000Z', mttd: 7, score: null }),
      row({ createdAt: '2026-03-01T10:00:00.000Z', mttd: 9 }),
      row({ createdAt: '2026-03-03T10:00:00.000Z', mttd: null, mtta: null, mttr: null, score: null }),
    ];
    const trend = trendOf(rows);
    expect(trend.x).toHaveLength(3);
    expect(trend.x[1]! - trend.x[0]!).toBeCloseTo(0.001);
    expect(trend.mttd).toEqual([7, 9, 5]);
    expect(trend.score).toEqual([null, 80, 80]);
  });

  it('orders rows newest first and names scenarios by title', () => {
    const rows = [row({ createdAt: '2026-03-01T00:00:00Z' }), row({ createdAt: '2026-03-05T00:00:00Z', scenarioId: 'dns', scenarioTitle: 'DNS' })];
    expect(newestFirst(rows).map((r) => r.scenarioId)).toEqual(['dns', 'pool']);
    expect(scenarioTitles(rows).get('dns')).toBe('DNS');
  });

  it('picks the grouping asked for', () => {
    const group = (key: string) => ({ key, drills: 1, score: { count: 0, mean: null, median: null, p90: null }, mttd: { count: 0, mean: null, median: null, p90: null }, mtta: { count: 0, mean: null, median: null, p90: null }, mttr: { count: 0, mean: null, median: null, p90: null } });
    const board = { byResponder: [group('ana')], byTeam: [group('payments')], byScenario: [group('pool')] };
    expect(groupsOf(board, 'team')[0]!.key).toBe('payments');
    expect(groupsOf(board, 'scenario')[0]!.key).toBe('pool');
    expect(groupsOf(board, 'responder')[0]!.key).toBe('ana');
  });
});
