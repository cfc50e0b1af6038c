import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { delta, scrape, total } from '../support/metrics.js';
import { POSTGRES_UNAVAILABLE, startPostgresServer, type RunningPostgres } from '../support/postgres-server.js';
import { createStack, replicaUrls, type StackInfo } from '../support/stack-harness.js';

/**
 * The demo stack on a real PostgreSQL (a throwaway server started here): a stack with
 * `dependencies.database: postgres` keeps its rows in its own schema, and the database faults and
 * remedies act on real connections, real slow queries and a real index.
 */
if (POSTGRES_UNAVAILABLE) console.warn(`real PostgreSQL tests skipped: ${POSTGRES_UNAVAILABLE}`);

describe.skipIf(POSTGRES_UNAVAILABLE !== undefined)('the demo stack on a real PostgreSQL', () => {
  let server: RunningPostgres;
  let api: ApiHarness;
  let stack: StackInfo;
  let sql: pg.Client;
  let schema: string;
  const act = async (body: Record<string, unknown>) => {
    const done = await api.call('POST', `/api/stacks/${stack.id}/actions`, body);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    return done.body as { result: string };
  };
  const inject = async (body: Record<string, unknown>): Promise<string> => {
    const created = await api.call('POST', `/api/stacks/${stack.id}/faults`, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const revert = async (faultId: string) => expect((await api.call('DELETE', `/api/stacks/${stack.id}/faults/${faultId}`)).status).toBe(200);
  /** This stack's backends running pg_sleep (the runaway report job), by replica. */
  const sleepingBackends = async (replica: string): Promise<number> =>
    (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' AND query LIKE 'SELECT pg_sleep%'`, [`firedrill:${stack.id}:${replica}`])).rows[0]!.n;
  const charge = (url: string) =>
    request(`${url}/charge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderId: 'it', amountCents: 100 }), headersTimeout: 10_000 }).then(async (response) => {
      await response.body.text();
      return response.statusCode;
    });

  beforeAll(async () => {
    server = await startPostgresServer();
    sql = new pg.Client({ connectionString: server.url });
    await sql.connect();
    api = await startApi(mkdtempSync(join(tmpdir(), 'firedrill-it-')), { components: { postgresUrl: server.url } });
    stack = await createStack(api, { loadRps: 15, replicas: { catalog: 1, payments: 1 }, dependencies: { cache: 'memory', database: 'postgres' } });
    schema = stack.id.replaceAll('-', '_');
  }, 90_000);

  afterAll(async () => {
    if (api && stack) await api.call('DELETE', `/api/stacks/${stack.id}`);
    await api?.close();
    await sql?.end().catch(() => undefined);
    await server?.stop();
  });

  it('serves the catalog and checkout through PostgreSQL, with rows in the stack\'s own schema', async () => {
    const product = await request(`${stack.gatewayUrl}/api/products/42`);
    expect(await product.body.json()).toEqual({ id: 42, name: 'Product 42', priceCents: 500 + ((42 * 7919) % 9500) });
    const products = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".products`);
    expect(products.rows[0]!.n).toBeGreaterThanOrEqual(100_000);
    // The load generator checks out; every charge is a row.
    await eventually(async () => {
      const charges = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".charges`);
      expect(charges.rows[0]!.n).toBeGreaterThan(0);
    }, { timeoutMs: 20_000 });
    const backends = await sql.query<{ name: string }>(`SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE application_name LIKE $1`, [`firedrill:${stack.id}:%`]);
    expect(backends.rows.map((row) => row.name)).toEqual(expect.arrayContaining([`firedrill:${stack.id}:catalog-0`, `firedrill:${stack.id}:payments-0`]));
    const metrics = await scrape(replicaUrls(stack, 'payments')[0]!);
    expect(total(metrics, 'db_queries_total', { operation: 'insert_charge' })).toBeGreaterThan(0);
    expect(total(metrics, 'db_pool_connections', { state: 'max' })).toBe(10);
    // A stack whose database is simulated is not this one; index-drop on a non-catalog service is refused.
    const wrongService = await api.call('POST', `/api/stacks/${stack.id}/faults`, { kind: 'index-drop', target: { service: 'payments' }, params: {} });
    expect(wrongService.status).toBe(400);
  });

  it('pool-exhaustion holds real backends with real slow queries; pool-kill-queries frees them', async () => {
    const payments = replicaUrls(stack, 'payments')[0]!;
    const faultId = await inject({ kind: 'pool-exhaustion', target: { service: 'payments' }, params: { mode: 'slow-queries', queryMs: 60_000 } });
    await eventually(async () => expect(await sleepingBackends('payments-0')).toBe(10));
    const before = await scrape(payments);
    const statuses = await Promise.all(Array.from({ length: 4 }, () => charge(payments)));
    expect(statuses.every((status) => status === 503)).toBe(true);
    const during = delta(before, await scrape(payments));
    expect(total(during, 'db_pool_acquire_timeouts_total')).toBeGreaterThanOrEqual(4);

    expect((await act({ action: 'pool-kill-queries', service: 'payments' })).result).toMatch(/^cancelled 10 queries/);
    await eventually(async () => expect(await sleepingBackends('payments-0')).toBe(0));
    expect(await charge(payments)).toBe(201);
    await revert(faultId);
  });

  it('raising pool.max replaces the pg pool and relieves the exhaustion', async () => {
    const payments = replicaUrls(stack, 'payments')[0]!;
    const faultId = await inject({ kind: 'pool-exhaustion', target: { service: 'payments' }, params: { mode: 'slow-queries', queryMs: 60_000 } });
    await eventually(async () => expect(await sleepingBackends('payments-0')).toBe(10));
    expect(await charge(payments)).toBe(503);
    await act({ action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 25 } });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => charge(payments)));
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const metrics = await scrape(payments);
    expect(total(metrics, 'db_pool_connections', { state: 'max' })).toBe(25);
    await revert(faultId); // the runaway job stops; its queries are cancelled on the server
    await eventually(async () => expect(await sleepingBackends('payments-0')).toBe(0));
    await act({ action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 10 } });
  });

  it('pool-exhaustion leak mode keeps real connections open and checked out until the revert', async () => {
    const payments = replicaUrls(stack, 'payments')[0]!;
    const faultId = await inject({ kind: 'pool-exhaustion', target: { service: 'payments' }, params: { mode: 'leak' } });
    for (let i = 0; i < 12; i++) await charge(payments);
    const stats = await scrape(payments);
    expect(total(stats, 'db_pool_connections', { state: 'active' })).toBe(10);
    expect(await charge(payments)).toBe(503);
    // The leaked connections are real sessions, idle on the server and never handed back.
    const idle = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle'`, [`firedrill:${stack.id}:payments-0`]);
    expect(idle.rows[0]!.n).toBe(10);
    await revert(faultId);
    expect(await charge(payments)).toBe(201);
  });

  it('index-drop turns the catalog lookups into sequential scans; restore-index brings the index back', async () => {
    const catalog = replicaUrls(stack, 'catalog')[0]!;
    /** Mean get_product query time over 60 cache misses (the cache is flushed first). */
    const lookupMs = async (): Promise<number> => {
      await act({ action: 'cache-flush', service: 'catalog' });
      const before = await scrape(catalog);
      for (let id = 1; id <= 60; id++) await (await request(`${catalog}/products/${id}`)).body.text();
      const increase = delta(before, await scrape(catalog));
      const where = { operation: 'get_product' };
      return (1000 * total(increase, 'db_query_duration_seconds_sum', where)) / total(increase, 'db_query_duration_seconds_count', where);
    };
    const indexExists = async () =>
      (await sql.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`"${schema}".products_sku_idx`])).rows[0]!.found !== null;

    const indexed = await lookupMs();
    const faultId = await inject({ kind: 'index-drop', target: { service: 'catalog' }, params: {} });
    expect(await indexExists()).toBe(false);
    const scanning = await lookupMs();
    expect(scanning).toBeGreaterThan(5 * indexed);
    expect(scanning).toBeGreaterThan(3);

    expect((await act({ action: 'restore-index', service: 'catalog' })).result).toMatch(/^restore-index created 1 index/);
    expect(await indexExists()).toBe(true);
    const restored = await lookupMs();
    expect(restored).toBeLessThan(scanning / 5);
    console.info(`get_product mean: ${indexed.toFixed(2)} ms indexed, ${scanning.toFixed(2)} ms without the index, ${restored.toFixed(2)} ms restored`);

    await revert(faultId); // idempotent: the index is already back
    expect(await indexExists()).toBe(true);
  });

  it('an index-drop whose lease lapses is reverted by the chaos agent itself', async () => {
    const catalog = replicaUrls(stack, 'catalog')[0]!;
    // Applied straight through the agent with a short lease and never renewed (a controller that died).
    const agentToken = await agentTokenOf();
    const applied = await request(`${catalog}/__firedrill/faults/lapse-test`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-firedrill-agent-token': agentToken },
      body: JSON.stringify({ fault: { kind: 'index-drop', params: {} }, leaseMs: 500 }),
    });
    expect(applied.statusCode, await applied.body.text()).toBeLessThan(300);
    const exists = async () => (await sql.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`"${schema}".products_sku_idx`])).rows[0]!.found;
    expect(await exists()).toBeNull();
    await eventually(async () => expect(await exists()).not.toBeNull(), { timeoutMs: 5000 });
  });

  it('removing the stack drops its schema', async () => {
    expect((await api.call('DELETE', `/api/stacks/${stack.id}`)).status).toBe(200);
    const left = await sql.query<{ found: string | null }>('SELECT to_regnamespace($1)::text AS found', [schema]);
    expect(left.rows[0]!.found).toBeNull();
    stack = undefined as unknown as StackInfo;
  });

  async function agentTokenOf(): Promise<string> {
    const { StackRegistry } = await import('../../apps/api/src/stacks/stack-registry.js');
    return api.app.get(StackRegistry).get(stack.id).target.agentToken;
  }
});
