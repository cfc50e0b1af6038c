import { describe, expect, it } from 'vitest';
import { parseExposition } from '../telemetry/scrape/exposition-parser.js';
import type { DrillFigures } from './drill-figures.js';
import { FiredrillMetrics, type MetricSources } from './firedrill-metrics.js';

const labels = { scenario: 'pool-exhaustion', team: 'payments', origin: 'manual' };

function sources(overrides: Partial<MetricSources> = {}): MetricSources & { reads: number } {
  const figures: DrillFigures = {
    outcomes: [
      { labels: { ...labels, outcome: 'resolved' }, count: 3 },
      { labels: { ...labels, team: '', origin: 'gate', outcome: 'aborted' }, count: 1 },
    ],
    mttd: [{ labels, seconds: 45 }, { labels, seconds: 400 }],
    mtta: [{ labels, seconds: 20 }],
    mttr: [],
  };
  const state = {
    reads: 0,
    drillFigures: () => {
      state.reads++;
      return figures;
    },
    activeDrills: () => 2,
    activeFaultsByKind: () => new Map([['latency', 1]]),
    faultKinds: ['latency', 'error'],
    stacks: () => 3,
    ...overrides,
  };
  return state;
}

async function scrape(metrics: FiredrillMetrics) {
  const { body, contentType } = await metrics.render();
  expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  const parsed = parseExposition(body, 'text');
  const value = (name: string, match: Record<string, string> = {}) =>
    parsed.samples.find((s) => s.labels.__name__ === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))?.value;
  return { body, parsed, value };
}

describe('FiredrillMetrics', () => {
  it('exports the drill figures read once per scrape, with no drill ids', async () => {
    const source = sources();
    const { value, parsed, body } = await scrape(new FiredrillMetrics(source, { defaultMetrics: false }));
    expect(source.reads).toBe(1);
    expect(value('firedrill_drills_total', { outcome: 'resolved', team: 'payments' })).toBe(3);
    expect(value('firedrill_drills_total', { outcome: 'aborted', origin: 'gate' })).toBe(1);
    // A drill without a team is team="" (Prometheus reads an empty label as absent).
    expect(body).toMatch(/^firedrill_drills_total\{[^}]*team="",origin="gate",outcome="aborted"\} 1$/m);
    expect(value('firedrill_drill_mttd_seconds_count', labels)).toBe(2);
    expect(value('firedrill_drill_mttd_seconds_bucket', { ...labels, le: '60' })).toBe(1);
    expect(value('firedrill_drill_mttd_seconds_bucket', { ...labels, le: '600' })).toBe(2);
    expect(value('firedrill_drill_mttd_seconds_sum', labels)).toBe(445);
    expect(value('firedrill_drill_mtta_seconds_count', labels)).toBe(1);
    expect(parsed.metadata.get('firedrill_drill_mttr_seconds')?.type).toBe('histogram');
    expect(value('firedrill_drills_active')).toBe(2);
    expect(value('firedrill_faults_active', { kind: 'latency' })).toBe(1);
    expect(value('firedrill_faults_active', { kind: 'error' })).toBe(0);
    expect(value('firedrill_stacks')).toBe(3);
    expect(parsed.samples.some((s) => Object.keys(s.labels).some((name) => /drill_?id/i.test(name)))).toBe(false);
  });

  it('follows the store from one scrape to the next instead of accumulating', async () => {
    let count = 1;
    const metrics = new FiredrillMetrics(
      sources({ drillFigures: () => ({ outcomes: [{ labels: { ...labels, outcome: 'resolved' }, count }], mttd: [], mtta: [], mttr: [] }) }),
      { defaultMetrics: false },
    );
    expect((await scrape(metrics)).value('firedrill_drills_total')).toBe(1);
    count = 4;
    expect((await scrape(metrics)).value('firedrill_drills_total')).toBe(4);
  });

  it('counts rule evaluations and scrapes as they are reported', async () => {
    const metrics = new FiredrillMetrics(sources(), { defaultMetrics: false });
    metrics.observeRuleEvaluation({ durationSeconds: 0.004, lagSeconds: 0.3, failures: 0 });
    metrics.observeRuleEvaluation({ durationSeconds: 0.02, lagSeconds: 2, failures: 2 });
    metrics.observeScrape({ job: 'payments', ok: true, durationMs: 3 });
    metrics.observeScrape({ job: 'payments', ok: false, durationMs: 1000 });
    metrics.observeScrape({ job: 'catalog', ok: true, durationMs: 3 });
    const { value } = await scrape(metrics);
    expect(value('firedrill_rule_evaluation_duration_seconds_count')).toBe(2);
    expect(value('firedrill_rule_evaluation_duration_seconds_bucket', { le: '0.005' })).toBe(1);
    expect(value('firedrill_rule_evaluation_lag_seconds_bucket', { le: '0.5' })).toBe(1);
    expect(value('firedrill_rule_evaluation_lag_seconds_sum')).toBeCloseTo(2.3);
    expect(value('firedrill_rule_evaluation_failures_total')).toBe(2);
    expect(value('firedrill_scrapes_total', { job: 'payments' })).toBe(2);
    expect(value('firedrill_scrape_errors_total', { job: 'payments' })).toBe(1);
    expect(value('firedrill_scrape_errors_total', { job: 'catalog' })).toBeUndefined();
  });

  it('adds the process metrics and game-day runs when there are any', async () => {
    const metrics = new FiredrillMetrics(sources({ gameDayRunsByState: () => new Map([['finished', 2]]) }));
    const { value } = await scrape(metrics);
    expect(value('process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
    expect(value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(value('firedrill_gameday_runs', { state: 'finished' })).toBe(2);
  });
});
