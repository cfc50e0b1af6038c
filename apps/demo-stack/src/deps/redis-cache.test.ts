import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_SERVER, startRedisServer, type RunningRedis } from '../../../../test/support/redis-server.js';
import { CacheWriteError, RedisCache } from './redis-cache.js';
import { cleanUpRedisStack, RedisMemoryFault, setEvictionPolicy } from './redis-memory.js';

describe.skipIf(!REDIS_SERVER)('RedisCache against a real redis-server', () => {
  if (!REDIS_SERVER) console.warn('redis-server not found (Debian package redis-server): Redis cache tests skipped');
  let server: RunningRedis;
  let admin: Redis;
  const open: RedisCache[] = [];
  const cache = (prefix = 'stk-test:', replica = 'catalog-0'): RedisCache => {
    const created = new RedisCache({ url: server.url, prefix, replica, refreshMs: 50 });
    open.push(created);
    return created;
  };
  const config = async (name: string) => ((await admin.config('GET', name)) as string[])[1];

  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await admin.config('SET', 'maxmemory', '0');
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.flushall();
  });
  afterAll(async () => {
    await admin?.quit();
    await server?.stop();
  });

  it('stores under the prefix with real TTLs: SET PX, PTTL, PEXPIREAT', async () => {
    const c = cache();
    await c.set('product:1', 'one', 5000);
    expect(await admin.get('stk-test:product:1')).toBe('one');
    expect(await c.get('product:1')).toBe('one');
    const ttl = (await c.ttl('product:1'))!;
    expect(ttl).toBeGreaterThan(4000);
    expect(ttl).toBeLessThanOrEqual(5000);
    expect(await admin.pttl('stk-test:product:1')).toBeGreaterThan(4000);
    await c.expireAt('product:1', Date.now() + 60_000);
    expect(await c.ttl('product:1')).toBeGreaterThan(50_000);
    await c.expireAt('product:1', Date.now() - 1);
    expect(await admin.exists('stk-test:product:1')).toBe(0);
    expect(await c.get('product:1')).toBeUndefined();
    expect(await c.ttl('product:1')).toBeUndefined();
    await c.set('short', 'x', 30);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await c.get('short')).toBeUndefined();
  });

  it('keys, size and flush see only its own prefix (SCAN, never KEYS or FLUSHALL)', async () => {
    await admin.set('other-stack:product:1', 'theirs');
    await admin.set('stk-te*:x', 'glob lookalike');
    const c = cache();
    for (let i = 0; i < 30; i++) await c.set(`product:${i}`, String(i), 10_000);
    expect((await c.keys()).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `product:${i}`).sort());
    await c.refresh();
    expect(c.size()).toBe(30);
    await c.flush();
    expect(await c.keys()).toEqual([]);
    expect(c.size()).toBe(0);
    expect(await admin.get('other-stack:product:1')).toBe('theirs');
    expect(await admin.get('stk-te*:x')).toBe('glob lookalike');
  });

  it('refuses an entry-count cap (Redis evicts by memory) and counts the server\'s evictions', async () => {
    const c = cache();
    await expect(c.limitEntries(5)).rejects.toThrow(/cache-out-of-memory/);
    expect(await c.limitEntries(undefined)).toBe(0);
    for (let i = 0; i < 200; i++) await c.set(`k${i}`, 'x'.repeat(1000), 60_000);
    const used = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))![1]);
    await setEvictionPolicy(c, 'allkeys-lru');
    await admin.config('SET', 'maxmemory', String(used - 100_000));
    await c.set('one-more', 'x', 60_000);
    await c.refresh();
    expect(c.evictions()).toBeGreaterThan(50);
  });

  it('cache-out-of-memory: writes fail with OOM until the policy allows eviction; the last holder restores the settings', async () => {
    await admin.config('SET', 'maxmemory', '500000000');
    const a = cache('stk-test:', 'catalog-0');
    const b = cache('stk-test:', 'catalog-1');
    await a.set('warm', 'v', 60_000);
    const revertA = await new RedisMemoryFault(a).apply({ fillMb: 2 });
    const revertB = await new RedisMemoryFault(b).apply({ fillMb: 2 });
    expect((await admin.keys('stk-test:__firedrill:cold:*')).length).toBe(32); // filled once, not per replica
    expect(await a.keys()).toEqual(['warm']);
    expect(await config('maxmemory-policy')).toBe('noeviction');
    expect(Number(await config('maxmemory'))).toBeLessThan(500_000_000);
    const failure = await a.set('product:1', 'x'.repeat(2000), 60_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CacheWriteError);
    expect((failure as CacheWriteError).outOfMemory).toBe(true);
    expect((failure as Error).message).toMatch(/OOM command not allowed/);
    expect(await a.get('warm')).toBe('v'); // reads still work

    await setEvictionPolicy(b, 'volatile-lru'); // only keys with a TTL may go: the cold ones have none
    await expect(a.set('product:1', 'x'.repeat(2000), 60_000)).rejects.toThrow(/OOM/);
    expect(await setEvictionPolicy(b, 'allkeys-lru')).toBe('volatile-lru');
    for (let i = 0; i < 20; i++) await a.set(`product:${i}`, 'x'.repeat(2000), 60_000); // room is made by evicting cold keys
    expect((await admin.keys('stk-test:__firedrill:cold:*')).length).toBeLessThan(32);

    await revertA();
    await revertA(); // idempotent
    expect(Number(await config('maxmemory'))).toBeLessThan(500_000_000); // b still holds it
    await revertB();
    expect(await config('maxmemory')).toBe('500000000');
    expect(await config('maxmemory-policy')).toBe('noeviction');
    expect(await admin.exists('stk-test:__firedrill:oom')).toBe(0);
    expect(await admin.keys('stk-test:__firedrill:*')).toEqual([]);
  });

  it('a holder that died no longer holds: stack clean-up restores the settings and deletes every key of the prefix', async () => {
    const a = cache();
    await a.set('product:1', 'x', 60_000);
    await new RedisMemoryFault(a).apply({ fillMb: 1, maxmemoryBytes: 1_000_000_000 });
    await admin.set('other-stack:k', 'theirs');
    // Still held by a live replica: the settings and what is needed to restore them stay.
    expect(await cleanUpRedisStack(server.url, 'stk-test:')).toBe(17); // product:1 and 16 cold keys
    expect(await config('maxmemory')).toBe('1000000000');
    expect(await admin.exists('stk-test:__firedrill:oom')).toBe(1);
    await a.close(); // its connection, and so its hold, is gone, as when the process is killed
    open.splice(0);
    await admin.set('stk-test:product:2', 'y');
    expect(await cleanUpRedisStack(server.url, 'stk-test:')).toBe(1);
    expect(await config('maxmemory')).toBe('0');
    expect(await config('maxmemory-policy')).toBe('noeviction');
    expect(await admin.keys('stk-test:*')).toEqual([]);
    expect(await admin.get('other-stack:k')).toBe('theirs');
  });
});
