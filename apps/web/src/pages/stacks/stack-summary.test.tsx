import { describe, expect, it } from 'vitest';
import type { StackView } from '../../api/types.js';
import { summariseStack } from './stack-summary.js';

const stack = (overrides: Partial<StackView> = {}): StackView => ({
  id: 'stk-1',
  createdAt: '2026-01-01T00:00:00Z',
  gatewayUrl: 'http://127.0.0.1:1',
  services: [
    {
      name: 'payments',
      replicas: [
        { id: 'payments-0', port: 1, pid: 1, restarts: 2, state: 'running', healthy: true },
        { id: 'payments-1', port: 2, pid: null, restarts: 3, state: 'backoff', healthy: false },
      ],
    },
  ],
  faults: [{ id: 'f', kind: 'latency', target: { service: 'catalog', dependency: 'db' }, state: 'active', createdAt: '', endsAt: null }],
  load: { targetRps: 10, sent: 100, ok: 90, serverErrors: 8, networkErrors: 2, latencyMs: { p50: 3, p95: 120 } },
  ...overrides,
});

describe('summariseStack', () => {
  it('counts healthy replicas, restarts, failures and active faults', () => {
    const summary = summariseStack(stack());
    expect(summary.replicas).toBe('1/2 healthy');
    expect(summary.restarts).toBe(5);
    expect(summary.unhealthy).toEqual(['payments-1 (backoff)']);
    expect(summary.errorRate).toBe('10.0%');
    expect(summary.p95).toBe('120 ms');
    expect(summary.activeFaults).toEqual(['latency → catalog/db']);
  });

  it('shows dashes before any traffic', () => {
    const summary = summariseStack(stack({ load: { targetRps: 0, sent: 0, ok: 0, serverErrors: 0, networkErrors: 0, latencyMs: { p50: null, p95: null } } }));
    expect(summary.errorRate).toBe('–');
    expect(summary.p95).toBe('–');
  });
});
