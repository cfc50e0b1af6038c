import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../api/types.js';
import { classifyActions, deriveChecklist, describeMatcher, diagnosisMatches, evidenceMatches, matchesAction } from './checklist.js';
import type { CheckableStep } from './scenario-spec.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
let seq = 0;
function event(type: DrillEvent['type'], atSeconds: number, data: object, role: DrillEvent['actor']['role'] = 'responder'): DrillEvent {
  return { drillId: 'd', seq: ++seq, type, at: T0 + atSeconds * 1000, wallAt: 0, actor: { role, name: role === 'system' ? 'engine' : 'alex' }, data } as DrillEvent;
}

const steps: CheckableStep[] = [
  { id: 'acknowledge', title: 'Acknowledge the page', within: '5m', evidence: { ack: true } },
  { id: 'check-pool', title: 'Check the pool', within: '8m', evidence: { query: { metrics: ['db_pool_connections'] } } },
  { id: 'read-logs', title: 'Read the logs', within: '15m', evidence: { logSearch: { service: 'payments', level: 'error' } } },
  { id: 'kill', title: 'Cancel the queries', within: '1m', evidence: { action: { action: 'pool-kill-queries', service: 'payments' } } },
];

describe('evidenceMatches', () => {
  it('counts only people, and only successful queries and actions', () => {
    expect(evidenceMatches({ ack: true }, event('page.acknowledged', 1, {}, 'system'))).toBe(false);
    expect(evidenceMatches({ query: { metrics: ['m'] } }, event('query.run', 1, { promql: 'm', metrics: ['m'], ok: false, range: false }))).toBe(false);
    expect(evidenceMatches({ query: { metrics: ['m'] } }, event('query.run', 1, { promql: 'm', metrics: ['x', 'm'], ok: true, range: false }))).toBe(true);
    expect(evidenceMatches({ logSearch: { level: 'ERROR', text: 'Pool  timeout' } }, event('logs.searched', 1, { level: 'error', text: 'the pool timeout here', results: 3 }))).toBe(true);
    expect(evidenceMatches({ traceView: { service: 'payments' } }, event('trace.viewed', 1, { traceId: 't', services: ['gateway', 'payments'] }))).toBe(true);
  });

  it('reads set-config values by their key, with comparisons', () => {
    const matcher = { action: 'set-config', service: 'payments', params: { 'pool.max': { gte: 20 } } };
    expect(matchesAction(matcher, { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: '30' } })).toBe(true);
    expect(matchesAction(matcher, { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 10 } })).toBe(false);
    expect(matchesAction({ action: 'set-config', params: { key: 'pool.max', value: { gte: 20 } } }, { action: 'set-config', params: { key: 'pool.max', value: 25 } })).toBe(true);
    expect(describeMatcher(matcher)).toBe('set-config payments pool.max≥20');
    expect(describeMatcher({ action: 'set-config', service: 'payments', params: { key: 'pool.acquireTimeoutMs', value: { gte: 5000 } } })).toBe('set-config payments pool.acquireTimeoutMs≥5000');
    expect(describeMatcher({ action: 'scale', params: { replicas: 4 } })).toBe('scale replicas=4');
  });
});

describe('deriveChecklist', () => {
  it('ticks done steps with their evidence, flags out of order, late and overdue ones', () => {
    seq = 0;
    const events = [
      event('query.run', -10, { promql: 'db_pool_connections', metrics: ['db_pool_connections'], ok: true, range: false }),
      event('fault.injected', 0, { kind: 'pool-exhaustion' }, 'system'),
      event('alert.firing', 60, { alert: 'DbPoolSaturated', labels: {} }, 'system'),
      event('query.run', 120, { promql: 'db_pool_connections', metrics: ['db_pool_connections'], ok: true, range: false }),
      event('page.acknowledged', 180, {}),
      event('action.taken', 240, { action: 'pool-kill-queries', service: 'payments', params: {}, ok: true }),
    ];
    const list = deriveChecklist(steps, events, { t1: new Date(T0 + 60_000).toISOString() }, T0 + 1200_000);
    expect(list.map((item) => item.status)).toEqual(['done', 'done', 'overdue', 'late']);
    // The query before the fault does not count; the one after it does, before the ack.
    expect(list[1]!.evidence?.seq).toBe(4);
    expect(list[1]!.outOfOrderBefore).toBe('acknowledge');
    expect(list[1]!.secondsFromDetection).toBe(60);
    expect(list[3]!.evidenceText).toBe('action pool-kill-queries payments');
    expect(list[2]!.expected).toBe('a log search (service payments, level error)');
  });

  it('is pending before detection', () => {
    expect(deriveChecklist(steps, [], { t1: null }, T0).every((item) => item.status === 'pending')).toBe(true);
  });
});

describe('classifyActions', () => {
  it('names fixes, mitigations and harmful moves', () => {
    const remediations = {
      fixes: [{ action: 'pool-kill-queries', service: 'payments' }],
      mitigations: [{ action: 'set-config', service: 'payments', params: { key: 'pool.max', value: { gte: 20 } } }],
      harmful: [{ action: 'restart', service: 'checkout', reason: 'checkout is the victim' }],
    };
    const events = [
      event('action.taken', 1, { action: 'restart', service: 'checkout', params: {}, ok: true }),
      event('action.taken', 2, { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 30 }, ok: true }),
      event('action.taken', 3, { action: 'pool-kill-queries', service: 'payments', params: {}, ok: false }),
      event('action.taken', 4, { action: 'pool-kill-queries', service: 'payments', params: {}, ok: true }),
    ];
    expect(classifyActions(remediations, events).map((match) => [match.verdict, match.reason])).toEqual([
      ['harmful', 'checkout is the victim'],
      ['mitigation', undefined],
      ['fix', undefined],
    ]);
  });
});

describe('diagnosisMatches', () => {
  it('accepts the id or an accepted phrasing, whatever the case and spacing', () => {
    const rootCause = { id: 'runaway-queries-hold-pool', accepted: ['Pool exhausted'] };
    expect(diagnosisMatches(rootCause, { text: 'the payments POOL   exhausted by reports' })).toBe(true);
    expect(diagnosisMatches(rootCause, { text: 'x', rootCauseId: 'runaway-queries-hold-pool' })).toBe(true);
    expect(diagnosisMatches(rootCause, { text: 'checkout is slow' })).toBe(false);
  });
});
