/**
 * A small pool-exhaustion scenario and its runbook for scoring and postmortem tests, built through
 * the real schema so defaults apply exactly as for catalogue scenarios.
 */
import { ScenarioSchema, type Runbook, type Scenario } from '@firedrill/scenarios';
import type { DrillEvent } from '../../drills/timeline.js';
import { ALERTING, ENGINE, responder, timeline, type TimelineBuilder } from './timeline-fixture.js';

export function poolScenario(overrides: { maxErrorBudgetBurn?: number } = {}): Scenario {
  return ScenarioSchema.parse({
    apiVersion: 'firedrill/v1',
    kind: 'Scenario',
    metadata: {
      id: 'pool-exhaustion',
      version: 2,
      title: 'Payments pool exhaustion',
      summary: 'Checkout is slow and some payments fail.',
      severity: 'SEV2',
      difficulty: 'beginner',
    },
    spec: {
      faults: [{ id: 'exhaust', at: '30s', kind: 'pool-exhaustion', target: { service: 'payments' }, params: { holdMs: 5000 } }],
      statusChecks: [{ id: 'checkout-ok', description: 'checkout succeeds', query: 'up' }],
      expectations: { alerts: [{ name: 'DbPoolSaturated', within: '3m' }], maxErrorBudgetBurn: overrides.maxErrorBudgetBurn ?? 0.5 },
      runbook: 'pool-exhaustion.md',
      answerKey: {
        rootCause: {
          id: 'pool-too-small',
          summary: 'The payments database pool (max 5) is too small for the traffic, so requests queue for a connection.',
          accepted: ['connection pool too small', 'pool exhausted'],
        },
      },
      remediations: {
        fixes: [{ action: 'set-config', service: 'payments', params: { key: 'pool.max', value: { gte: 20 } } }],
        mitigations: [{ action: 'scale', service: 'payments', params: { replicas: { gte: 3 } } }],
        harmful: [{ action: 'restart', service: 'payments', reason: 'a restart drops in-flight payments and the pool fills again at once' }],
      },
      hints: [{ id: 'look-at-pool', text: 'Look at the database pool of payments.', cost: 5 }],
      targets: { mttd: '2m', mtta: '1m', mttr: '10m' },
    },
  });
}

export function poolRunbook(): Runbook {
  return {
    path: 'runbooks/pool-exhaustion.md',
    title: 'Payments pool exhaustion',
    markdown: '# Payments pool exhaustion\n',
    steps: [
      { id: 'ack', title: 'Acknowledge the page', within: '2m', evidence: { ack: true } },
      { id: 'check-pool', title: 'Check the pool', within: '5m', evidence: { query: { metrics: ['db_pool_connections_in_use'] } } },
      { id: 'check-logs', title: 'Search payments logs for timeouts', within: '8m', evidence: { logSearch: { service: 'payments', text: 'timeout' } } },
      { id: 'raise-pool', title: 'Raise the pool size', within: '10m', evidence: { action: { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: { gte: 20 } } } } },
    ],
  };
}

const alice = responder('alice');
const fault = { stepId: 'exhaust', faultId: 'f-1', kind: 'pool-exhaustion', target: { service: 'payments' } };
const poolFix = { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 30 }, ok: true };

/** The drill done by the book: every timer within target, every step in order and in time. */
export function exemplaryDrill(): TimelineBuilder {
  return timeline('drill-7')
    .at(0, 'drill.created', { scenarioId: 'pool-exhaustion', scenarioVersion: 2, speed: 60, responders: ['alice', 'bob'] }, ENGINE)
    .at(0, 'drill.started', { stackId: 'stack-1' })
    .at('30s', 'fault.injected', fault)
    .at('2m', 'alert.firing', { alert: 'DbPoolSaturated', labels: { service: 'payments', severity: 'page' } }, ALERTING)
    .at('2m40s', 'page.acknowledged', { alert: 'DbPoolSaturated' }, alice)
    .at('3m', 'status.posted', { text: 'Investigating slow checkout' }, alice)
    .at('4m', 'query.run', { promql: 'db_pool_connections_in_use{service="payments"}', range: true, metrics: ['db_pool_connections_in_use'], ok: true }, alice)
    .at('5m', 'logs.searched', { service: 'payments', text: 'acquire TIMEOUT', results: 12 }, alice)
    .at('6m', 'diagnosis.submitted', { text: 'The  Connection\npool too small for the load' }, alice);
}

/** The rest of the exemplary drill after the diagnosis: fix, mitigation, resolution. */
export function finishExemplary(builder: TimelineBuilder): DrillEvent[] {
  return builder
    .at('7m', 'action.taken', poolFix, alice)
    .at('9m', 'drill.mitigated', {})
    .at('9m30s', 'status.posted', { text: 'Checkout recovered; pool raised to 30' }, alice)
    .at('12m', 'alert.resolved', { alert: 'DbPoolSaturated', labels: { service: 'payments', severity: 'page' } }, ALERTING)
    .at('12m', 'drill.resolved', {})
    .build();
}
