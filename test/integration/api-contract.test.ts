import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { CLI } from '../support/api-process.js';
import { createStack, type StackInfo } from '../support/stack-harness.js';

// Integration level: the HTTP contract: bad input is a clear 4xx naming the field and changes nothing.
describe('API contract', () => {
  let api: ApiHarness;
  let stack: StackInfo;

  beforeAll(async () => {
    api = await startApi();
    stack = await createStack(api, { loadRps: 0 });
  });
  afterAll(async () => {
    await api?.call('DELETE', `/api/stacks/${stack.id}`);
    await api?.close();
  });

  const badFaults: Array<[string, unknown, string]> = [
    ['unknown kind', { kind: 'meteor', target: { service: 'catalog' } }, 'kind'],
    ['missing kind', { target: { service: 'catalog' } }, 'kind'],
    ['missing target', { kind: 'latency', params: { delayMs: 5 } }, 'target'],
    ['unknown service', { kind: 'latency', target: { service: 'billing' }, params: { delayMs: 5 } }, 'target.service'],
    ['missing delay', { kind: 'latency', target: { service: 'catalog' }, params: {} }, 'params.delayMs'],
    ['negative delay', { kind: 'latency', target: { service: 'catalog' }, params: { delayMs: -5 } }, 'params.delayMs'],
    ['percent above 100', { kind: 'error', target: { service: 'catalog' }, params: { percent: 150 } }, 'params.percent'],
    ['status out of range', { kind: 'error', target: { service: 'catalog' }, params: { percent: 5, status: 200 } }, 'params.status'],
    ['unknown route', { kind: 'error', target: { service: 'catalog' }, params: { percent: 5, route: '/nope' } }, 'params.route'],
    ['unknown dependency', { kind: 'latency', target: { service: 'catalog', dependency: 'payments' }, params: { delayMs: 5 } }, 'target.dependency'],
    ['dependency on a kind without one', { kind: 'error', target: { service: 'catalog', dependency: 'db' }, params: { percent: 5 } }, 'target.dependency'],
    ['stampede without a cache', { kind: 'cache-stampede', target: { service: 'payments' } }, 'target.service'],
    ['pool fault without a database', { kind: 'pool-exhaustion', target: { service: 'gateway' } }, 'target.service'],
    ['unknown pool mode', { kind: 'pool-exhaustion', target: { service: 'payments' }, params: { mode: 'drain' } }, 'params.mode'],
    ['bad pod count', { kind: 'pod-kill', target: { service: 'payments' }, params: { count: 0 } }, 'params.count'],
    ['unknown parameter', { kind: 'scrape-block', target: { service: 'payments' }, params: { loud: true } }, 'params.loud'],
    ['zero duration', { kind: 'scrape-block', target: { service: 'payments' }, durationSeconds: 0 }, 'durationSeconds'],
    ['lease too short', { kind: 'scrape-block', target: { service: 'payments' }, leaseSeconds: 0.1 }, 'leaseSeconds'],
    ['body is a list', [1, 2], '(body)'],
  ];

  it.each(badFaults)('rejects a fault with %s (400 naming %s) and changes nothing', async (_case, body, field) => {
    const response = await api.call('POST', `/api/stacks/${stack.id}/faults`, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
    expect(response.body.problems.map((problem: { field: string }) => problem.field)).toContain(field);
    expect(response.body.message).not.toMatch(/at .*\.js:\d+/);
    expect((await api.call('GET', `/api/stacks/${stack.id}/faults`)).body).toEqual([]);
  });

  it('rejects malformed JSON with 400 and no stack trace', async () => {
    const response = await api.call('POST', `/api/stacks/${stack.id}/faults`, undefined, { raw: '{"kind": ' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/JSON/);
  });

  it('answers 404 for an unknown stack, fault or route', async () => {
    const unknownStack = await api.call('POST', '/api/stacks/stk-missing/faults', { kind: 'latency', target: { service: 'catalog' }, params: { delayMs: 1 } });
    expect(unknownStack.status).toBe(404);
    expect(unknownStack.body.message).toContain('stk-missing');
    expect((await api.call('DELETE', `/api/stacks/${stack.id}/faults/flt-missing`)).status).toBe(404);
    expect((await api.call('GET', '/api/stacks/stk-missing')).status).toBe(404);
    expect((await api.call('GET', '/api/nothing-here')).status).toBe(404);
  });

  it('rejects a bad stack request naming the field', async () => {
    const response = await api.call('POST', '/api/stacks', { loadRps: -1, replicas: { catalog: 99 } });
    expect(response.status).toBe(400);
    expect(response.body.problems.map((problem: { field: string }) => problem.field).sort()).toEqual(['loadRps', 'replicas.catalog']);
    expect((await api.call('GET', '/api/stacks')).body).toHaveLength(1);
  });

  it('revert is idempotent', async () => {
    const created = await api.call('POST', `/api/stacks/${stack.id}/faults`, { kind: 'scrape-block', target: { service: 'payments' } });
    expect(created.status).toBe(201);
    const first = await api.call('DELETE', `/api/stacks/${stack.id}/faults/${created.body.id}`);
    const second = await api.call('DELETE', `/api/stacks/${stack.id}/faults/${created.body.id}`);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.state).toBe('reverted');
  });

  it('requires the facilitator token on every stack and fault route; health and docs are public', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/api/stacks'],
      ['POST', '/api/stacks'],
      ['GET', `/api/stacks/${stack.id}`],
      ['DELETE', `/api/stacks/${stack.id}`],
      ['PUT', `/api/stacks/${stack.id}/load`],
      ['POST', `/api/stacks/${stack.id}/faults`],
      ['GET', `/api/stacks/${stack.id}/faults`],
      ['GET', `/api/stacks/${stack.id}/faults/x`],
      ['DELETE', `/api/stacks/${stack.id}/faults/x`],
      ['POST', `/api/stacks/${stack.id}/reset`],
    ];
    for (const [method, path] of routes) {
      expect((await api.call(method, path, {}, { token: null })).status, `${method} ${path}`).toBe(401);
      expect((await api.call(method, path, {}, { token: 'wrong-token' })).status, `${method} ${path}`).toBe(401);
    }
    expect((await api.call('GET', '/api/health', undefined, { token: null })).status).toBe(200);
    const docs = await api.call('GET', '/api/docs/openapi.json', undefined, { token: null });
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/stacks/{stackId}/faults');
    expect(JSON.stringify(docs.body.paths['/api/stacks/{stackId}/faults'].post)).toContain('leaseSeconds');
    expect((await api.call('GET', `/api/stacks/${stack.id}`)).status).toBe(200);
  });
});

describe('firedrill CLI', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 10_000 });

  it.each([[['frobnicate']], [[]], [['start', '--prot', '1']], [['start', '--port', 'eighty']], [['start', 'extra']]])(
    'prints usage and exits 2 for %j',
    (args) => {
      const result = run(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('usage: firedrill');
    },
  );

  it('prints help and exits 0', () => {
    const result = run('help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('start [--host 127.0.0.1] [--port 4400] [--data DIR]');
  });
});
