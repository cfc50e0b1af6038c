import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VocabularyIndex } from '@firedrill/scenarios/loader';
import { DEMO_STACK_HISTOGRAMS, DEMO_STACK_METRICS, buildScenarioVocabulary } from './vocabulary.js';

describe('buildScenarioVocabulary', () => {
  const vocabulary = buildScenarioVocabulary();
  const index = new VocabularyIndex(vocabulary);

  it('knows every metric the demo stack exports', async () => {
    const source = await readFile(resolve(import.meta.dirname, '../../../demo-stack/src/telemetry/metrics.ts'), 'utf8');
    const exported = [...source.matchAll(/name: '([a-z_:]+)'/g)].map((match) => match[1]!);
    expect(exported.length).toBeGreaterThan(5);
    expect([...exported].sort()).toEqual([...DEMO_STACK_METRICS, ...DEMO_STACK_HISTOGRAMS].sort());
    for (const name of ['http_request_duration_seconds_bucket', 'up', 'ALERTS', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'slo:sli_error:ratio_rate5m']) {
      expect(index.hasMetric(name), name).toBe(true);
    }
    expect(index.hasMetric('http_request_total')).toBe(false);
  });

  it('has the fault kinds, their validation, the default alerts and the actions', () => {
    expect(index.faultKindNames()).toEqual(expect.arrayContaining(['latency', 'pool-exhaustion', 'memory-leak', 'cache-eviction']));
    const latency = index.faultKind('latency');
    if (latency === undefined || latency === 'unchecked') throw new Error('latency has no validator');
    expect(latency.validate({ service: 'payments', dependency: 'cache' }, { delayMs: 100 })).toEqual([
      { field: 'target.dependency', message: expect.stringContaining('payments has no dependency "cache"') },
    ]);
    expect(latency.validate({ service: 'nowhere' }, { delayMs: 100 })).toEqual([expect.objectContaining({ field: 'target.service' })]);
    expect(vocabulary.alerts).toEqual(expect.arrayContaining(['HighErrorRatio', 'DbPoolSaturated', 'TargetDown', 'CheckoutAvailabilityErrorBudgetBurn']));
    expect(index.actionNames()).toEqual(expect.arrayContaining(['scale', 'restart', 'rollback', 'set-config', 'cache-flush', 'cache-warm', 'pool-kill-queries']));
  });

  it('validates extra SLO specs and names their alerts', () => {
    const spec = {
      name: 'payments-availability',
      service: 'payments',
      objective: 0.99,
      sli: { ratio: { bad: 'sum(rate(http_requests_total{service="payments",status=~"5.."}[{{window}}]))', total: 'sum(rate(http_requests_total{service="payments"}[{{window}}]))' } },
    };
    expect(vocabulary.slos!.validate(spec)).toEqual([]);
    expect(vocabulary.slos!.alertNames(spec)).toEqual([expect.stringMatching(/ErrorBudgetBurn$/)]);
    expect(vocabulary.slos!.validate({ ...spec, objective: 2 })).toEqual([expect.objectContaining({ field: 'objective' })]);
  });
});

describe('scenario action matchers', () => {
  it('are checked against the params schemas of the allow-list', async () => {
    const { loadScenarioText } = await import('@firedrill/scenarios/loader');
    const scenario = [
      'apiVersion: firedrill/v1',
      'kind: Scenario',
      'metadata: { id: s, version: 1, title: T, summary: S, severity: SEV3, difficulty: beginner }',
      'spec:',
      '  faults: [{ id: f, at: 0s, kind: pod-kill, target: { service: payments } }]',
      '  statusChecks: [{ id: c, description: d, query: up }]',
      '  runbook: r.md',
      '  answerKey: { rootCause: { id: r, summary: s, accepted: [x] } }',
      '  remediations:',
      '    fixes: [{ action: set-config, service: payments, params: { key: pool.size, value: { gte: 20 } } }]',
      '  targets: { mttd: 1m, mtta: 1m, mttr: 1m }',
      '',
    ].join('\n');
    const runbook = '# R\n\n```firedrill-step\nid: a\ntitle: A\nevidence: { action: { action: scale, params: { count: 3 } } }\n```\n';
    const error = await loadScenarioText(scenario, 's.scenario.yml', buildScenarioVocabulary(), { readFile: async () => runbook }).catch((caught: Error) => caught);
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(/^r\.md:6:48: steps\[0\]\.evidence\.action\.params\.count: unknown parameter of scale "count".*it takes: service, replicas$/),
      expect.stringMatching(/^s\.scenario\.yml:10:69: spec\.remediations\.fixes\[0\]\.params\.key: "pool\.size" is not a valid key for set-config/),
    ]);
  });
});
