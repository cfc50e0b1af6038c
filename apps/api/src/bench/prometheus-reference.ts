// A real Prometheus holding the bench's data set, for `npm run bench:promql` to compare speed
// and answers with: the samples are backfilled with `promtool tsdb create-blocks-from openmetrics`
// and Prometheus serves them over its HTTP API on loopback. Everything lives in one temp dir.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { Labels } from '@firedrill/promql';
import { seriesText } from './promql-bench-data.js';

export const PROMETHEUS_BINARY = '/usr/bin/prometheus';
export const PROMTOOL_BINARY = '/usr/bin/promtool';

/** Why the comparison cannot run here, or undefined when both binaries are present. */
export function prometheusUnavailableReason(): string | undefined {
  const missing = [PROMETHEUS_BINARY, PROMTOOL_BINARY].filter((path) => !existsSync(path));
  return missing.length > 0 ? `${missing.join(' and ')} not installed` : undefined;
}

export interface RecordedSeries {
  labels: Labels;
  /** One value per scrape step; NaN where the series had no sample. */
  values: Float64Array;
}

export interface PrometheusResultSeries {
  metric: Labels;
  points: Array<{ t: number; v: number }>;
}

export class PrometheusReference {
  private readonly dir = mkdtempSync(join(tmpdir(), 'firedrill-promql-bench-'));
  private process: ChildProcess | undefined;
  private readonly agent = new Agent({ connections: 4 });
  private baseUrl = '';
  version = '';

  /** Writes the samples as OpenMetrics (timestamps in seconds), builds TSDB blocks, and returns how long each part took. */
  backfill(series: RecordedSeries[], startMs: number, stepMs: number): { writeMs: number; promtoolMs: number; bytes: number } {
    const file = join(this.dir, 'data.om.txt');
    let started = performance.now();
    const fd = openSync(file, 'w');
    let bytes = 0;
    try {
      let chunk = '';
      for (const { labels, values } of series) {
        const name = seriesText(labels);
        for (let step = 0; step < values.length; step++) {
          const v = values[step]!;
          if (!Number.isNaN(v)) chunk += `${name} ${v} ${(startMs + step * stepMs) / 1000}\n`;
        }
        if (chunk.length > 1 << 20) {
          bytes += writeSync(fd, chunk);
          chunk = '';
        }
      }
      bytes += writeSync(fd, `${chunk}# EOF\n`);
    } finally {
      closeSync(fd);
    }
    const writeMs = performance.now() - started;
    started = performance.now();
    const result = spawnSync(PROMTOOL_BINARY, ['tsdb', 'create-blocks-from', 'openmetrics', file, join(this.dir, 'tsdb')], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`promtool failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
    rmSync(file);
    return { writeMs, promtoolMs: performance.now() - started, bytes };
  }

  async start(): Promise<void> {
    const config = join(this.dir, 'prometheus.yml');
    writeFileSync(config, 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    const output: string[] = [];
    this.process = spawn(
      PROMETHEUS_BINARY,
      [
        `--storage.tsdb.path=${join(this.dir, 'tsdb')}`,
        `--config.file=${config}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=10y',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.process.stderr!.on('data', (data: Buffer) => output.push(data.toString()));
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`prometheus exited with ${this.process.exitCode}: ${output.join('').slice(-2000)}`);
      const ready = await request(`${this.baseUrl}/-/ready`, { dispatcher: this.agent })
        .then(async (response) => (await response.body.text(), response.statusCode === 200))
        .catch(() => false);
      if (ready) {
        const info = await this.api('/api/v1/status/buildinfo');
        this.version = (info as { version: string }).version;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`prometheus not ready after 30 s: ${output.join('').slice(-2000)}`);
  }

  /** An instant query; the returned time covers the HTTP round trip, server-side JSON encoding and reading the body. */
  async instantQuery(query: string, timeMs: number): Promise<{ elapsedMs: number; result: () => PrometheusResultSeries[] }> {
    return this.timedQuery('/api/v1/query', { query, time: String(timeMs / 1000) });
  }

  async rangeQuery(query: string, startMs: number, endMs: number, stepMs: number): Promise<{ elapsedMs: number; result: () => PrometheusResultSeries[] }> {
    return this.timedQuery('/api/v1/query_range', { query, start: String(startMs / 1000), end: String(endMs / 1000), step: String(stepMs / 1000) });
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killTimer);
    }
    await this.agent.close().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async timedQuery(path: string, params: Record<string, string>): Promise<{ elapsedMs: number; result: () => PrometheusResultSeries[] }> {
    const started = performance.now();
    const response = await request(`${this.baseUrl}${path}?${new URLSearchParams(params)}`, { dispatcher: this.agent });
    const text = await response.body.text();
    const elapsedMs = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${path} ${params.query}: HTTP ${response.statusCode} ${text.slice(0, 500)}`);
    return { elapsedMs, result: () => resultSeries(JSON.parse(text).data) };
  }

  private async api(path: string): Promise<unknown> {
    const response = await request(`${this.baseUrl}${path}`, { dispatcher: this.agent });
    return ((await response.body.json()) as { data: unknown }).data;
  }
}

type ApiData =
  | { resultType: 'vector'; result: Array<{ metric: Labels; value: [number, string] }> }
  | { resultType: 'matrix'; result: Array<{ metric: Labels; values: Array<[number, string]> }> }
  | { resultType: 'scalar'; result: [number, string] };

function resultSeries(data: ApiData): PrometheusResultSeries[] {
  const point = ([t, v]: [number, string]) => ({ t: Math.round(t * 1000), v: parseApiValue(v) });
  switch (data.resultType) {
    case 'vector':
      return data.result.map((s) => ({ metric: s.metric, points: [point(s.value)] }));
    case 'matrix':
      return data.result.map((s) => ({ metric: s.metric, points: s.values.map(point) }));
    case 'scalar':
      return [{ metric: {}, points: [point(data.result)] }];
  }
}

function parseApiValue(v: string): number {
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
