import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFinishedDrill } from '../../apps/api/src/scoreboard/testing/seed-drills.js';
import { DrillRepository } from '../../apps/api/src/store/sqlite/drill-repository.js';
import { parseExposition } from '../../apps/api/src/telemetry/scrape/exposition-parser.js';
import { ADMIN_TOKEN, eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { freePort } from '../support/ports.js';

/**
 * The scoreboard and /metrics over the real API. Finished drills with timers are written through
 * the repository (a scored drill takes minutes of a live stack); drills created and aborted, and
 * one started on a live stack at speed 20, go through the HTTP API as a facilitator would.
 */
const JAN = Date.UTC(2025, 0, 6);
const DAY = 86_400_000;

async function get(baseUrl: string, path: string, token: string | null = ADMIN_TOKEN) {
  const response = await request(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

function exposition(text: string) {
  const { samples, metadata } = parseExposition(text, 'text');
  const sum = (name: string, match: Record<string, string> = {}) =>
    samples
      .filter((s) => s.labels.__name__ === name && Object.entries(match).every(([key, value]) => (s.labels[key] ?? '') === value))
      .reduce((total, s) => total + s.value, 0);
  return { samples, metadata, sum };
}

function seed(repository: DrillRepository): void {
  seedFinishedDrill(repository, { id: 'drl-seed-a', team: 'payments', responders: ['ana', 'bo'], state: 'closed', score: 82, createdAt: JAN, marks: { detect: 60, acknowledge: 90, mitigate: 200, resolve: 300, close: 900 } });
  seedFinishedDrill(repository, { id: 'drl-seed-b', team: 'payments', responders: ['ana'], state: 'scored', score: 64, createdAt: JAN + DAY, marks: { detect: 120, detectedBy: 'human', acknowledge: 130, resolve: 720 } });
  seedFinishedDrill(repository, { id: 'drl-seed-c', scenarioId: 'slow-downstream-payments', team: 'checkout', responders: ['=cmd|calc'], state: 'scored', score: 90, createdAt: JAN + 2 * DAY, marks: { detect: 30, acknowledge: 45, resolve: 200 } });
  seedFinishedDrill(repository, { id: 'drl-seed-gate', origin: 'gate', team: 'payments', responders: ['robot'], state: 'scored', score: 100, createdAt: JAN + 3 * DAY, marks: { detect: 10, acknowledge: 11, resolve: 50 } });
}

describe('scoreboard and /metrics', () => {
  let api: ApiHarness;
  let responderToken: string;
  const manualIds: string[] = [];

  beforeAll(async () => {
    api = await startApi();
    seed(api.app.get(DrillRepository));
    // Two drills through the API, aborted before they start (no stack needed): they end with no timers.
    for (const team of ['payments', 'checkout']) {
      const created = await api.call('POST', '/api/drills', { scenario: 'crash-loop-after-deploy', speed: 20, team, responders: ['dee'] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      responderToken = created.body.joinLinks.find((link: { role: string }) => link.role === 'responder').token;
      const aborted = await api.call('POST', `/api/drills/${created.body.id}/abort`, { reason: 'rained off' });
      expect(aborted.status, JSON.stringify(aborted.body)).toBe(200);
      manualIds.push(created.body.id);
    }
  }, 60_000);

  afterAll(async () => api?.close());

  it('answers the finished drills with timers, scores and groups, gate drills left out', async () => {
    const { status, body } = await api.call('GET', '/api/scoreboard');
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.rows.map((row: { drillId: string }) => row.drillId)).toEqual([...[...manualIds].reverse(), 'drl-seed-c', 'drl-seed-b', 'drl-seed-a']);
    expect(body.rows.find((row: { drillId: string }) => row.drillId === 'drl-seed-a')).toMatchObject({
      scenarioId: 'pool-exhaustion',
      team: 'payments',
      origin: 'manual',
      responders: ['ana', 'bo'],
      state: 'closed',
      score: 82,
      mttd: 60,
      mtta: 30,
      mttr: 240,
      timeToMitigate: 200,
      timeToRecover: 300,
      detectedBy: 'alert',
    });
    const aborted = body.rows.find((row: { drillId: string }) => row.drillId === manualIds[0]);
    expect(aborted).toMatchObject({ scenarioId: 'crash-loop-after-deploy', state: 'aborted', responders: ['dee'], score: null, mttd: null });
    expect(aborted.scenarioTitle).not.toBe('crash-loop-after-deploy');
    expect(body.overall).toMatchObject({ drills: 5, score: { count: 3, mean: 78.667, median: 82 }, mttd: { count: 3, median: 60 }, mttr: { count: 3, p90: 528 } });
    expect(body.byResponder.map((group: { key: string; drills: number }) => [group.key, group.drills])).toEqual([['=cmd|calc', 1], ['ana', 2], ['bo', 1], ['dee', 2]]);
    expect(body.byTeam.map((group: { key: string; drills: number }) => [group.key, group.drills])).toEqual([['checkout', 2], ['payments', 3]]);
    expect(body.byScenario.map((group: { key: string }) => group.key)).toEqual(['crash-loop-after-deploy', 'pool-exhaustion', 'slow-downstream-payments']);
    expect(body.query).toEqual({ includeGate: false });
  });

  it('filters by responder, team, scenario, time range and gate', async () => {
    const ids = async (query: string) => (await api.call('GET', `/api/scoreboard?${query}`)).body.rows.map((row: { drillId: string }) => row.drillId);
    expect(await ids('responder=bo')).toEqual(['drl-seed-a']);
    expect(await ids('team=payments&scenario=pool-exhaustion')).toEqual(['drl-seed-b', 'drl-seed-a']);
    expect(await ids(`from=${(JAN + DAY) / 1000}&to=2025-01-08T00:00:00Z`)).toEqual(['drl-seed-b']);
    expect(await ids('includeGate=true&responder=robot')).toEqual(['drl-seed-gate']);
    expect(await ids('responder=robot')).toEqual([]);
    const filtered = (await api.call('GET', '/api/scoreboard?team=payments&from=2025-01-06')).body;
    expect(filtered.query).toEqual({ team: 'payments', from: '2025-01-06T00:00:00.000Z', includeGate: false });
    expect(filtered.byTeam).toHaveLength(1);
    expect(filtered.byTeam[0]).toMatchObject({ key: 'payments', drills: 3, mtta: { count: 2, mean: 20 } });
  });

  it('exports the rows as CSV, formulas defused', async () => {
    const csv = await get(api.baseUrl, '/api/scoreboard?format=csv&team=checkout');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="firedrill-scoreboard.csv"');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('drill_id,created_at,scenario_id,scenario_title,team,origin,responders,state,score,mttd_seconds,mtta_seconds,mttr_seconds,time_to_mitigate_seconds,time_to_recover_seconds,detected_by');
    expect(lines).toHaveLength(4); // header, two drills, the empty string after the last CRLF
    expect(lines.find((line) => line.startsWith('drl-seed-c'))).toBe(
      "drl-seed-c,2025-01-08T00:00:00.000Z,slow-downstream-payments,Title of slow-downstream-payments,checkout,manual,'=cmd|calc,scored,90,30,15,170,,200,alert",
    );
  });

  it('refuses bad parameters with a 400 naming them, and anyone but the facilitator', async () => {
    for (const [query, field] of [
      ['from=last%20week', 'query.from'],
      ['to=2025-02-30T25:00:00Z', 'query.to'],
      ['from=2025-02-01&to=2025-01-01', 'query.to'],
      ['includeGate=1', 'query.includeGate'],
      ['format=xlsx', 'query.format'],
      ['teams=payments', 'query.teams'],
    ]) {
      const answer = await api.call('GET', `/api/scoreboard?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.message, query).toContain(field);
    }
    expect((await api.call('GET', '/api/scoreboard', undefined, { token: null })).status).toBe(401);
    expect((await api.call('GET', '/api/scoreboard', undefined, { token: responderToken })).status).toBe(403);
  });

  it('/metrics needs the facilitator token and derives the drill figures from the store', async () => {
    expect((await get(api.baseUrl, '/metrics', null)).status).toBe(401);
    expect((await get(api.baseUrl, '/metrics', responderToken)).status).toBe(403);
    const scraped = await get(api.baseUrl, '/metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const { sum, metadata, samples } = exposition(scraped.text);
    expect(sum('firedrill_drills_total', { outcome: 'resolved', origin: 'manual' })).toBe(3);
    expect(sum('firedrill_drills_total', { outcome: 'resolved', origin: 'gate' })).toBe(1);
    expect(sum('firedrill_drills_total', { outcome: 'aborted', scenario: 'crash-loop-after-deploy' })).toBe(2);
    expect(sum('firedrill_drill_mttd_seconds_count', { scenario: 'pool-exhaustion', team: 'payments', origin: 'manual' })).toBe(2);
    expect(sum('firedrill_drill_mttd_seconds_bucket', { scenario: 'pool-exhaustion', team: 'payments', origin: 'manual', le: '60' })).toBe(1);
    expect(sum('firedrill_drill_mttr_seconds_sum', { origin: 'manual' })).toBe(240 + 600 + 170);
    expect(sum('firedrill_drills_active')).toBe(0);
    expect(sum('firedrill_stacks')).toBe(0);
    for (const name of ['firedrill_rule_evaluation_duration_seconds', 'firedrill_rule_evaluation_lag_seconds', 'firedrill_drill_mtta_seconds']) {
      expect(metadata.get(name)?.type, name).toBe('histogram');
    }
    expect(metadata.get('firedrill_scrape_errors_total')?.type).toBe('counter');
    expect(metadata.get('firedrill_gameday_runs')?.type).toBe('gauge');
    expect(samples.some((s) => s.labels.__name__ === 'process_resident_memory_bytes')).toBe(true);
    expect(samples.some((s) => Object.values(s.labels).some((value) => value.startsWith('drl-')))).toBe(false);
  });

  it('shows a live drill: active drill, stack and fault, scrapes and rule evaluations; its abort moves it to aborted', async () => {
    const created = await api.call('POST', '/api/drills', { scenario: 'crash-loop-after-deploy', speed: 20, team: 'payments', responders: ['eve'] });
    const id: string = created.body.id;
    expect((await api.call('POST', `/api/drills/${id}/start`)).status).toBe(200);
    await eventually(async () => expect((await api.call('GET', `/api/drills/${id}`)).body.timers.t0).not.toBeNull(), { timeoutMs: 60_000, intervalMs: 250 });
    const live = await eventually(async () => {
      const metrics = exposition((await get(api.baseUrl, '/metrics')).text);
      expect(metrics.sum('firedrill_rule_evaluation_duration_seconds_count')).toBeGreaterThan(0);
      return metrics;
    });
    expect(live.sum('firedrill_drills_active')).toBe(1);
    expect(live.sum('firedrill_stacks')).toBe(1);
    expect(live.sum('firedrill_faults_active')).toBeGreaterThanOrEqual(1);
    expect(live.sum('firedrill_scrapes_total')).toBeGreaterThan(0);
    expect(live.sum('firedrill_rule_evaluation_lag_seconds_count')).toBe(live.sum('firedrill_rule_evaluation_duration_seconds_count'));
    expect((await api.call('POST', `/api/drills/${id}/abort`, { reason: 'done' })).status).toBe(200);
    const after = exposition((await get(api.baseUrl, '/metrics')).text);
    expect(after.sum('firedrill_drills_active')).toBe(0);
    expect(after.sum('firedrill_stacks')).toBe(0);
    expect(after.sum('firedrill_faults_active')).toBe(0);
    expect(after.sum('firedrill_drills_total', { outcome: 'aborted', scenario: 'crash-loop-after-deploy' })).toBe(3);
  }, 120_000);

  it('keeps the drill counts across a restart (they come from the store)', async () => {
    const before = exposition((await get(api.baseUrl, '/metrics')).text).sum('firedrill_drills_total');
    await api.close();
    api = await startApi(api.dataDir);
    expect(exposition((await get(api.baseUrl, '/metrics')).text).sum('firedrill_drills_total')).toBe(before);
  }, 60_000);
});

const hasPrometheus = spawnSync('prometheus', ['--version'], { encoding: 'utf8' }).status === 0;


/** A real Prometheus (Debian package `prometheus`) scrapes /metrics with the bearer token, as docs/scoreboard.md tells users to. */
describe.skipIf(!hasPrometheus)('a real Prometheus scraping /metrics', () => {
  if (!hasPrometheus) console.warn('prometheus not found (Debian package prometheus): real scrape of /metrics skipped');
  let api: ApiHarness;
  let prometheus: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (prometheus?.pid !== undefined && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      process.kill(prometheus.pid, 'SIGTERM');
      await exited;
    }
    await api?.close();
  });

  it('answers firedrill_drills_total and the MTTD quantile from its own scrapes', async () => {
    api = await startApi();
    seed(api.app.get(DrillRepository));
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-prometheus-'));
    const target = new URL(api.baseUrl).host;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: {scrape_interval: 1s, evaluation_interval: 1s}',
        'scrape_configs:',
        '  - job_name: firedrill',
        '    metrics_path: /metrics',
        `    authorization: {credentials: ${ADMIN_TOKEN}}`,
        `    static_configs: [{targets: ['${target}']}]`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prometheus.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    prometheus.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const query = async (promql: string) => {
      const response = await request(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.body.json()) as { status: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
      expect(body.status).toBe('success');
      return body.data.result;
    };
    const up = await eventually(async () => {
      expect(prometheus!.exitCode, output).toBeNull();
      const result = await query('up{job="firedrill"}');
      expect(result).toHaveLength(1);
      return result[0]!;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(up.value[1], output).toBe('1');
    const totals = await query('sum by (origin) (firedrill_drills_total{outcome="resolved"})');
    expect(Object.fromEntries(totals.map((r) => [r.metric.origin, r.value[1]]))).toEqual({ manual: '3', gate: '1' });
    const p50 = await query('histogram_quantile(0.5, sum by (le) (firedrill_drill_mttd_seconds_bucket{origin!="gate"}))');
    expect(Number(p50[0]!.value[1])).toBeGreaterThan(30);
    expect(Number(p50[0]!.value[1])).toBeLessThanOrEqual(60);
    // The shipped dashboard's queries, variables substituted as Grafana would, are valid PromQL to Prometheus too.
    const dashboard = JSON.parse(readFileSync(fileURLToPath(new URL('../../deploy/grafana/dashboards/firedrill.json', import.meta.url)), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((panel: { targets?: Array<{ expr: string }> }) => (panel.targets ?? []).map((target) => target.expr));
    const values: Record<string, string> = { team: '.*', scenario: '.*', origin: '(manual|gameday)', job: '.*', window: '30d', __rate_interval: '1m', __interval: '1h' };
    for (const expr of exprs) await query(expr.replace(/\$(\w+)/g, (_, name: string) => values[name]!));
    const table = await query('histogram_quantile(0.5, sum by (team, scenario, le) (firedrill_drill_mttd_seconds_bucket{origin=~"(manual|gameday)"}))');
    expect(table.map((r) => `${r.metric.team}/${r.metric.scenario}`).sort()).toEqual(['checkout/slow-downstream-payments', 'payments/pool-exhaustion']);
  }, 60_000);
});
