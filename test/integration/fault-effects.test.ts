import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { delta, quantile, scrape, scrapeAll, total } from '../support/metrics.js';
import { createStack, replicaUrls, stackInfo, window, type StackInfo } from '../support/stack-harness.js';

// Integration level: a real embedded stack (six processes) under steady load; every fault's effect
// is read from the services' own /metrics, before, during and after the fault.
describe('fault effects on a live stack', () => {
  let api: ApiHarness;
  let stack: StackInfo;
  const inject = async (body: Record<string, unknown>): Promise<string> => {
    const created = await api.call('POST', `/api/stacks/${stack.id}/faults`, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const revert = async (faultId: string): Promise<void> => {
    const reverted = await api.call('DELETE', `/api/stacks/${stack.id}/faults/${faultId}`);
    expect(reverted.status).toBe(200);
    expect(reverted.body.state).toBe('reverted');
  };

  beforeAll(async () => {
    api = await startApi();
    stack = await createStack(api, { loadRps: 40 });
    await window(replicaUrls(stack, 'gateway'), 80); // warm caches and connections
  });

  afterAll(async () => {
    await api?.call('DELETE', `/api/stacks/${stack.id}`);
    await api?.close();
  });

  it('latency: p95 of the service rises by the delay, and falls back after revert', async () => {
    const catalog = replicaUrls(stack, 'catalog');
    const p95 = (increase: Parameters<typeof quantile>[1]) => quantile(0.95, increase, 'http_request_duration_seconds', { service: 'catalog' });
    const before = p95((await window(catalog, 60)).increase);
    const faultId = await inject({ kind: 'latency', target: { service: 'catalog' }, params: { delayMs: 300 } });
    const during = p95((await window(catalog, 60)).increase);
    await revert(faultId);
    await window(catalog, 20); // requests that started under the fault finish here
    const after = p95((await window(catalog, 60)).increase);
    expect(before).toBeLessThan(0.1);
    expect(during).toBeGreaterThan(0.3);
    expect(after).toBeLessThan(0.1);
  });

  it('latency on a dependency: only calls to that dependency slow down', async () => {
    const catalog = replicaUrls(stack, 'catalog');
    const faultId = await inject({ kind: 'latency', target: { service: 'catalog', dependency: 'db' }, params: { delayMs: 200 } });
    const before = await scrapeAll(catalog);
    // Most reads are cache hits; wait for enough misses to reach the database.
    const increase = await eventually(async () => {
      const change = delta(before, await scrapeAll(catalog));
      expect(total(change, 'db_query_duration_seconds_count')).toBeGreaterThanOrEqual(3);
      expect(total(change, 'http_requests_total')).toBeGreaterThanOrEqual(60);
      return change;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    await revert(faultId);
    const meanQuerySeconds = total(increase, 'db_query_duration_seconds_sum') / total(increase, 'db_query_duration_seconds_count');
    expect(meanQuerySeconds).toBeGreaterThan(0.2);
    // Cache hits never touch the database, so the median request stays fast.
    expect(quantile(0.5, increase, 'http_request_duration_seconds', { service: 'catalog' })).toBeLessThan(0.05);
  });

  it('error: the 5xx ratio of the service rises to the requested share, and is zero after revert', async () => {
    const payments = replicaUrls(stack, 'payments');
    const ratio = (increase: Awaited<ReturnType<typeof window>>['increase']) =>
      total(increase, 'http_requests_total', { status: /^5/ }) / total(increase, 'http_requests_total');
    const faultId = await inject({ kind: 'error', target: { service: 'payments' }, params: { status: 503, percent: 50 } });
    const during = await window(payments, 40);
    await revert(faultId);
    const after = await window(payments, 30);
    expect(ratio(during.increase)).toBeGreaterThan(0.25);
    expect(ratio(during.increase)).toBeLessThan(0.75);
    expect(total(during.increase, 'http_requests_total', { status: '503' })).toBeGreaterThan(0);
    expect(ratio(after.increase)).toBe(0);
  });

  it('pod-kill: the killed replica is restarted (restart count, new pid) while traffic fails over', async () => {
    const before = await stackInfo(api, stack.id);
    const faultId = await inject({ kind: 'pod-kill', target: { service: 'catalog' }, params: { count: 1 } });
    const restarted = await eventually(async () => {
      const now = await stackInfo(api, stack.id);
      const replicas = now.services.find((s) => s.name === 'catalog')!.replicas;
      const victim = replicas.find((replica) => replica.restarts === 1);
      expect(victim?.state).toBe('running');
      return { victim: victim!, replicas };
    });
    const original = before.services.find((s) => s.name === 'catalog')!.replicas.find((r) => r.id === restarted.victim.id)!;
    expect(restarted.victim.pid).not.toBe(original.pid);
    expect(restarted.replicas.filter((replica) => replica.restarts === 0)).toHaveLength(1);
    const gateway = await window(replicaUrls(stack, 'gateway'), 40);
    expect(total(gateway.increase, 'http_requests_total', { route: /^\/api\/products/, status: /^5/ })).toBe(0);
    await revert(faultId);
  });

  it('pod-kill with crash loop: all replicas keep dying until the fault ends, then recover', async () => {
    const faultId = await inject({ kind: 'pod-kill', target: { service: 'payments' }, params: { count: 'all', crashLoop: true } });
    const checkout = replicaUrls(stack, 'checkout');
    const during = await window(checkout, 10);
    expect(total(during.increase, 'http_requests_total', { status: /^5/ })).toBeGreaterThan(0);
    const crashing = await stackInfo(api, stack.id);
    expect(crashing.services.find((s) => s.name === 'payments')!.replicas.every((r) => r.state !== 'running')).toBe(true);
    await revert(faultId);
    await eventually(async () => {
      const now = await stackInfo(api, stack.id);
      expect(now.services.find((s) => s.name === 'payments')!.replicas.every((r) => r.state === 'running')).toBe(true);
    });
    const after = await window(checkout, 10);
    expect(total(after.increase, 'http_requests_total', { status: /^5/ })).toBe(0);
  });

  it('cache-stampede: hit ratio drops and database queries jump; both recover after revert', async () => {
    const catalog = replicaUrls(stack, 'catalog');
    const hitRatio = (increase: Awaited<ReturnType<typeof window>>['increase']) =>
      total(increase, 'cache_requests_total', { result: 'hit' }) / total(increase, 'cache_requests_total');
    const queriesPerRequest = (increase: Awaited<ReturnType<typeof window>>['increase']) =>
      total(increase, 'db_queries_total') / total(increase, 'http_requests_total');
    const before = await window(catalog, 120);
    const faultId = await inject({ kind: 'cache-stampede', target: { service: 'catalog' }, params: { periodMs: 1000 } });
    const during = await window(catalog, 120);
    await revert(faultId);
    await window(catalog, 120); // keys that expired at the last synchronised instant refill once
    const after = await window(catalog, 120);
    expect(hitRatio(during.increase)).toBeLessThan(hitRatio(before.increase) - 0.15);
    expect(queriesPerRequest(during.increase)).toBeGreaterThan(2 * queriesPerRequest(before.increase));
    // Windows of ~120 requests: allow sampling noise, the fault's drop is far larger.
    expect(hitRatio(after.increase)).toBeGreaterThan(hitRatio(before.increase) - 0.1);
    expect(queriesPerRequest(after.increase)).toBeLessThan(queriesPerRequest(during.increase) / 2);
  });

  it('pool-exhaustion: active connections reach max, acquire timeouts rise; both clear after revert', async () => {
    const payments = replicaUrls(stack, 'payments');
    const faultId = await inject({ kind: 'pool-exhaustion', target: { service: 'payments' }, params: { mode: 'slow-queries' } });
    const during = await window(payments, 20);
    expect(total(during.after, 'db_pool_connections', { state: 'active' })).toBe(total(during.after, 'db_pool_connections', { state: 'max' }));
    expect(total(during.increase, 'db_pool_acquire_timeouts_total')).toBeGreaterThan(0);
    expect(total(during.increase, 'http_requests_total', { status: '503' })).toBeGreaterThan(0);
    await revert(faultId);
    const after = await window(payments, 20);
    expect(total(after.increase, 'db_pool_acquire_timeouts_total')).toBe(0);
    expect(total(after.after, 'db_pool_connections', { state: 'active' })).toBeLessThan(total(after.after, 'db_pool_connections', { state: 'max' }));
  });

  it('pool-exhaustion by leak: leaked connections drain the pool; revert gives them back', async () => {
    const payments = replicaUrls(stack, 'payments');
    const faultId = await inject({ kind: 'pool-exhaustion', target: { service: 'payments' }, params: { mode: 'leak' } });
    await eventually(async () => {
      const series = await scrapeAll(payments);
      expect(total(series, 'db_pool_connections', { state: 'active' })).toBe(total(series, 'db_pool_connections', { state: 'max' }));
    }, { timeoutMs: 30_000 });
    await revert(faultId);
    await eventually(async () => {
      const series = await scrapeAll(payments);
      expect(total(series, 'db_pool_connections', { state: 'active' })).toBeLessThan(total(series, 'db_pool_connections', { state: 'max' }));
    });
    const after = await window(payments, 20);
    expect(total(after.increase, 'db_pool_acquire_timeouts_total')).toBe(0);
  });

  it('scrape-block: /metrics is unreachable while requests keep succeeding, and returns after revert', async () => {
    const catalog = replicaUrls(stack, 'catalog');
    const faultId = await inject({ kind: 'scrape-block', target: { service: 'catalog' }, params: {} });
    for (const url of catalog) await expect(scrape(url)).rejects.toThrow();
    for (let i = 0; i < 10; i++) {
      const response = await request(`${stack.gatewayUrl}/api/products/${i + 1}`);
      await response.body.dump();
      expect(response.statusCode).toBe(200);
    }
    await revert(faultId);
    for (const url of catalog) expect((await scrape(url)).length).toBeGreaterThan(10);
  });

  it('memory-leak: resident memory and heap climb while it runs; revert frees the heap', async () => {
    const checkout = replicaUrls(stack, 'checkout');
    const memory = async (name: string) => total(await scrapeAll(checkout), name);
    const residentBefore = await memory('process_resident_memory_bytes');
    const faultId = await inject({ kind: 'memory-leak', target: { service: 'checkout' }, params: { mbPerMinute: 1000, capMb: 48 } });
    await eventually(async () => {
      expect((await memory('process_resident_memory_bytes')) - residentBefore).toBeGreaterThan(32 * 2 ** 20);
      expect(await memory('nodejs_heap_size_used_bytes')).toBeGreaterThan(20 * 2 ** 20);
    }, { timeoutMs: 15_000, intervalMs: 250 });
    const heapDuring = await memory('nodejs_heap_size_used_bytes');
    await revert(faultId);
    await eventually(async () => expect(await memory('nodejs_heap_size_used_bytes')).toBeLessThan(heapDuring - 16 * 2 ** 20));
  });

  it('cache-eviction: entries stay at capacity and the hit ratio collapses; revert restores it', async () => {
    const catalog = replicaUrls(stack, 'catalog');
    const hitRatio = (increase: Awaited<ReturnType<typeof window>>['increase']) =>
      total(increase, 'cache_requests_total', { result: 'hit' }) / total(increase, 'cache_requests_total');
    const before = await window(catalog, 60);
    // Capacity 0: a cache with no memory left keeps nothing, whatever the request mix.
    const faultId = await inject({ kind: 'cache-eviction', target: { service: 'catalog' }, params: { capacity: 0 } });
    const during = await window(catalog, 60);
    await revert(faultId);
    await window(catalog, 40); // the emptied cache refills
    const after = await window(catalog, 80);
    expect(total(during.after, 'cache_entries')).toBe(0);
    expect(total(during.increase, 'cache_evictions_total')).toBeGreaterThan(0);
    expect(hitRatio(during.increase)).toBeLessThan(0.1);
    expect(hitRatio(before.increase)).toBeGreaterThan(0.5);
    expect(hitRatio(after.increase)).toBeGreaterThan(0.5);
  });

  it('index-drop: refused (400) on this stack, whose database is simulated; its effect on a real PostgreSQL is in real-postgres.test.ts', async () => {
    const refused = await api.call('POST', `/api/stacks/${stack.id}/faults`, { kind: 'index-drop', target: { service: 'catalog' }, params: {} });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/needs a stack whose database is a real PostgreSQL/);
  });

  it('reset clears every fault of the stack at once', async () => {
    await inject({ kind: 'latency', target: { service: 'gateway' }, params: { delayMs: 50 } });
    await inject({ kind: 'error', target: { service: 'catalog' }, params: { percent: 10 } });
    const reset = await api.call('POST', `/api/stacks/${stack.id}/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.reverted).toHaveLength(2);
    expect((await stackInfo(api, stack.id) as unknown as { faults: unknown[] }).faults).toEqual([]);
    const listed = await api.call('GET', `/api/stacks/${stack.id}/faults`);
    expect(listed.body.filter((fault: { state: string }) => fault.state === 'active')).toEqual([]);
  });
});
