import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { WebSocket } from 'ws';
import { ADMIN_TOKEN, eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { createStack, type StackInfo } from '../support/stack-harness.js';

/** The Prometheus-compatible API of a live stack: shapes, errors and limits as Prometheus's. */
describe('Prometheus HTTP API per stack', () => {
  let api: ApiHarness;
  let stack: StackInfo;
  let base: string;

  beforeAll(async () => {
    api = await startApi();
    stack = await createStack(api, { loadRps: 20 });
    base = `/api/stacks/${stack.id}/prometheus/api/v1`;
    await eventually(async () => {
      const up = await api.call('GET', `${base}/query?query=${encodeURIComponent('count(up == 1)')}`);
      expect(up.body.data.result[0]?.value[1]).toBe('6');
    }, { timeoutMs: 20_000 });
  });

  afterAll(async () => api?.close());

  const get = (path: string, token: string | null = ADMIN_TOKEN) => api.call('GET', `${base}${path}`, undefined, { token });

  it('answers instant queries with a vector of [seconds, "value"] samples', async () => {
    // Every series exists (at 0) from the replicas' start; wait until load has reached each service.
    const response = await eventually(async () => {
      const answer = await get(`/query?query=${encodeURIComponent('sum by (service) (http_requests_total) > 0')}`);
      expect(answer.body.data.result).toHaveLength(4);
      return answer;
    });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('success');
    expect(response.body.data.resultType).toBe('vector');
    const services = response.body.data.result.map((r: { metric: { service: string } }) => r.metric.service).sort();
    expect(services).toEqual(['catalog', 'checkout', 'gateway', 'payments']);
    const [t, v] = response.body.data.result[0].value;
    expect(typeof t).toBe('number');
    expect(Number(v)).toBeGreaterThan(0);
  });

  it('answers range queries with a matrix on the step grid, also as a POSTed form (Grafana)', async () => {
    const now = Date.now() / 1000;
    const form = new URLSearchParams({ query: 'up{service="gateway"}', start: String(now - 5), end: String(now), step: '1s' });
    const response = await request(`${api.baseUrl}${base}/query_range`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const body = (await response.body.json()) as { status: string; data: { resultType: string; result: Array<{ values: unknown[][] }> } };
    expect(response.statusCode).toBe(200);
    expect(body.data.resultType).toBe('matrix');
    expect(body.data.result).toHaveLength(1);
    const times = body.data.result[0]!.values.map(([t]) => t as number);
    expect(times.every((t, i) => i === 0 || Math.abs(t - times[i - 1]! - 1) < 1e-9)).toBe(true);
  });

  it('lists series, label names and label values', async () => {
    const series = await get(`/series?${new URLSearchParams({ 'match[]': 'up{service="payments"}' })}`);
    expect(series.status).toBe(200);
    expect(series.body.data.map((s: { replica: string }) => s.replica).sort()).toEqual(['payments-0', 'payments-1']);
    const labels = await get('/labels');
    expect(labels.body.data).toEqual(expect.arrayContaining(['__name__', 'instance', 'job', 'replica', 'service']));
    const values = await get('/label/job/values');
    expect(values.body.data).toEqual(['catalog', 'checkout', 'gateway', 'payments']);
  });

  it('serves rules and alerts in Prometheus\'s shapes', async () => {
    const rules = await get('/rules');
    expect(rules.status).toBe(200);
    const group = rules.body.data.groups[0];
    expect(group).toMatchObject({ name: 'demo-stack', file: expect.any(String), interval: expect.any(Number) });
    expect(group.rules[0]).toMatchObject({ type: 'alerting', health: expect.stringMatching(/ok|unknown/), query: expect.any(String) });
    const alerts = await get('/alerts');
    expect(alerts.body).toEqual({ status: 'success', data: { alerts: expect.any(Array) } });
  });

  it('refuses a malformed query with 400 and the PromQL error with its position', async () => {
    const response = await get(`/query?query=${encodeURIComponent('sum(rate(http_requests_total[5m])')}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ status: 'error', errorType: 'bad_data', error: expect.stringMatching(/^1:\d+: parse error: /) });
    const typed = await get(`/query?query=${encodeURIComponent('rate(up)')}`);
    expect(typed.status).toBe(400);
    expect(typed.body.error).toContain('expected type range vector in call to function "rate", got instant vector');
  });

  it('refuses missing or malformed parameters, naming them', async () => {
    expect((await get('/query')).body.error).toContain('"query"');
    const badTime = await get('/query?query=up&time=yesterday');
    expect(badTime.status).toBe(400);
    expect(badTime.body.error).toContain('"time"');
    const badStep = await get('/query_range?query=up&start=0&end=10&step=-1');
    expect(badStep.status).toBe(400);
    expect(badStep.body.error).toContain('"step"');
    expect((await get('/series')).body.error).toBe('no match[] parameter provided');
    expect((await get('/label/1bad/values')).status).toBe(400);
  });

  it('refuses a range with too many points instead of running out of memory', async () => {
    const response = await get('/query_range?query=up&start=0&end=100000000&step=1');
    expect(response.status).toBe(400);
    expect(response.body.error).toContain('exceeded maximum resolution of 11,000 points per timeseries');
  });

  it('needs credentials, and answers an unknown stack with Prometheus\'s error shape', async () => {
    const anonymous = await get('/query?query=up', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.status).toBe('error');
    const missing = await api.call('GET', '/api/stacks/stk-nope/prometheus/api/v1/query?query=up');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 'error', errorType: 'not_found' });
  });

  it('searches logs and traces of the stack; bad filters are a 400 naming the field', async () => {
    const logs = await api.call('GET', `/api/stacks/${stack.id}/logs?service=gateway&limit=5`);
    expect(logs.status).toBe(200);
    const bad = await api.call('GET', `/api/stacks/${stack.id}/logs?limit=-3`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
  });

  it('refuses a websocket upgrade without credentials, and a subscription to an unknown stack', async () => {
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${api.baseUrl.replace('http', 'ws')}/api/ws`);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(401);

    const socket = new WebSocket(`${api.baseUrl.replace('http', 'ws')}/api/ws`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const replies: Array<{ type: string; message?: string }> = [];
    socket.on('message', (data) => replies.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'subscribe', stackId: 'stk-nope', topics: ['alerts'] }));
    socket.send('not json');
    socket.send(JSON.stringify({ type: 'subscribe', stackId: stack.id, topics: ['gossip'] }));
    await eventually(async () => expect(replies.filter((r) => r.type === 'error')).toHaveLength(3));
    const errors = replies.filter((r) => r.type === 'error').map((r) => r.message);
    expect(errors[0]).toContain('stk-nope');
    expect(errors[1]).toContain('not valid JSON');
    expect(errors[2]).toContain('topics');
    socket.close();
  });
});
