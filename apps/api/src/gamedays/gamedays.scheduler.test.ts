import { SchedulerRegistry } from '@nestjs/schedule';
import { describe, expect, it } from 'vitest';
import type { GameDayRuns } from './gameday-runs.js';
import { GameDaysScheduler } from './gamedays.scheduler.js';

/** The shell only calls tick: never two at once, errors counted, the interval registered and removed. */
describe('game-day scheduler shell', () => {
  function fakeRuns() {
    const calls = { ticks: 0, stopped: 0 };
    let release: () => void = () => undefined;
    let outcome: 'ok' | 'errors' | 'throw' = 'ok';
    const runs = {
      tick: () => {
        calls.ticks++;
        return new Promise<{ errors: number }>((resolve, reject) => {
          release = () => (outcome === 'throw' ? reject(new Error('database is locked')) : resolve({ errors: outcome === 'errors' ? 2 : 0 }));
        });
      },
      stop: async () => {
        calls.stopped++;
      },
    } as unknown as GameDayRuns;
    return { runs, calls, release: () => release(), fail: (how: 'errors' | 'throw') => (outcome = how) };
  }

  it('skips a beat while a tick is under way and counts failures', async () => {
    const fake = fakeRuns();
    const scheduler = new GameDaysScheduler(new SchedulerRegistry(), fake.runs);
    const first = scheduler.beat();
    void scheduler.beat();
    expect(fake.calls.ticks).toBe(1);
    expect(scheduler.stats.skipped).toBe(1);
    fake.release();
    await first;
    fake.fail('errors');
    const second = scheduler.beat();
    fake.release();
    await second;
    fake.fail('throw');
    const third = scheduler.beat();
    fake.release();
    await third;
    expect(scheduler.stats).toEqual({ ticks: 2, errors: 3, skipped: 1, lastError: 'database is locked' });
  });

  it('registers its interval on bootstrap and removes it at shutdown', async () => {
    const fake = fakeRuns();
    const registry = new SchedulerRegistry();
    const scheduler = new GameDaysScheduler(registry, fake.runs);
    scheduler.onApplicationBootstrap();
    expect(registry.getIntervals()).toEqual(['gamedays.tick']);
    await scheduler.beforeApplicationShutdown();
    expect(registry.getIntervals()).toEqual([]);
    expect(fake.calls.stopped).toBe(1);
  });
});
