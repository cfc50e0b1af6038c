import { findService } from '@firedrill/scenarios';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Logger } from '../telemetry/logger.js';
import { ServiceMetrics } from '../telemetry/metrics.js';
import { Tracer } from '../telemetry/tracing.js';
import { AgentError, ChaosAgent } from './chaos-agent.js';
import { FaultHooks } from './fault-hooks.js';

function agentFor(serviceName: string) {
  const hooks = new FaultHooks();
  const metrics = new ServiceMetrics(serviceName);
  const runtime = { service: findService(serviceName)!, logger: new Logger(serviceName, `${serviceName}-0`, new Tracer(), () => undefined), hooks };
  return { agent: new ChaosAgent(runtime, metrics), hooks, metrics };
}

const latency = { kind: 'latency' as const, params: { delayMs: 100, jitterMs: 0, percent: 100 } };

describe('ChaosAgent leases', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reverts a fault by itself when its lease is not renewed', async () => {
    const { agent, hooks } = agentFor('catalog');
    await agent.apply('f1', latency, 1000);
    expect(hooks.requestDelayMs('/products')).toBe(100);
    await vi.advanceTimersByTimeAsync(999);
    expect(agent.list()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(agent.list()).toEqual([]);
    expect(hooks.requestDelayMs('/products')).toBe(0);
  });

  it('a renewal (the same fault applied again) extends the lease without applying twice', async () => {
    const { agent, hooks } = agentFor('catalog');
    await agent.apply('f1', latency, 1000);
    await vi.advanceTimersByTimeAsync(800);
    const renewal = await agent.apply('f1', latency, 1000);
    expect(renewal.renewed).toBe(true);
    expect(hooks.requestDelayMs('/products')).toBe(100);
    await vi.advanceTimersByTimeAsync(800);
    expect(agent.list()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(agent.list()).toEqual([]);
  });

  it('refuses the same id with different parameters, and faults the service cannot take', async () => {
    const { agent } = agentFor('payments');
    await agent.apply('f1', latency, 1000);
    await expect(agent.apply('f1', { ...latency, params: { ...latency.params, delayMs: 5 } }, 1000)).rejects.toMatchObject({ status: 409 });
    await expect(agent.apply('f2', { kind: 'cache-stampede', params: { periodMs: 1000 } }, 1000)).rejects.toBeInstanceOf(AgentError);
    await expect(agent.apply('f3', { ...latency, dependency: 'cache' }, 1000)).rejects.toThrow(/no dependency "cache"/);
  });

  it('revert is idempotent and revertAll clears everything', async () => {
    const { agent, hooks, metrics } = agentFor('catalog');
    await agent.apply('f1', latency, 60_000);
    await agent.apply('f2', { kind: 'error', params: { status: 500, percent: 100 } }, 60_000);
    await agent.apply('f3', { kind: 'scrape-block', params: { mode: 'reset' } }, 60_000);
    expect(hooks.requestErrorStatus('/products')).toBe(500);
    expect(hooks.metricsBlock()).toBe('reset');
    expect(await agent.revert('f1')).toBe(true);
    expect(await agent.revert('f1')).toBe(false);
    expect(await agent.revertAll()).toBe(2);
    expect(hooks.requestErrorStatus('/products')).toBeUndefined();
    expect(hooks.metricsBlock()).toBeUndefined();
    expect(await metrics.exposition()).toContain('firedrill_faults_active{service="catalog",kind="error"} 0');
  });
});
