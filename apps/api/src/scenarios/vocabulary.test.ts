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
