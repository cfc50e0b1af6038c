import { generateSloRuleGroup, type AlertingRule, type RuleGroup } from '@firedrill/alerting';
import { parseDuration } from '@firedrill/promql';
import type { Scenario } from '@firedrill/scenarios';

/**
 * A scenario's own alert rules and SLOs as rule groups for its stack, beside the demo defaults.
 * Like the defaults they are written in stack time (samples carry stack time), so no scaling.
 */
export function scenarioRuleGroups(scenario: Scenario, intervalMs: number): RuleGroup[] {
  const groups: RuleGroup[] = [];
  const { rules, slos } = scenario.spec;
  if (rules.length > 0) {
    groups.push({
      name: `scenario:${scenario.metadata.id}`,
      intervalMs,
      rules: rules.map(
        (rule): AlertingRule => ({
          kind: 'alert',
          alert: rule.alert,
          expr: rule.expr,
          forMs: rule.for === undefined ? 0 : parseDuration(rule.for),
          keepFiringForMs: 0,
          labels: rule.labels,
          annotations: rule.annotations,
        }),
      ),
    });
  }
  for (const slo of slos) {
    groups.push(generateSloRuleGroup(slo as Parameters<typeof generateSloRuleGroup>[0], { timeScale: 1, evaluationIntervalMs: intervalMs, scrapeIntervalMs: intervalMs, groupIntervalMs: intervalMs }));
  }
  return groups;
}
