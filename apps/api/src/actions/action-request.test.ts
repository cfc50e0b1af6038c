import { describe, expect, it } from 'vitest';
import { AppError } from '../common/errors.js';
import { parseActionRequest } from './action-request.js';

const problemsOf = (body: unknown) => {
  try {
    parseActionRequest(body);
  } catch (error) {
    return (error as AppError).problems;
  }
  throw new Error('parsed');
};

describe('parseActionRequest', () => {
  it('takes the service from the envelope or from params, and moves it out of params', () => {
    for (const body of [
      { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 30 } },
      { action: 'set-config', params: { service: 'payments', key: 'pool.max', value: 30 } },
    ]) {
      const request = parseActionRequest(body);
      expect(request.action.name).toBe('set-config');
      expect(request.service).toBe('payments');
      expect(request.params).toEqual({ key: 'pool.max', value: 30 });
      expect(request.parsed).toEqual({ service: 'payments', key: 'pool.max', value: 30 });
    }
  });

  it('answers 400 naming the field: unknown action (listing the allowed ones), envelope, service, params', () => {
    expect(problemsOf({ action: 'shell', params: { cmd: 'ls' } })).toEqual([
      { field: 'action', message: '"shell" is not an allowed action; allowed: scale, restart, rollback, set-config, cache-flush, cache-warm, pool-kill-queries, cache-eviction-policy, restore-index' },
    ]);
    expect(problemsOf({ action: 'scale', service: 'catalog', params: { replicas: 2 }, sudo: true })[0]!.field).toBe('sudo');
    expect(problemsOf({ action: 'scale', service: 'search', params: { replicas: 2 } })[0]!.field).toBe('service');
    expect(problemsOf({ action: 'scale', service: 'catalog', params: { service: 'payments', replicas: 2 } })[0]!.field).toBe('service');
    expect(problemsOf({ action: 'scale', service: 'catalog', params: { replicas: 20 } })[0]!.field).toBe('params.replicas');
    expect(problemsOf({ action: 'restart', params: {} })[0]!.field).toBe('params.service');
    expect(problemsOf(undefined)[0]!.field).toBe('(body)');
  });
});
