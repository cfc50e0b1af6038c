import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_HOT_KEYS } from '../../apps/demo-stack/src/services/catalog.js';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { total } from '../support/metrics.js';
import { REDIS_SERVER, startRedisServer, type RunningRedis } from '../support/redis-server.js';
import { createStack, replicaUrls, window, type StackInfo } from '../support/stack-harness.js';

type Increase = Awaited<ReturnType<typeof window>>['increase'];
const hitRatio = (increase: Increase) => total(increase, 'cache_requests_total', { result: 'hit' }) / total(increase, 'cache_requests_total');
const queriesPerRequest = (increase: Increase) => total(increase, 'db_queries_total') / total(increase, 'http_requests_total');

// Integration level against a real redis-server (Debian package redis-server): a stack whose
// catalog cache is that Redis, its faults acting on the server for real, and its clean-up.
describe.skipIf(!REDIS_SERVER)('a stack on a real Redis', () => {
  if (!REDIS_SERVER) console.warn('redis-server not found (Debian package redis-server): real-Redis tests skipped');
  let redis: RunningRedis;
  let admin: Redis;
  let api: ApiHarness;
  let stack: StackInfo;
  const prefix = () => `${stack.id}:`;
  const config = async (name: string) => ((await admin.config('GET', name)) as string[])[1];
  const keysOf = async (pattern: string): Promise<string[]> => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found;
  };
  const inject = async (body: Record<string, unknown>): Promise<string> => {
    const created = await api.call('POST', `/api/stacks/${stack.id}/faults`, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const revert = async (faultId: string) => expect((await api.call('DELETE', `/api/stacks/${stack.id}/faults/${faultId}`)).status).toBe(200);
  const act = async (body: Record<string, unknown>) => {
    const done = await api.call('POST', `/api/stacks/${stack.id}/actions`, body);
    expect(done.status, JSON.stringify(done.body)).toBeLessThan(300);
    return done.body;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
    api = await startApi(undefined, { components: { redisUrl: redis.url } });
    stack = await createStack(api, { loadRps: 40, speed: 10, dependencies: { cache: 'redis' } });
    await window(replicaUrls(stack, 'gateway'), 80);
  });

  afterAll(async () => {
    if (stack) await api?.call('DELETE', `/api/stacks/${stack.id}`);
    await api?.close();
    await admin?.quit();
    await redis?.stop();
  });

  it('serves the catalog through Redis: keys under the stack prefix with real TTLs; cache-eviction is refused', async () => {
    const keys = await keysOf(`${prefix()}*`);
    expect(keys.length).toBeGreaterThan(3);
    const ttl = await admin.pttl(`${prefix()}products:list`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    const { increase } = await window(replicaUrls(stack, 'catalog'), 60);
    expect(hitRatio(increase)).toBeGreaterThan(0.5);
    const refused = await api.call('POST', `/api/stacks/${stack.id}/faults`, { kind: 'cache-eviction', target: { service: 'catalog' }, params: {} });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/use cache-out-of-memory/);
  });

  it('cache-stampede with real TTLs: the hot keys expire together, hit ratio drops, database queries jump', async () => {
    const catalog = replicaUrls(stack, 'catalog');
    const before = await window(catalog, 120);
    const faultId = await inject({ kind: 'cache-stampede', target: { service: 'catalog' }, params: { periodMs: 1000 } });
    const during = await window(catalog, 120);
    // Redis's own TTLs: every hot key present expires at the next whole second.
    const ttls = (await Promise.all(CATALOG_HOT_KEYS.map((key) => admin.pttl(prefix() + key)))).filter((ms) => ms > 0);
    expect(ttls.length).toBeGreaterThan(0);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(1000);
    await revert(faultId);
    await window(catalog, 120);
    const after = await window(catalog, 120);
    expect(hitRatio(during.increase)).toBeLessThan(hitRatio(before.increase) - 0.15);
    expect(queriesPerRequest(during.increase)).toBeGreaterThan(2 * queriesPerRequest(before.increase));
    expect(hitRatio(after.increase)).toBeGreaterThan(hitRatio(before.increase) - 0.1);
  });

  it('cache-out-of-memory: writes fail with OOM; cache-eviction-policy allkeys-lru fixes it; revert restores the settings', async () => {
    const catalog = replicaUrls(stack, 'catalog');
    // Entries age out within a second, so the effect shows at once rather than after a 30 s TTL.
    await act({ action: 'set-config', service: 'catalog', params: { key: 'cache.ttlMs', value: 1000 } });
    await act({ action: 'cache-flush', service: 'catalog' });
    expect([await config('maxmemory'), await config('maxmemory-policy')]).toEqual(['0', 'noeviction']);
    const faultId = await inject({ kind: 'cache-out-of-memory', target: { service: 'catalog' }, params: { fillMb: 4 } });
    expect(Number(await config('maxmemory'))).toBeGreaterThan(0);
    await window(catalog, 40); // entries written before the fault expire
    const during = await window(catalog, 120);
    expect(total(during.increase, 'cache_write_failures_total', { reason: 'oom' })).toBeGreaterThan(10);
    expect(hitRatio(during.increase)).toBeLessThan(0.2);
    expect(total(during.increase, 'http_requests_total', { status: /^5/ })).toBe(0); // the reader still gets its value

    const fixed = await act({ action: 'cache-eviction-policy', service: 'catalog', params: { policy: 'allkeys-lru' } });
    expect(fixed.result).toMatch(/noeviction → allkeys-lru/);
    await window(catalog, 40);
    const after = await window(catalog, 120);
    expect(total(after.increase, 'cache_write_failures_total', { reason: 'oom' })).toBe(0);
    expect(hitRatio(after.increase)).toBeGreaterThan(hitRatio(during.increase) + 0.3);
    expect(Number(/evicted_keys:(\d+)/.exec(await admin.info('stats'))![1])).toBeGreaterThan(0);

    await revert(faultId);
    await eventually(async () => expect([await config('maxmemory'), await config('maxmemory-policy')]).toEqual(['0', 'noeviction']));
    expect(await keysOf(`${prefix()}__firedrill:*`)).toEqual([]);
  });

  it('removing the stack leaves no key of its prefix', async () => {
    expect((await keysOf(`${prefix()}*`)).length).toBeGreaterThan(0);
    const removed = await api.call('DELETE', `/api/stacks/${stack.id}`);
    expect(removed.status).toBe(200);
    expect(await keysOf(`${prefix()}*`)).toEqual([]);
    stack = undefined as unknown as StackInfo;
  });
});
