import { describe, expect, it } from 'vitest';
import { buildActionRequest, configKeysFor, riskOf, type ActionForm } from './actions.js';

const form = (changes: Partial<ActionForm>): ActionForm => ({ action: 'restart', service: 'payments', replicas: '2', configKey: 'pool.max', configValue: '20', ...changes });

describe('responder action forms', () => {
  it('builds the typed request the API takes', () => {
    expect(buildActionRequest(form({ action: 'scale', replicas: '4' }))).toEqual({ request: { action: 'scale', service: 'payments', params: { replicas: 4 } } });
    expect(buildActionRequest(form({ action: 'set-config', configValue: '25' }))).toEqual({ request: { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 25 } } });
    expect(buildActionRequest(form({ action: 'set-config', service: 'catalog', configKey: 'cache.coalesce', configValue: 'false' }))).toEqual({
      request: { action: 'set-config', service: 'catalog', params: { key: 'cache.coalesce', value: false } },
    });
    expect(buildActionRequest(form({ action: 'pool-kill-queries' }))).toEqual({ request: { action: 'pool-kill-queries', service: 'payments', params: {} } });
  });

  it('names the problem instead of sending what the API would refuse', () => {
    expect(buildActionRequest(form({ action: 'scale', replicas: '9' }))).toEqual({ problem: 'replicas must be a whole number from 1 to 8' });
    expect(buildActionRequest(form({ action: 'set-config', configValue: '0' }))).toEqual({ problem: 'pool.max must be a whole number from 1 to 1000' });
    expect(buildActionRequest(form({ action: 'set-config', service: 'gateway' }))).toEqual({ problem: 'gateway has no setting pool.max' });
    expect(buildActionRequest(form({ action: 'cache-flush', service: 'payments' }))).toMatchObject({ problem: expect.stringContaining('only catalog') });
  });

  it('offers each service only the settings it has', () => {
    expect(configKeysFor('gateway')).toEqual([]);
    expect(configKeysFor('payments').map((key) => key.key)).toEqual(['pool.max', 'pool.acquireTimeoutMs']);
    expect(configKeysFor('catalog')).toHaveLength(6);
  });

  it('asks before restarts, rollbacks, flushes and scaling down', () => {
    const request = (changes: Partial<ActionForm>) => (buildActionRequest(form(changes)) as { request: never }).request;
    expect(riskOf(request({ action: 'restart' }), 2)).toMatch(/Restart every replica of payments/);
    expect(riskOf(request({ action: 'rollback' }), 2)).toMatch(/Roll back payments/);
    expect(riskOf(request({ action: 'cache-flush', service: 'catalog' }), 2)).toMatch(/Flush the catalog cache/);
    expect(riskOf(request({ action: 'scale', replicas: '1' }), 2)).toMatch(/down from 2 to 1 replica\?/);
    expect(riskOf(request({ action: 'scale', replicas: '3' }), 2)).toBeNull();
    expect(riskOf(request({ action: 'scale', replicas: '3' }), null)).not.toBeNull();
    expect(riskOf(request({ action: 'pool-kill-queries' }), 2)).toBeNull();
  });
});
