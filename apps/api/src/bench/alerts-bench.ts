// `npm run bench:alerts`: on a live embedded stack, how long after a condition becomes true in the
// scraped data does its alert fire, beyond the rule's `for`? The stack runs at speed 5, where the
// scrape (every 200 wall ms) and the rule evaluation both fall every 1 s of stack time — the
// "1 s evaluation" of the issue. Each round injects pool exhaustion, waits for DbPoolSaturated to
// fire and reads, from the stack's own store and alert history:
//   condition true  = the first scraped sample with active / max > 0.8 for the alerting replica
//   delay beyond for = firedAt − condition true − for        (expected: 0 … 1 evaluation interval)
// plus the wall time from the inject request to the websocket's `firing` push.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { WebSocket } from 'ws';
import { createApp } from '../bootstrap.js';
import { DEFAULT_OPTIONS } from '../config/app-options.js';
import { percentile } from './probe.js';

const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);
const SPEED = 5;
const ALERT = 'DbPoolSaturated';
const TOKEN = 'bench-token-0123456789abcdef';

interface Transition {
  alert: string;
  labels: Record<string, string>;
  to: string;
  at: string;
}

async function main(): Promise<void> {
  const app = await createApp({ ...DEFAULT_OPTIONS, port: 0, dataDir: mkdtempSync(join(tmpdir(), 'firedrill-bench-')), adminToken: TOKEN }, false);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await request(`${base}${path}`, {
      method: method as 'GET',
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const waitFor = async <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  try {
    const stack = await call('POST', '/api/stacks', { speed: SPEED, loadRps: 40 });
    const query = async (promql: string) =>
      (await call('GET', `/api/stacks/${stack.id}/prometheus/api/v1/query?query=${encodeURIComponent(promql)}`)).data.result;
    const firingPushes: Array<{ wallMs: number; replica: string }> = [];
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/ws?token=${TOKEN}`);
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'event' && message.payload.alert === ALERT && message.payload.to === 'firing') {
        firingPushes.push({ wallMs: Date.now(), replica: message.payload.labels.replica });
      }
    });
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'subscribe', stackId: stack.id, topics: ['alerts'] }));
    await waitFor('all targets up', async () => ((await query('count(up == 1)'))[0]?.value[1] === '6' ? true : undefined));

    const rules = await call('GET', `/api/stacks/${stack.id}/prometheus/api/v1/rules?type=alert`);
    const rule = rules.data.groups.flatMap((g: { rules: any[] }) => g.rules).find((r: { name: string }) => r.name === ALERT);
    const forMs = rule.duration * 1000;
    const intervalMs = rules.data.groups[0].interval * 1000;
    process.stdout.write(`bench:alerts — ${ALERT} (for ${forMs / 1000}s), stack speed ${SPEED}, evaluation every ${intervalMs / 1000}s of stack time, ${ROUNDS} rounds\n\n`);

    const beyondFor: number[] = [];
    const toPush: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const injectedWall = Date.now();
      const fault = await call('POST', `/api/stacks/${stack.id}/faults`, { kind: 'pool-exhaustion', target: { service: 'payments' }, params: { mode: 'slow-queries' } });
      const firing = await waitFor('firing', async () => {
        const { alerts } = await call('GET', `/api/stacks/${stack.id}/alerts`);
        return alerts.find((a: { name: string; state: string }) => a.name === ALERT && a.state === 'firing');
      });
      const replica = firing.labels.replica as string;
      const history: Transition[] = (await call('GET', `/api/stacks/${stack.id}/alerts/history`)).transitions;
      const fired = history.filter((t) => t.alert === ALERT && t.labels.replica === replica && t.to === 'firing').at(-1)!;
      const firedAt = Date.parse(fired.at);
      const lookbackS = Math.ceil((forMs + 10 * intervalMs) / 1000);
      const raw = await query(`db_pool_connections{replica="${replica}",state=~"active|max"}[${lookbackS}s] @ ${firedAt / 1000}`);
      const byState = (state: string) =>
        new Map<number, number>(raw.find((s: any) => s.metric.state === state).values.map(([t, v]: [number, string]) => [Math.round(t * 1000), Number(v)]));
      const active = byState('active');
      const max = byState('max');
      // The last run of true samples before firing: the condition's start for this alert instance.
      const times = [...active.keys()].sort((a, b) => a - b).filter((t) => t <= firedAt);
      let conditionTrueAt = firedAt;
      for (let i = times.length - 1; i >= 0 && active.get(times[i]!)! / max.get(times[i]!)! > 0.8; i--) conditionTrueAt = times[i]!;
      const delay = firedAt - conditionTrueAt - forMs;
      beyondFor.push(delay);
      const push = await waitFor('websocket push', async () => firingPushes.find((p) => p.replica === replica && p.wallMs >= injectedWall));
      toPush.push(push.wallMs - injectedWall);
      process.stdout.write(
        `round ${round}: ${replica} condition true ${new Date(conditionTrueAt).toISOString()}, firing ${fired.at}: ` +
          `${delay} ms beyond for; inject → websocket firing ${push.wallMs - injectedWall} ms wall\n`,
      );
      await call('DELETE', `/api/stacks/${stack.id}/faults/${fault.id}`);
      await waitFor('resolution', async () => {
        const { alerts } = await call('GET', `/api/stacks/${stack.id}/alerts`);
        return alerts.some((a: { name: string }) => a.name === ALERT) ? undefined : true;
      }, 120_000);
      firingPushes.length = 0;
    }
    socket.close();
    const fmt = (values: number[]) => `p50 ${percentile(values, 0.5)} ms, max ${Math.max(...values)} ms`;
    process.stdout.write(`\ndelay beyond for (stack time): ${fmt(beyondFor)}  (bound: one evaluation interval = ${intervalMs} ms)\n`);
    process.stdout.write(`inject request → websocket 'firing' (wall, includes pool filling and for/${SPEED}): ${fmt(toPush)}\n`);
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:alerts failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
