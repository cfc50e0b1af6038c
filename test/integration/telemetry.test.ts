import type { LabelMatcher, StoredSeries } from '@firedrill/promql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackTelemetry } from '../../apps/api/src/telemetry/stack-telemetry.js';
import { TelemetryService } from '../../apps/api/src/telemetry/telemetry.service.js';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { createStack, type StackInfo } from '../support/stack-harness.js';

const eq = (name: string, value: string): LabelMatcher => ({ op: '=', name, value });

/** The newest sample of a series, or 'stale' when the series ended with a staleness marker. */
function newest(series: StoredSeries): number | 'stale' {
  const last = series.t.length - 1;
  return series.stale?.[last] ? 'stale' : series.v[last]!;
}

interface SpanNode {
  service: string;
  children: SpanNode[];
}
const servicesIn = (node: SpanNode): string[] => [node.service, ...node.children.flatMap(servicesIn)];

// Integration level: the API in this process with a real stack; the telemetry module scrapes its six
// replicas, collects their logs and receives their spans over OTLP/HTTP.
describe('telemetry of a live stack', () => {
  let api: ApiHarness;
  let stack: StackInfo;
  let telemetry: StackTelemetry;
  const select = (matchers: LabelMatcher[], sinceMs = 60_000): StoredSeries[] => {
    const now = telemetry.stack.clock.now();
    return [...telemetry.tsdb.select(matchers, now - sinceMs, now)];
  };

  beforeAll(async () => {
    api = await startApi();
    stack = await createStack(api, { loadRps: 30 });
    telemetry = api.app.get(TelemetryService).forStack(stack.id);
  });

  afterAll(async () => {
    if (stack) await api?.call('DELETE', `/api/stacks/${stack.id}`);
    await api?.close();
  });

  it('scrapes all six replicas: up = 1, request counters with target labels, healthy targets', async () => {
    await eventually(async () => {
      const up = select([eq('__name__', 'up')]);
      const replicas = stack.services.flatMap((service) => service.replicas.map((replica) => replica.id));
      expect(replicas).toHaveLength(6);
      expect(up.map((series) => series.labels.replica).sort()).toEqual(replicas.sort());
      expect(up.map(newest)).toEqual([1, 1, 1, 1, 1, 1]);
      const requests = select([eq('__name__', 'http_requests_total'), eq('service', 'gateway')]);
      expect(requests.some((series) => newest(series) !== 'stale' && (newest(series) as number) > 0)).toBe(true);
    });
    const [series] = select([eq('__name__', 'http_requests_total'), eq('replica', 'catalog-1')]);
    expect(series!.labels).toMatchObject({ job: 'catalog', service: 'catalog', exported_service: 'catalog', replica: 'catalog-1' });
    expect(series!.labels.instance).toMatch(/^127\.0\.0\.1:\d+$/);
    const targets = await api.call('GET', `/api/stacks/${stack.id}/targets`);
    expect(targets.status).toBe(200);
    expect(targets.body.targets).toHaveLength(6);
    for (const target of targets.body.targets) {
      expect(target).toMatchObject({ health: 'up', lastError: null });
      expect(target.lastScrapeDurationMs).toBeGreaterThan(0);
    }
  });

  it('keeps logs searchable by service and by a trace id whose trace spans gateway → catalog', async () => {
    const trace = await eventually(
      async () => {
        const list = await api.call('GET', `/api/stacks/${stack.id}/traces?service=catalog&limit=50`);
        expect(list.status).toBe(200);
        const summary = list.body.traces.find((t: { rootService: string }) => t.rootService === 'gateway');
        expect(summary).toBeDefined();
        const tree = await api.call('GET', `/api/stacks/${stack.id}/traces/${summary.traceId}`);
        expect(tree.status).toBe(200);
        const logs = await api.call('GET', `/api/stacks/${stack.id}/logs?traceId=${summary.traceId}`);
        expect(new Set(logs.body.entries.map((entry: { service: string }) => entry.service))).toEqual(new Set(['gateway', 'catalog']));
        return tree.body;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(trace.spans).toHaveLength(1);
    expect(trace.spans[0].service).toBe('gateway');
    expect(servicesIn(trace.spans[0])).toContain('catalog');
    expect(trace.spanCount).toBeGreaterThanOrEqual(2);

    const catalogLogs = await api.call('GET', `/api/stacks/${stack.id}/logs?service=catalog&limit=5`);
    expect(catalogLogs.body.entries).toHaveLength(5);
    for (const entry of catalogLogs.body.entries) expect(entry).toMatchObject({ service: 'catalog', replica: expect.stringMatching(/^catalog-\d$/) });
    const times = catalogLogs.body.entries.map((entry: { time: string }) => Date.parse(entry.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('answers bad queries with 400 naming the field, unknown traces with 404, strangers with 401', async () => {
    const base = `/api/stacks/${stack.id}`;
    const level = await api.call('GET', `${base}/logs?level=loud`);
    expect(level.status).toBe(400);
    expect(level.body.problems[0].field).toBe('query.level');
    expect((await api.call('GET', `${base}/logs?limit=5000`)).body.problems[0].field).toBe('query.limit');
    expect((await api.call('GET', `${base}/logs?colour=red`)).body.problems[0].field).toBe('query.colour');
    expect((await api.call('GET', `${base}/traces?minDurationMs=slow`)).body.problems[0].field).toBe('query.minDurationMs');
    expect((await api.call('GET', `${base}/traces?from=yesterday`)).body.problems[0].field).toBe('query.from');
    const unknown = await api.call('GET', `${base}/traces/${'ab'.repeat(16)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe(`trace "${'ab'.repeat(16)}" not found`);
    expect((await api.call('GET', '/api/stacks/stk-nope/logs')).status).toBe(404);
    expect((await api.call('GET', `${base}/logs`, undefined, { token: null })).status).toBe(401);
  });

  it('sees a killed replica as up 0, with its series ended by staleness markers', async () => {
    const killedAt = telemetry.stack.clock.now();
    const injected = await api.call('POST', `/api/stacks/${stack.id}/faults`, { kind: 'pod-kill', target: { service: 'catalog' }, params: { count: 1 } });
    expect(injected.status, JSON.stringify(injected.body)).toBe(201);
    // Scrape on our own too, so that a quick restart cannot slip between two scheduled scrapes.
    const victim = await eventually(async () => {
      await telemetry.scraper.scrapeOnce(telemetry.stack.clock.now());
      const down = select([eq('__name__', 'up'), eq('service', 'catalog')]).find((series) =>
        Array.from(series.t).some((t, i) => t >= killedAt && series.v[i] === 0),
      );
      expect(down).toBeDefined();
      return down!.labels.replica!;
    });
    const requests = select([eq('__name__', 'http_requests_total'), eq('replica', victim)]);
    expect(requests.length).toBeGreaterThan(0);
    for (const series of requests) {
      expect(Array.from(series.t).some((t, i) => t >= killedAt && series.stale?.[i])).toBe(true);
    }
    await api.call('DELETE', `/api/stacks/${stack.id}/faults/${injected.body.id}`);
  });
});
