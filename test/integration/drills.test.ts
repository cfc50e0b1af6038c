import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';

/**
 * Whole drills through the HTTP API, played by a responder with a join-link token, on live
 * stacks at speed 20 (a scenario minute every three wall seconds): the right moves score high
 * with the right breakdown, harmful moves and a wrong diagnosis score lower as the rubric says,
 * and an abort leaves nothing running.
 */
const SPEED = 20;

interface Drill {
  id: string;
  responder: string;
}

describe('drills end to end', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => api?.close());

  const as = (token: string) => ({
    get: (path: string) => api.call('GET', path, undefined, { token }),
    post: (path: string, body: unknown = {}) => api.call('POST', path, body, { token }),
    put: (path: string, body: unknown) => api.call('PUT', path, body, { token }),
  });

  async function startDrill(scenario: string): Promise<Drill> {
    const created = await api.call('POST', '/api/drills', { scenario, speed: SPEED, responders: ['alex'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const responder = created.body.joinLinks.find((link: { role: string }) => link.role === 'responder').token;
    const started = await api.call('POST', `/api/drills/${created.body.id}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    return { id: created.body.id, responder };
  }

  async function waitFor(drill: Drill, what: (view: any) => boolean, timeoutMs = 90_000) {
    return eventually(async () => {
      const view = (await as(drill.responder).get(`/api/drills/${drill.id}`)).body;
      if (!what(view)) {
        const stackId = (await api.call('GET', `/api/drills/${drill.id}`)).body.stackId;
        const alerts = stackId ? (await api.call('GET', `/api/stacks/${stackId}/alerts`)).body.alerts : [];
        const firing = alerts.map((a: { name: string; state: string; labels: Record<string, string> }) => `${a.name}/${a.state}/${a.labels.severity}`);
        expect.fail(`state ${view.state}, timers ${JSON.stringify(view.timers)}, alerts ${firing.join(', ')}`);
      }
      return view;
    }, { timeoutMs, intervalMs: 250 });
  }

  /** Runs an action until the scenario's status checks are green (a kill may find no query old enough yet). */
  async function actUntilMitigated(drill: Drill, action: Record<string, unknown>) {
    const responder = as(drill.responder);
    for (let attempt = 0; attempt < 10; attempt++) {
      const done = await responder.post(`/api/drills/${drill.id}/actions`, action);
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      try {
        return await waitFor(drill, (view) => view.timers.t3 !== null, 8_000);
      } catch {
        // not yet mitigated: try again
      }
    }
    const timeline = (await api.call('GET', `/api/drills/${drill.id}/timeline`)).body.events;
    throw new Error(`the drill was never mitigated: ${JSON.stringify(timeline.slice(-12).map((e: any) => [e.type, e.data]))}`);
  }

  it('pool exhaustion, played by the runbook: detected, fixed, resolved and scored high', { timeout: 180_000 }, async () => {
    const drill = await startDrill('db-pool-exhaustion-traffic-spike');
    const responder = as(drill.responder);
    const detected = await waitFor(drill, (view) => view.timers.t1 !== null);
    expect(detected.timers.detectedBy).toBe('alert');
    expect(detected.timers.mttd).toBeGreaterThanOrEqual(0);

    expect((await responder.post(`/api/drills/${drill.id}/ack`, {})).status).toBe(200);
    const pool = await responder.post(`/api/drills/${drill.id}/query`, { query: 'db_pool_connections{service="payments"}' });
    expect(pool.status, JSON.stringify(pool.body)).toBe(200);
    expect(pool.body.data.result.length).toBeGreaterThan(0);
    const slowest = await responder.post(`/api/drills/${drill.id}/query`, {
      query: 'histogram_quantile(0.99, sum by (le, operation) (rate(db_query_duration_seconds_bucket{service="payments"}[5m])))',
    });
    expect(slowest.status).toBe(200);
    const logs = await responder.get(`/api/drills/${drill.id}/logs?service=payments&level=error`);
    expect(logs.status).toBe(200);
    expect((await responder.post(`/api/drills/${drill.id}/status-updates`, { text: 'Checkout is failing; investigating payments.' })).status).toBe(200);

    await actUntilMitigated(drill, { action: 'pool-kill-queries', service: 'payments', params: {} });
    expect((await responder.post(`/api/drills/${drill.id}/diagnosis`, { text: 'Runaway report queries hold the pool: every payments connection is busy.' })).status).toBe(200);
    expect((await responder.post(`/api/drills/${drill.id}/status-updates`, { text: 'Mitigated: runaway queries cancelled, checkout recovering.' })).status).toBe(200);

    const scored = await waitFor(drill, (view) => view.state === 'scored');
    expect(scored.timers.t4).not.toBeNull();
    expect(scored.timers.mttr).toBeGreaterThan(0);
    const score = (await responder.get(`/api/drills/${drill.id}/score`)).body;
    const category = (id: string) => score.breakdown.find((item: { id: string }) => item.id === id);
    expect(score.rubricVersion).toBe('v1');
    expect(category('diagnosis').points).toBe(category('diagnosis').max);
    expect(category('remediation').points).toBe(category('remediation').max);
    expect(category('runbook').points).toBeGreaterThan(0.8 * category('runbook').max);
    expect(score.total).toBeGreaterThanOrEqual(75);

    // The stack is gone once the drill is scored; the postmortem draft is built from the timeline.
    // Scoring comes first; the faults are then reverted and the stack removed.
    await eventually(async () => expect((await api.call('GET', `/api/drills/${drill.id}`)).body.stackId).toBeNull(), { timeoutMs: 20_000, intervalMs: 200 });
    const draft = await responder.get(`/api/drills/${drill.id}/postmortem`);
    expect(draft.body.markdown).toContain('MTTD');
    const submitted = await responder.put(`/api/drills/${drill.id}/postmortem`, { markdown: `${draft.body.markdown}\n\nReviewed by alex.` });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const closed = await waitFor(drill, (view) => view.state === 'closed');
    expect(closed.timers.t5).not.toBeNull();
    (globalThis as { goodScore?: number }).goodScore = score.total;
  });

  it('the same drill with a harmful action and a wrong diagnosis scores lower, and says why', { timeout: 180_000 }, async () => {
    const drill = await startDrill('db-pool-exhaustion-traffic-spike');
    const responder = as(drill.responder);
    await waitFor(drill, (view) => view.timers.t1 !== null);
    expect((await responder.post(`/api/drills/${drill.id}/ack`, {})).status).toBe(200);
    expect((await responder.post(`/api/drills/${drill.id}/diagnosis`, { text: 'A bug in the checkout service.' })).status).toBe(200);
    const restart = await responder.post(`/api/drills/${drill.id}/actions`, { action: 'restart', service: 'checkout', params: {} });
    expect(restart.status, JSON.stringify(restart.body)).toBe(200);
    await actUntilMitigated(drill, { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 40 } });

    await waitFor(drill, (view) => view.state === 'scored');
    const score = (await responder.get(`/api/drills/${drill.id}/score`)).body;
    const category = (id: string) => score.breakdown.find((item: { id: string }) => item.id === id);
    expect(category('diagnosis').points).toBe(0);
    expect(category('remediation').points).toBeLessThan(category('remediation').max);
    expect(category('remediation').details.join('\n')).toMatch(/restart/i);
    const good = (globalThis as { goodScore?: number }).goodScore;
    if (good !== undefined) expect(score.total).toBeLessThan(good);
    expect(score.total).toBeLessThan(70);
  });

  it('an error spike after a release: rolling back the release resolves it; a hint costs points', { timeout: 180_000 }, async () => {
    const drill = await startDrill('error-spike-bad-deploy');
    const responder = as(drill.responder);
    await waitFor(drill, (view) => view.timers.t1 !== null);
    expect((await responder.post(`/api/drills/${drill.id}/ack`, {})).status).toBe(200);
    const brief = (await responder.get(`/api/drills/${drill.id}`)).body.brief;
    const hint = await responder.post(`/api/drills/${drill.id}/hints`, { hintId: brief.hints[0].id });
    expect(hint.status).toBe(200);
    expect(hint.body.text.length).toBeGreaterThan(0);
    const rollback = await responder.post(`/api/drills/${drill.id}/actions`, { action: 'rollback', service: 'checkout', params: {} });
    expect(rollback.status, JSON.stringify(rollback.body)).toBe(200);
    await waitFor(drill, (view) => view.state === 'scored');
    const score = (await responder.get(`/api/drills/${drill.id}/score`)).body;
    const category = (id: string) => score.breakdown.find((item: { id: string }) => item.id === id);
    expect(category('remediation').points).toBe(category('remediation').max);
    expect(category('hints').points).toBe(-hint.body.cost);
    const timeline = (await responder.get(`/api/drills/${drill.id}/timeline`)).body.events.map((event: { type: string }) => event.type);
    expect(timeline).toEqual(expect.arrayContaining(['fault.reverted', 'hint.requested', 'action.taken', 'drill.resolved', 'drill.scored']));
  });

  it('an aborted drill reverts its faults and removes its stack', async () => {
    const drill = await startDrill('crash-loop-after-deploy');
    await waitFor(drill, (view) => view.timers.t0 !== null);
    const { stackId } = (await api.call('GET', `/api/drills/${drill.id}`)).body;
    expect(stackId).toMatch(/^stk-/);
    const aborted = await api.call('POST', `/api/drills/${drill.id}/abort`, { reason: 'fire alarm' });
    expect(aborted.status, JSON.stringify(aborted.body)).toBe(200);
    expect(aborted.body.state).toBe('aborted');
    expect((await api.call('GET', `/api/stacks/${stackId}`)).status).toBe(404);
    const timeline = (await api.call('GET', `/api/drills/${drill.id}/timeline`)).body.events.map((event: { type: string }) => event.type);
    expect(timeline).toContain('drill.aborted');
    expect((await as(drill.responder).post(`/api/drills/${drill.id}/ack`, {})).status).toBe(409);
  });
});
