import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionPool, PoolTimeoutError } from './connection-pool.js';

describe('ConnectionPool', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('queues acquirers beyond max and serves them in order as connections come back', async () => {
    const pool = new ConnectionPool({ max: 2, acquireTimeoutMs: 1000 });
    const a = await pool.acquire();
    await pool.acquire();
    const order: string[] = [];
    const third = pool.acquire().then((c) => (order.push('third'), c));
    const fourth = pool.acquire().then((c) => (order.push('fourth'), c));
    expect(pool.stats()).toMatchObject({ active: 2, waiting: 2 });
    a.release();
    await third;
    expect(order).toEqual(['third']);
    (await third).release();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('times out a waiter after the acquire timeout', async () => {
    const pool = new ConnectionPool({ max: 1, acquireTimeoutMs: 500 });
    await pool.acquire();
    const waiting = pool.acquire();
    const outcome = expect(waiting).rejects.toBeInstanceOf(PoolTimeoutError);
    await vi.advanceTimersByTimeAsync(500);
    await outcome;
    expect(pool.stats().waiting).toBe(0);
  });

  it('keeps leaked connections until reclaimed', async () => {
    const pool = new ConnectionPool({ max: 2, acquireTimeoutMs: 100 });
    pool.leaking = true;
    (await pool.acquire()).release();
    (await pool.acquire()).release();
    expect(pool.stats()).toMatchObject({ active: 2, leaked: 2 });
    pool.leaking = false;
    expect(pool.reclaimLeaked()).toBe(2);
    expect(pool.stats()).toMatchObject({ active: 0, idle: 2, leaked: 0 });
  });

  it('after shrinking, a waiter is served only once usage falls below the new size', async () => {
    const pool = new ConnectionPool({ max: 3, acquireTimeoutMs: 1000 });
    const held = [await pool.acquire(), await pool.acquire()];
    pool.resize(1);
    let served = false;
    const waiter = pool.acquire().then((connection) => ((served = true), connection));
    held[0]!.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(served).toBe(false);
    held[1]!.release();
    (await waiter).release();
    expect(served).toBe(true);
    expect(pool.stats()).toMatchObject({ max: 1, active: 0, idle: 1 });
  });
});
