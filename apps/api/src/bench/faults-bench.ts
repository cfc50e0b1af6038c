// `npm run bench:faults`: how fast faults take effect and go away on a live embedded stack.
// For each kind: inject-request → first affected request, revert-request → first clean request
// (p50/p99 over repeated runs); for latency, requested vs measured added delay; and the stack's
// own overhead (gateway p50 with no fault). All traffic stays on loopback and is bounded in time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { createApp } from '../bootstrap.js';
import { DEFAULT_OPTIONS } from '../config/app-options.js';
import { Prober, percentile, type ProbeResult } from './probe.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const TOKEN = 'bench-token-0123456789abcdef';

interface Scenario {
  kind: string;
  fault: Record<string, unknown>;
  probe: (gatewayUrl: string, replicaUrl: (service: string) => string) => Prober;
  affected: (result: ProbeResult) => boolean;
  clean: (result: ProbeResult) => boolean;
}

const ok = (r: ProbeResult): boolean => r.status >= 200 && r.status < 300;
const SCENARIOS: Scenario[] = [
  {
    kind: 'latency',
    fault: { kind: 'latency', target: { service: 'catalog' }, params: { delayMs: 100 } },
    probe: (gateway) => new Prober(gateway, '/api/products/1'),
    affected: (r) => r.end - r.start >= 90,
    clean: (r) => ok(r) && r.end - r.start < 50,
  },
  {
    kind: 'error',
    fault: { kind: 'error', target: { service: 'catalog' }, params: { percent: 100, status: 500 } },
    probe: (gateway) => new Prober(gateway, '/api/products/1'),
    affected: (r) => r.status === 500,
    clean: ok,
  },
  {
    kind: 'pod-kill',
    fault: { kind: 'pod-kill', target: { service: 'catalog' }, params: { count: 'all', crashLoop: true } },
    probe: (gateway) => new Prober(gateway, '/api/products/1'),
    affected: (r) => r.status >= 500 || r.status === 0,
    clean: ok,
  },
  {
    kind: 'cache-stampede',
    fault: { kind: 'cache-stampede', target: { service: 'catalog' }, params: { periodMs: 60_000 } },
    probe: (gateway) => new Prober(gateway, '/api/products/1'),
    affected: (r) => r.cache === 'miss',
    clean: (r) => r.cache === 'hit',
  },
  {
    kind: 'pool-exhaustion',
    fault: { kind: 'pool-exhaustion', target: { service: 'payments' }, params: { mode: 'shrink', size: 0 } },
    probe: (gateway) => new Prober(gateway, '/api/checkout', 'POST', { items: [{ productId: 1, quantity: 1 }] }, 5),
    // A request that found the pool empty waits in the acquire queue; it answers 502/503 after the timeout.
    affected: (r) => r.status >= 500,
    clean: (r) => r.status === 201 && r.end - r.start < 200,
  },
  {
    kind: 'scrape-block',
    fault: { kind: 'scrape-block', target: { service: 'catalog' }, params: {} },
    probe: (_gateway, replicaUrl) => new Prober(replicaUrl('catalog'), '/metrics', 'GET', undefined, 2),
    affected: (r) => r.status === 0,
    clean: (r) => r.status === 200,
  },
];

async function api<T = any>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(`${base}${path}`, {
    method: method as 'GET',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await response.body.json()) as T;
  if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${JSON.stringify(parsed)}`);
  return parsed;
}

const fmt = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const app = await createApp({ ...DEFAULT_OPTIONS, dataDir: mkdtempSync(join(tmpdir(), 'firedrill-bench-')), adminToken: TOKEN, port: 0 }, false);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const stack = await api(base, 'POST', '/api/stacks', { loadRps: 10 });
  const replicaUrl = (service: string): string => {
    const replica = stack.services.find((s: { name: string }) => s.name === service).replicas[0];
    return `http://127.0.0.1:${replica.port}`;
  };
  try {
    process.stdout.write(`fault bench: ${RUNS} runs per kind, background load 10 req/s, probes every 2 ms\n\n`);
    const baseline = new Prober(stack.gatewayUrl, '/api/products/1');
    baseline.start();
    await pause(3000);
    await baseline.stop();
    const baselineLatencies = baseline.results.filter(ok).slice(50).map((r) => r.end - r.start);
    const baselineP50 = percentile(baselineLatencies, 0.5);
    process.stdout.write(`no fault: gateway → catalog request latency p50 ${fmt(baselineP50)}, p99 ${fmt(percentile(baselineLatencies, 0.99))} (${baselineLatencies.length} requests)\n\n`);

    process.stdout.write('kind              inject→effect p50 / p99        revert→clean p50 / p99     (misses)\n');
    for (const scenario of SCENARIOS) {
      const effect: number[] = [];
      const clean: number[] = [];
      let misses = 0;
      for (let run = 0; run < RUNS; run++) {
        const prober = scenario.probe(stack.gatewayUrl, replicaUrl);
        prober.start();
        await pause(150);
        const injectAt = performance.now();
        const fault = await api(base, 'POST', `/api/stacks/${stack.id}/faults`, scenario.fault);
        const affected = await prober.firstAfter(injectAt, scenario.affected, 3000);
        await pause(100);
        const revertAt = performance.now();
        await api(base, 'DELETE', `/api/stacks/${stack.id}/faults/${fault.id}`);
        const recovered = await prober.firstAfter(revertAt, scenario.clean, 5000);
        await prober.stop();
        if (affected) effect.push(affected.start - injectAt);
        if (recovered) clean.push(recovered.start - revertAt);
        if (!affected || !recovered) misses++;
        if (scenario.kind === 'pod-kill') await waitAllRunning(base, stack.id);
        await pause(200);
      }
      process.stdout.write(
        `${scenario.kind.padEnd(18)}${`${fmt(percentile(effect, 0.5))} / ${fmt(percentile(effect, 0.99))}`.padEnd(31)}${`${fmt(percentile(clean, 0.5))} / ${fmt(percentile(clean, 0.99))}`.padEnd(27)}(${misses})\n`,
      );
    }

    process.stdout.write('\nlatency accuracy (catalog, through the gateway): requested → measured added delay\n');
    for (const delayMs of [20, 100, 500]) {
      const prober = new Prober(stack.gatewayUrl, '/api/products/1', 'GET', undefined, 5);
      const fault = await api(base, 'POST', `/api/stacks/${stack.id}/faults`, { kind: 'latency', target: { service: 'catalog' }, params: { delayMs } });
      await pause(100);
      prober.start();
      await pause(2000);
      await prober.stop();
      await api(base, 'DELETE', `/api/stacks/${stack.id}/faults/${fault.id}`);
      const added = prober.results.filter(ok).map((r) => r.end - r.start - baselineP50);
      const errors = added.map((value) => Math.abs(value - delayMs));
      const bound = 2 + delayMs * 0.01;
      process.stdout.write(
        `  ${String(delayMs).padStart(4)} ms → p50 ${fmt(percentile(added, 0.5))}; error p50 ${fmt(percentile(errors, 0.5))}, p99 ${fmt(percentile(errors, 0.99))} (target < ${bound.toFixed(1)} ms) over ${added.length} requests\n`,
      );
    }
  } finally {
    await api(base, 'DELETE', `/api/stacks/${stack.id}`).catch(() => undefined);
    await app.close();
  }
}

async function waitAllRunning(base: string, stackId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const stack = await api(base, 'GET', `/api/stacks/${stackId}`);
    const replicas = stack.services.flatMap((s: { replicas: Array<{ state: string }> }) => s.replicas);
    if (replicas.every((r: { state: string }) => r.state === 'running')) return;
    await pause(100);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
