import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ADMIN_TOKEN, eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { createStack, type StackInfo } from '../support/stack-harness.js';

/**
 * End to end on a real embedded stack: the scraper fills the stack's store, the default rules
 * run over it, and a pool-exhaustion fault drives DbPoolSaturated through pending → firing →
 * resolved, pushed over the websocket. The stack runs at speed 10, so the rule's `for: 1m` of
 * stack time passes in six wall seconds.
 */
const SPEED = 10;
const ALERT = 'DbPoolSaturated';

interface Transition {
  alert: string;
  labels: Record<string, string>;
  from: string;
  to: string;
  at: string;
}

describe('alerting on a live stack', () => {
  let api: ApiHarness;
  let stack: StackInfo;
  let socket: WebSocket;
  const pushed: Transition[] = [];

  beforeAll(async () => {
    api = await startApi();
    stack = await createStack(api, { speed: SPEED, loadRps: 40 });
    socket = new WebSocket(`${api.baseUrl.replace('http', 'ws')}/api/ws?token=${ADMIN_TOKEN}`);
    const subscribed = new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.type === 'subscribed') resolve();
        if (message.type === 'error') reject(new Error(message.message));
        if (message.type === 'event' && message.topic === 'alerts') pushed.push(message.payload);
      });
      socket.on('error', reject);
    });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', stackId: stack.id, topics: ['alerts'] })));
    await subscribed;
  });

  afterAll(async () => {
    socket?.close();
    await api?.close();
  });

  const query = async (promql: string) => {
    const response = await api.call('GET', `/api/stacks/${stack.id}/prometheus/api/v1/query?query=${encodeURIComponent(promql)}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.data;
  };

  it('pool exhaustion: the pool alert goes pending, then firing after `for`, then resolves after revert', async () => {
    await eventually(async () => expect((await query('sum(up)')).result[0]?.value[1]).toBe('6'), { timeoutMs: 20_000 });
    const rules = await api.call('GET', `/api/stacks/${stack.id}/prometheus/api/v1/rules?type=alert`);
    const rule = rules.body.data.groups.flatMap((g: { rules: unknown[] }) => g.rules).find((r: { name: string }) => r.name === ALERT);
    const forMs = rule.duration * 1000;
    expect(rule.health).not.toBe('err');

    const injected = await api.call('POST', `/api/stacks/${stack.id}/faults`, {
      kind: 'pool-exhaustion',
      target: { service: 'payments' },
      params: { mode: 'slow-queries' },
    });
    expect(injected.status, JSON.stringify(injected.body)).toBe(201);

    const firing = await eventually(
      async () => {
        const { alerts } = (await api.call('GET', `/api/stacks/${stack.id}/alerts`)).body;
        const alert = alerts.find((a: { name: string; state: string }) => a.name === ALERT && a.state === 'firing');
        expect(alert).toBeDefined();
        return alert;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const replica = firing.labels.replica as string;
    expect(firing.labels.service).toBe('payments');

    // When did the condition become true in the data? The first scraped sample pair of this
    // replica with active / max > 0.8, read raw from the store.
    const windowMs = Date.parse(firing.firedAt) - Date.parse(injected.body.createdAt) + 60_000 * SPEED;
    const raw = await query(`db_pool_connections{replica="${replica}",state=~"active|max"}[${Math.ceil(windowMs / 1000)}s]`);
    const points = (state: string) =>
      new Map<number, number>(raw.result.find((s: { metric: { state: string } }) => s.metric.state === state).values.map(([t, v]: [number, string]) => [t * 1000, Number(v)]));
    const active = points('active');
    const max = points('max');
    const conditionTrueAt = [...active.keys()].sort((a, b) => a - b).find((t) => (active.get(t) ?? 0) / (max.get(t) ?? Infinity) > 0.8)!;
    expect(conditionTrueAt).toBeDefined();

    const history: Transition[] = (await api.call('GET', `/api/stacks/${stack.id}/alerts/history`)).body.transitions;
    const mine = history.filter((t) => t.alert === ALERT && t.labels.replica === replica);
    const pending = mine.find((t) => t.to === 'pending')!;
    const fired = mine.find((t) => t.to === 'firing')!;
    expect(pending).toBeDefined();
    expect(Date.parse(fired.at) - Date.parse(pending.at)).toBe(forMs);
    const intervalMs = (await api.call('GET', `/api/stacks/${stack.id}/targets`)).body;
    const evaluationIntervalMs = Math.max(200, 1000 / SPEED) * SPEED;
    const delay = Date.parse(fired.at) - conditionTrueAt;
    expect(delay, `condition true at ${new Date(conditionTrueAt).toISOString()}, firing at ${fired.at}; targets ${JSON.stringify(intervalMs).slice(0, 80)}`).toBeGreaterThanOrEqual(forMs);
    // One evaluation interval late at most; on a starved CPU a scrape cycle can overrun its slot
    // (the loop then skips the slot and counts it missed), so one more interval is tolerated.
    expect(delay, `condition ${conditionTrueAt} (${conditionTrueAt % 2000}) pending ${pending.at} firing ${fired.at}`).toBeLessThanOrEqual(forMs + 2 * evaluationIntervalMs);

    const reverted = await api.call('DELETE', `/api/stacks/${stack.id}/faults/${injected.body.id}`);
    expect(reverted.status).toBe(200);
    await eventually(
      async () => {
        const { alerts } = (await api.call('GET', `/api/stacks/${stack.id}/alerts`)).body;
        expect(alerts.filter((a: { name: string }) => a.name === ALERT)).toEqual([]);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    // The websocket saw the same story, in order.
    const seen = pushed.filter((t) => t.alert === ALERT && t.labels.replica === replica).map((t) => t.to);
    expect(seen.slice(0, 3)).toEqual(['pending', 'firing', 'inactive']);
    const series = await query(`ALERTS{alertname="${ALERT}",replica="${replica}"}`);
    expect(series.result).toEqual([]);
  });

  it('exposes rule health and the ALERTS series through the Prometheus API', async () => {
    const rules = await api.call('GET', `/api/stacks/${stack.id}/prometheus/api/v1/rules`);
    expect(rules.status).toBe(200);
    const all = rules.body.data.groups.flatMap((g: { rules: Array<{ health: string; name: string; lastError?: string }> }) => g.rules);
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((r: { health: string }) => r.health === 'err').map((r: { name: string; lastError?: string }) => `${r.name}: ${r.lastError}`)).toEqual([]);
    const budget = await query('slo:error_budget:remaining');
    expect(budget.result.length).toBeGreaterThan(0);
  });
});
