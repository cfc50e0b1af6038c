import { parseExpr } from '@firedrill/promql';
import { describe, expect, it } from 'vitest';
import type { AlertingRule } from '../rules/types.js';
import { demoStackRuleGroups } from './demo-stack-rules.js';

const rulesOf = (groups: ReturnType<typeof demoStackRuleGroups>) => groups.flatMap((group) => group.rules);
const alertNamed = (groups: ReturnType<typeof demoStackRuleGroups>, name: string): AlertingRule =>
  rulesOf(groups).find((rule): rule is AlertingRule => rule.kind === 'alert' && rule.alert === name)!;

describe('demoStackRuleGroups', () => {
  const realTime = demoStackRuleGroups({ evaluationIntervalMs: 1000 });
  const drill = demoStackRuleGroups({ timeScale: 60, evaluationIntervalMs: 1000 });

  it('holds the runbook alerts and both checkout SLOs', () => {
    expect(realTime.map((group) => group.name)).toEqual(['demo-stack', 'slo:checkout-availability', 'slo:checkout-latency']);
    expect(realTime[0]!.rules.map((rule) => (rule.kind === 'alert' ? rule.alert : rule.record))).toEqual([
      'HighErrorRatio',
      'HighLatencyP95',
      'DbPoolSaturated',
      'DbPoolAcquireTimeouts',
      'CacheHitRatioCollapse',
      'ReplicaRestarting',
      'TargetDown',
    ]);
    expect(realTime.every((group) => group.intervalMs === 1000)).toBe(true);
  });

  it('gives every alert a severity, summary, description and runbook', () => {
    for (const rule of rulesOf(realTime)) {
      if (rule.kind !== 'alert') continue;
      expect(rule.labels.severity, rule.alert).toMatch(/^(page|ticket)$/);
      for (const key of ['summary', 'description', 'runbook']) expect(rule.annotations[key], `${rule.alert} ${key}`).toBeTruthy();
    }
  });

  it('names every series and alert instance once', () => {
    const keys = rulesOf(realTime).map((rule) =>
      rule.kind === 'record' ? `record ${rule.record} ${JSON.stringify(rule.labels)}` : `alert ${rule.alert} ${JSON.stringify(rule.labels)}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('scales windows and for durations by the time scale', () => {
    expect(alertNamed(realTime, 'HighErrorRatio').forMs).toBe(60_000);
    expect(alertNamed(realTime, 'HighErrorRatio').expr).toContain('[2m]');
    expect(alertNamed(drill, 'HighErrorRatio').forMs).toBe(1000);
    expect(alertNamed(drill, 'HighErrorRatio').expr).toContain('[4s]');
    expect(alertNamed(drill, 'TargetDown').forMs).toBe(1000);
    expect(alertNamed(drill, 'ReplicaRestarting').expr).toBe('changes(process_start_time_seconds[10s]) > 0');
    expect(alertNamed(drill, 'HighLatencyP95').forMs).toBe(2000);
  });

  it('writes every expression as valid PromQL', () => {
    for (const timeScale of [1, 60]) {
      for (const rule of rulesOf(demoStackRuleGroups({ timeScale }))) {
        expect(() => parseExpr(rule.expr), rule.expr).not.toThrow();
      }
    }
  });
});
