import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { scrape, scrapeAll, total } from '../support/metrics.js';
import { createStack, replicaUrls, stackInfo, window, type StackInfo } from '../support/stack-harness.js';

// Integration level: responder actions have real effects on a live embedded stack under load.
describe('responder actions on a live stack', () => {
  let api: ApiHarness;
  let stack: StackInfo;
  const act = (body: Record<string, unknown>) => api.call('POST', `/api/stacks/${stack.id}/actions`, body);
  const acted = async (body: Record<string, unknown>): Promise<string> => {
    const response = await act(body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.result as string;
  };
  const replicasOf = async (service: string) => (await stackInfo(api, stack.id)).services.find((s) => s.name === service)!.replicas;

  beforeAll(async () => {
    api = await startApi();
    stack = await createStack(api, { loadRps: 40 });
    await window(replicaUrls(stack, 'gateway'), 40);
  });

  afterAll(async () => {
    await api?.call('DELETE', `/api/stacks/${stack.id}`);
    await api?.close();
  });

  it('refuses what is not on the allow-list, bad values and a rollback with no release, changing nothing', async () => {
    const unknown = await act({ action: 'shell', service: 'catalog', params: { command: 'rm -rf /' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/allowed: scale, restart, rollback, set-config, cache-flush, cache-warm, pool-kill-queries/);
    const badValue = await act({ action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 0 } });
    expect(badValue.status).toBe(400);
    expect(JSON.stringify(badValue.body)).toContain('params.value');
    const noCache = await act({ action: 'cache-flush', service: 'payments' });
    expect(noCache.status).toBe(400);
    expect((await act({ action: 'rollback', service: 'payments' })).status).toBe(409);
  });

  it('set-config pool.max raises db_pool_connections{state="max"} in every replica', async () => {
    const result = await acted({ action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 25 } });
    expect(result).toContain('pool.max = 25');
    for (const url of replicaUrls(stack, 'payments')) expect(total(await scrape(url), 'db_pool_connections', { state: 'max' })).toBe(25);
  });

  it('pool-kill-queries frees a pool exhausted by runaway slow queries', async () => {
    const payments = replicaUrls(stack, 'payments');
    const fault = await api.call('POST', `/api/stacks/${stack.id}/faults`, { kind: 'pool-exhaustion', target: { service: 'payments' }, params: { mode: 'slow-queries' } });
    expect(fault.status).toBe(201);
    onTestFinished(async () => void (await api.call('DELETE', `/api/stacks/${stack.id}/faults/${fault.body.id}`)));
    await eventually(async () => {
      const series = await scrapeAll(payments);
      expect(total(series, 'db_pool_connections', { state: 'active' })).toBe(total(series, 'db_pool_connections', { state: 'max' }));
    });
    // Runaway queries count as long once they have run LONG_QUERY_MS; until then a responder tries again.
    await eventually(async () => {
      expect(await acted({ action: 'pool-kill-queries', service: 'payments' })).toMatch(/^cancelled \d+ queries running longer than 500 ms on 2 of 2/);
      for (const url of payments) {
        const series = await scrape(url);
        expect(total(series, 'db_pool_connections', { state: 'active' })).toBeLessThan(total(series, 'db_pool_connections', { state: 'max' }));
      }
    }, { intervalMs: 250 });
    const after = await window(payments, 20);
    expect(total(after.increase, 'db_pool_acquire_timeouts_total')).toBe(0);
    expect(total(after.after, 'db_pool_connections', { state: 'active' })).toBeLessThan(total(after.after, 'db_pool_connections', { state: 'max' }));
  });

  it('cache-flush empties the cache and cache-warm loads the hot keys again', async () => {
    // Without load nothing refills the cache between the action and the scrape.
    await api.call('PUT', `/api/stacks/${stack.id}/load`, { rps: 0 });
    onTestFinished(async () => void (await api.call('PUT', `/api/stacks/${stack.id}/load`, { rps: 40 })));
    const served = async () => total(await scrapeAll(replicaUrls(stack, 'gateway')), 'http_requests_total');
    await eventually(async () => {
      const before = await served();
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await served()).toBe(before);
    });
    const catalog = replicaUrls(stack, 'catalog');
    expect(total(await scrapeAll(catalog), 'cache_entries')).toBeGreaterThan(0);
    expect(await acted({ action: 'cache-flush', service: 'catalog' })).toMatch(/flushed \d+ cache entries on 2 of 2/);
    expect(total(await scrapeAll(catalog), 'cache_entries')).toBe(0);
    expect(await acted({ action: 'cache-warm', params: { service: 'catalog' } })).toMatch(/warmed 32 hot keys/);
    expect(total(await scrapeAll(catalog), 'cache_entries')).toBe(32);
  });

  it('scale catalog to 3: the new replica serves traffic through the gateway; scaling back removes it', async () => {
    expect(await acted({ action: 'scale', service: 'catalog', params: { replicas: 3 } })).toContain('added catalog-2');
    const added = (await replicasOf('catalog')).find((replica) => replica.id === 'catalog-2')!;
    expect(added.state).toBe('running');
    const url = `http://127.0.0.1:${added.port}`;
    const served = async () => total(await scrape(url), 'http_requests_total');
    const first = await served();
    await eventually(async () => expect(await served()).toBeGreaterThan(first + 10));
    expect(await acted({ action: 'scale', service: 'catalog', params: { replicas: 2 } })).toContain('removed catalog-2');
    expect((await replicasOf('catalog')).map((replica) => replica.id)).toEqual(['catalog-0', 'catalog-1']);
    const gateway = await window(replicaUrls(stack, 'gateway'), 40);
    expect(total(gateway.increase, 'http_requests_total', { route: /^\/api\/products/, status: /^5/ })).toBe(0);
  });

  it('restart replaces every replica of the service (new pids) one at a time; settings survive it', async () => {
    const before = await replicasOf('payments');
    const result = await acted({ action: 'restart', service: 'payments' });
    expect(result).toContain('restarted 2 replica(s) of payments');
    const after = await replicasOf('payments');
    for (const replica of after) {
      expect(replica.state).toBe('running');
      expect(replica.pid).not.toBe(before.find((old) => old.id === replica.id)!.pid);
    }
    for (const url of replicaUrls(stack, 'payments')) expect(total(await scrape(url), 'db_pool_connections', { state: 'max' })).toBe(25);
  });
});
