import { FakeClock } from '@firedrill/clock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../common/errors.js';
import { DrillRepository } from '../store/sqlite/drill-repository.js';
import { drillFixture, temporaryDataDir } from '../store/sqlite/testing/store-fixture.js';
import { gameDayInput, gameDayInstance } from './testing/gameday-fixture.js';

describe('game-day definitions', () => {
  let data: ReturnType<typeof temporaryDataDir>;
  let api: ReturnType<typeof gameDayInstance>;
  let clock: FakeClock;

  beforeEach(() => {
    data = temporaryDataDir();
    clock = new FakeClock(Date.parse('2026-03-18T10:00:00+01:00'));
    api = gameDayInstance(data.dbPath, clock);
  });

  afterEach(() => {
    api.close();
    data.remove();
  });

  async function problemsOf(body: unknown): Promise<string[]> {
    try {
      await api.service.create(body);
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_request') return error.problems.map((problem) => problem.field);
      throw error;
    }
    throw new Error('accepted');
  }

  it('names every field the service checks, and stores nothing', async () => {
    expect(await problemsOf(gameDayInput({ plan: { kind: 'fixed', scenarios: ['pool', 'no-such-scenario'] } }))).toEqual(['plan.scenarios.1']);
    expect(await problemsOf(gameDayInput({ plan: { kind: 'wheel', pool: ['pool', 'nope'] } }))).toEqual(['plan.pool.1']);
    expect(await problemsOf(gameDayInput({ plan: { kind: 'wheel', pool: ['pool'], difficultyWeights: { beginner: 0, intermediate: 1, advanced: 1 } } }))).toEqual(['plan.difficultyWeights']);
    expect(await problemsOf(gameDayInput({ schedule: { kind: 'cron', expression: '0 14 * *', timeZone: 'Europe/Berlin' } }))).toEqual(['schedule.expression']);
    expect(await problemsOf(gameDayInput({ schedule: { kind: 'cron', expression: '0 14 * * 5', timeZone: 'Europe/Nowhere' } }))).toEqual(['schedule.timeZone']);
    expect(await problemsOf(gameDayInput({ schedule: { kind: 'once', at: '2026-03-01T10:00:00+01:00' } }))).toEqual(['schedule.at']);
    expect(await problemsOf(gameDayInput({ spacing: '1m1h', notify: { before: '5m5m', targets: [] } }))).toEqual(['spacing', 'notify.before']);
    expect(await problemsOf({ ...gameDayInput(), participants: [], extra: 1 })).toEqual(expect.arrayContaining(['participants', 'extra']));
    expect(api.service.list()).toEqual([]);
  });

  it('a game day as the API shows it: the spec with defaults, next start in its zone, no run yet', async () => {
    const created = await api.service.create(gameDayInput());
    expect(created).toMatchObject({
      name: 'Friday chaos',
      team: 'payments',
      speed: 1,
      spacing: '0s',
      enabled: true,
      createdAt: '2026-03-18T09:00:00.000Z',
      nextRunAt: '2026-03-20T14:00:00+01:00',
      lastRun: null,
    });
    expect(api.service.get(created.id)).toEqual(created);
    expect(() => api.service.get('gd-nope')).toThrow(/not found/);
  });

  it('an edit that keeps the schedule keeps the evaluation mark; delete removes it', async () => {
    const created = await api.service.create(gameDayInput());
    const renamed = await api.service.update(created.id, gameDayInput({ name: 'Renamed' }));
    expect(renamed.name).toBe('Renamed');
    expect(api.repository.getGameDay(created.id)!.cursor).toEqual({ afterMs: Date.parse('2026-03-18T10:00:00+01:00'), count: 0 });
    api.service.delete(created.id);
    expect(api.service.list()).toEqual([]);
  });

  it('previews the next five starts in the zone, and names a bad expression', () => {
    expect(api.service.preview({ schedule: { kind: 'cron', expression: '0 14 * * 5', timeZone: 'Europe/Berlin', every: 2 } })).toEqual({
      occurrences: ['2026-03-20T14:00:00+01:00', '2026-04-03T14:00:00+02:00', '2026-04-17T14:00:00+02:00', '2026-05-01T14:00:00+02:00', '2026-05-15T14:00:00+02:00'],
    });
    expect(() => api.service.preview({ schedule: { kind: 'cron', expression: 'soon', timeZone: 'UTC' } })).toThrow(/schedule\.expression/);
    expect(() => api.service.preview({})).toThrow(/schedule/);
  });

  it('counts the team\'s past drills per scenario: started ones, any origin but the gate', () => {
    const drills = new DrillRepository(api.database);
    const add = (id: string, team: string | null, origin: 'manual' | 'gameday' | 'gate', state: 'created' | 'aborted' | 'closed') =>
      drills.createDrill({ ...drillFixture(id), team, origin, state });
    add('d1', 'payments', 'manual', 'closed');
    add('d2', 'payments', 'gameday', 'aborted');
    add('d3', 'payments', 'gate', 'closed');
    add('d4', 'payments', 'manual', 'created');
    add('d5', 'search', 'manual', 'closed');
    expect(api.repository.teamDrillCounts('payments')).toEqual(new Map([['pool-exhaustion', 2]]));
  });
});
