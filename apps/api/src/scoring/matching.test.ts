import { describe, expect, it } from 'vitest';
import { describeAction, evidenceMatches, matchesAction } from './matching.js';
import { ALERTING, responder, timeline } from './testing/timeline-fixture.js';

const setPool = (value: unknown) => ({ action: 'set-config', service: 'payments', params: { key: 'pool.max', value } });

describe('matchesAction', () => {
  it('checks action, service and comparisons', () => {
    const matcher = { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: { gte: 20, lt: 100 } } };
    expect(matchesAction(matcher, setPool(20))).toBe(true);
    expect(matchesAction(matcher, setPool('30'))).toBe(true);
    expect(matchesAction(matcher, setPool(19))).toBe(false);
    expect(matchesAction(matcher, setPool(100))).toBe(false);
    expect(matchesAction(matcher, setPool('lots'))).toBe(false);
    expect(matchesAction(matcher, { ...setPool(30), service: 'api' })).toBe(false);
    expect(matchesAction({ ...matcher, action: 'scale' }, setPool(30))).toBe(false);
  });

  it('reads a set-config key by name, dotted paths, and exact and `in` values', () => {
    expect(matchesAction({ action: 'set-config', params: { 'pool.max': { gt: 5, lte: 50 } } }, setPool(30))).toBe(true);
    expect(matchesAction({ action: 'set-config', params: { 'pool.max': { gt: 30 } } }, setPool(30))).toBe(false);
    expect(matchesAction({ action: 'set-config', params: { 'cache.ttlMs': { gt: 0 } } }, setPool(30))).toBe(false);
    expect(matchesAction({ action: 'tune', params: { 'limits.cpu': 2 } }, { action: 'tune', params: { limits: { cpu: 2 } } })).toBe(true);
    expect(matchesAction({ action: 'set-config', params: { key: 'cache.coalesce', value: true } }, { action: 'set-config', params: { key: 'cache.coalesce', value: 'true' } })).toBe(true);
    expect(matchesAction({ action: 'scale', params: { replicas: { in: [3, 4] } } }, { action: 'scale', service: 'api', params: { replicas: 4 } })).toBe(true);
    expect(matchesAction({ action: 'scale', params: { replicas: { in: [3, 4] } } }, { action: 'scale', service: 'api', params: { replicas: 5 } })).toBe(false);
    expect(matchesAction({ action: 'scale', params: { replicas: 3 } }, { action: 'scale', params: {} })).toBe(false);
  });

  it('takes the service from params when the event has none at top level', () => {
    expect(matchesAction({ action: 'restart', service: 'api' }, { action: 'restart', params: { service: 'api' } })).toBe(true);
  });
});

describe('evidenceMatches', () => {
  const events = timeline()
    .at(0, 'alert.firing', { alert: 'X', labels: {} }, ALERTING)
    .at(1, 'query.run', { promql: 'up', range: false, metrics: ['db_pool_wait_seconds'], ok: false, error: 'parse' }, responder())
    .at(2, 'query.run', { promql: 'db', range: false, metrics: ['up', 'db_pool_wait_seconds'], ok: true }, responder())
    .at(3, 'logs.searched', { service: 'payments', level: 'ERROR', text: 'Pool acquire timeout', results: 2 }, responder())
    .at(4, 'trace.viewed', { traceId: 't1', services: ['gateway', 'payments'] }, responder())
    .at(5, 'page.acknowledged', {}, { role: 'system', name: 'engine' })
    .build();
  const matching = (evidence: Parameters<typeof evidenceMatches>[0]) => events.filter((event) => evidenceMatches(evidence, event)).map((event) => event.seq);

  it('matches successful queries touching any listed metric', () => {
    expect(matching({ query: { metrics: ['db_pool_wait_seconds', 'other'] } })).toEqual([3]);
  });
  it('matches log searches by service, level (any case) and contained text', () => {
    expect(matching({ logSearch: { service: 'payments', level: 'error', text: 'acquire   timeout' } })).toEqual([4]);
    expect(matching({ logSearch: { service: 'api' } })).toEqual([]);
  });
  it('matches trace views through a service', () => {
    expect(matching({ traceView: { service: 'payments' } })).toEqual([5]);
    expect(matching({ traceView: {} })).toEqual([5]);
  });
  it('never counts the system as a responder', () => {
    expect(matching({ ack: true })).toEqual([]);
  });
});

describe('describeAction', () => {
  it('reads like a command', () => {
    expect(describeAction(setPool(30))).toBe('set-config payments pool.max=30');
    expect(describeAction({ action: 'scale', service: 'api', params: { replicas: 4 } })).toBe('scale api replicas=4');
    expect(describeAction({ action: 'rollback', params: { service: 'api' } })).toBe('rollback api');
  });
});
