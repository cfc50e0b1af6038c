import { describe, expect, it } from 'vitest';
import type { DrillView, Participant } from '../../api/types.js';
import { byResponder, byScenario, byTeam, distribution, drillsCsv, filterDrills, filterOptions, filtersFromQuery, median, percentile, teamOf, toCsv, trend } from './scoreboard-stats.js';

let counter = 0;
function drill(options: { scenario?: string; responders?: string[]; observers?: string[]; createdAt?: string; mttd?: number | null; mtta?: number | null; mttr?: number | null; score?: number }): DrillView {
  const participants: Participant[] = [...(options.responders ?? ['ana']).map((name) => ({ name, role: 'responder' as const })), ...(options.observers ?? []).map((name) => ({ name, role: 'observer' as const }))];
  return {
    id: `d${++counter}`,
    scenario: { id: options.scenario ?? 'pool', version: 1, title: `Title of ${options.scenario ?? 'pool'}`, severity: 'SEV2' },
    state: options.score === undefined ? 'running' : 'scored',
    speed: 30,
    stackId: null,
    createdAt: options.createdAt ?? '2026-03-01T10:00:00.000Z',
    timers: { t0: null, t1: null, t2: null, t3: null, t4: null, t5: null, mttd: options.mttd ?? null, mtta: options.mtta ?? null, mttr: options.mttr ?? null, timeToMitigate: null, timeToRecover: null, detectedBy: null },
    ...(options.score === undefined ? {} : { score: { rubricVersion: 'v1', total: options.score, breakdown: [], computedAt: '' } }),
    participants,
  };
}

describe('distribution', () => {
  it('computes mean, median, nearest-rank p90 and best, ignoring unknown values', () => {
    const times = distribution([30, null, 10, 20, 40, undefined, 100, 50, 60, 70, 80, 90]);
    expect(times).toEqual({ n: 10, mean: 55, median: 55, p90: 90, best: 10 });
    expect(distribution([70, 90, 80], 'highest')).toMatchObject({ best: 90, median: 80, p90: 90 });
    expect(distribution([null])).toEqual({ n: 0, mean: null, median: null, p90: null, best: null });
  });

  it('p90 is a value some drill took', () => {
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });
});

describe('grouping', () => {
  const drills = [
    drill({ responders: ['ana', 'ben'], observers: ['obs'], mttd: 10, mttr: 100, score: 80 }),
    drill({ responders: ['ben', 'ana'], mttd: 30, mttr: 300, score: 60 }),
    drill({ scenario: 'cache', responders: ['carla'], mttd: 20 }),
  ];

  it('counts a drill for each of its responders, never observers', () => {
    const rows = byResponder(drills);
    expect(rows.map((row) => [row.label, row.drills])).toEqual([
      ['ana', 2],
      ['ben', 2],
      ['carla', 1],
    ]);
    expect(rows[0]!.mttd.mean).toBe(20);
    expect(rows[0]!.score).toMatchObject({ mean: 70, best: 80 });
  });

  it('names a team by its sorted responders, or by its own team name', () => {
    expect(byTeam(drills).map((row) => [row.label, row.drills])).toEqual([
      ['ana + ben', 2],
      ['carla', 1],
    ]);
    expect(teamOf({ ...drills[0]!, team: 'Payments on-call' })).toBe('Payments on-call');
  });

  it('groups by scenario under its title', () => {
    expect(byScenario(drills).map((row) => [row.key, row.label, row.mttr.n])).toEqual([
      ['pool', 'Title of pool', 2],
      ['cache', 'Title of cache', 0],
    ]);
  });

  it('offers the scenarios and responders seen', () => {
    expect(filterOptions(drills)).toEqual({
      scenarios: [
        { id: 'cache', title: 'Title of cache' },
        { id: 'pool', title: 'Title of pool' },
      ],
      responders: ['ana', 'ben', 'carla'],
    });
  });
});

describe('filters', () => {
  const drills = [drill({ createdAt: '2026-03-01T23:59:00Z' }), drill({ createdAt: '2026-03-02T00:01:00Z', scenario: 'cache', responders: ['ben'] })];

  it('reads the URL and ignores malformed dates', () => {
    expect(filtersFromQuery({ scenario: 'pool', from: '2026-03-01', to: 'yesterday' })).toEqual({ scenario: 'pool', responder: undefined, from: '2026-03-01', to: undefined });
  });

  it('filters by scenario, responder and inclusive UTC days', () => {
    expect(filterDrills(drills, { scenario: 'cache' })).toHaveLength(1);
    expect(filterDrills(drills, { responder: 'ana' })).toHaveLength(1);
    expect(filterDrills(drills, { from: '2026-03-02' }).map((d) => d.scenario.id)).toEqual(['cache']);
    expect(filterDrills(drills, { to: '2026-03-01' }).map((d) => d.scenario.id)).toEqual(['pool']);
    expect(filterDrills(drills, {})).toHaveLength(2);
  });
});

describe('trend', () => {
  it('orders measured drills in time with strictly increasing x', () => {
    const series = trend([
      drill({ createdAt: '2026-03-02T00:00:00Z', mttd: 5, score: 90 }),
      drill({ createdAt: '2026-03-01T00:00:00Z', mttr: 50 }),
      drill({ createdAt: '2026-03-01T00:00:00Z', mtta: 7 }),
      drill({ createdAt: '2026-02-01T00:00:00Z' }),
    ]);
    expect(series.x[0]).toBe(Date.parse('2026-03-01T00:00:00Z') / 1000);
    expect(series.x[1]).toBeGreaterThan(series.x[0]!);
    expect(series.x).toHaveLength(3);
    expect(series.mttd).toEqual([null, null, 5]);
    expect(series.score).toEqual([null, null, 90]);
  });
});

describe('CSV', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(toCsv([['a,b', 'say "hi"', null, 3, '=SUM(A1)']])).toBe('"a,b","say ""hi""",,3,\'=SUM(A1)\r\n');
  });

  it('has one row per drill with the timers in seconds', () => {
    const csv = drillsCsv([drill({ responders: ['ana', 'ben'], mttd: 12, mtta: 20, mttr: 300, score: 77 })]);
    const [header, row] = csv.trim().split('\r\n');
    expect(header).toBe('drill,created_at,scenario_id,scenario,state,speed,responders,team,mttd_s,mtta_s,mttr_s,score');
    expect(row).toMatch(/,pool,Title of pool,scored,30,ana; ben,ana \+ ben,12,20,300,77$/);
  });
});
