import { describe, expect, it } from 'vitest';
import { AppError } from '../common/errors.js';
import { RealComponentLeases } from '../stacks/real-components.js';

const profile = (speed: number) => ({ speed, alertSource: 'prometheus' as const, dependencies: { cache: 'memory' as const, database: 'simulated' as const } });

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('the real Prometheus lease (alertSource: prometheus)', () => {
  it('takes stacks at the speed its rules were exported for, and refuses others with a 400 on speed', () => {
    const leases = new RealComponentLeases({ prometheusUrl: 'http://127.0.0.1:9090' });
    expect(leases.acquire('stk-1', profile(1))).toEqual({});
    leases.release('stk-1');
    const wrong = refusal(() => leases.acquire('stk-2', profile(60)));
    expect(wrong.code).toBe('invalid_request');
    expect(wrong.message).toMatch(/speed: alertSource prometheus needs speed 1.*FIREDRILL_PROMETHEUS_TIME_SCALE/);

    const scaled = new RealComponentLeases({ prometheusUrl: 'http://127.0.0.1:9090', prometheusTimeScale: 60 });
    expect(scaled.acquire('stk-3', profile(60))).toEqual({});
    expect(refusal(() => scaled.acquire('stk-4', profile(1))).message).toMatch(/needs speed 60/);
  });

  it('serves one stack at a time (its rules aggregate by service), free again on release', () => {
    const leases = new RealComponentLeases({ prometheusUrl: 'http://127.0.0.1:9090' });
    leases.acquire('stk-1', profile(1));
    const busy = refusal(() => leases.acquire('stk-2', profile(1)));
    expect(busy.code).toBe('conflict');
    expect(busy.message).toContain('in use by stack stk-1');
    leases.release('stk-1');
    expect(leases.acquire('stk-2', profile(1))).toEqual({});
  });
});
