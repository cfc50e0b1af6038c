import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';
import { ScaledClock } from './real-clock.js';

describe('FakeClock', () => {
  it('fires timers in due order only when stepped', async () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    clock.setTimeout(() => fired.push('a'), 100);
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(100);
    await clock.advance(500);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(600);
  });

  it('fires timers that callbacks start within the same step', async () => {
    const clock = new FakeClock(0);
    const ticks: number[] = [];
    const tick = (): void => {
      ticks.push(clock.now());
      if (ticks.length < 3) clock.setTimeout(tick, 10);
    };
    clock.setTimeout(tick, 10);
    await clock.advance(100);
    expect(ticks).toEqual([10, 20, 30]);
  });

  it('cancels a sleep through its abort signal', async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    const slept = clock.sleep(1000, controller.signal);
    controller.abort();
    await expect(slept).rejects.toThrow(/abort/i);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('ScaledClock', () => {
  it('rejects a speed that is not positive', () => {
    expect(() => new ScaledClock(0)).toThrow(/positive/);
    expect(() => new ScaledClock(Number.NaN)).toThrow(/positive/);
  });

  it('runs clock time faster than wall time', () => {
    const clock = new ScaledClock(1000);
    const wallStart = Date.now();
    const clockStart = clock.now();
    while (Date.now() - wallStart < 5) {
      // a few wall milliseconds, busy-waited, not slept
    }
    expect(clock.now() - clockStart).toBeGreaterThanOrEqual(4000);
    expect(clock.toWallMs(60_000)).toBe(60);
  });
});

describe('ScaledClock.fromWallMs', () => {
  it('maps a wall time onto the scaled clock: the origin stays, later instants stretch by the speed', () => {
    const clock = new ScaledClock(60);
    const wallNow = Date.now();
    const mapped = clock.fromWallMs(wallNow + 1000);
    expect(mapped - clock.fromWallMs(wallNow)).toBe(60_000);
    expect(Math.abs(clock.fromWallMs(wallNow) - clock.now())).toBeLessThan(60 * 50);
  });
});
