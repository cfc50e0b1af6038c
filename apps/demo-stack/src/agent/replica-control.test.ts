import { describe, expect, it, vi } from 'vitest';
import { SimulatedDatabase } from '../deps/database.js';
import { Logger } from '../telemetry/logger.js';
import { ServiceMetrics } from '../telemetry/metrics.js';
import { Tracer } from '../telemetry/tracing.js';
import { FaultHooks } from './fault-hooks.js';
import { poolExhaustionEffect } from './effects/pool-exhaustion.js';
import { LONG_QUERY_MS } from './protocol.js';
import { replicaControl } from './replica-control.js';
import { findService } from '@firedrill/scenarios';

function payments() {
  const metrics = new ServiceMetrics('payments');
  const tracer = new Tracer();
  const logger = new Logger('payments', 'payments-0', tracer, () => undefined);
  const database = new SimulatedDatabase({ pool: { max: 4, acquireTimeoutMs: 100 }, baseQueryMs: { charge: 1 }, serverCores: 4, extraLatencyMs: () => 0 }, metrics, tracer);
  const runtime = { service: findService('payments')!, logger, hooks: new FaultHooks(), database };
  return { database, runtime, control: replicaControl({ service: 'payments', logger, database, upstreams: {} }) };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('replica control', () => {
  it('pool-kill-queries cancels the runaway job of a slow-queries fault, so the pool frees up for good', async () => {
    const { database, runtime, control } = payments();
    const revert = await poolExhaustionEffect.apply(runtime, { kind: 'pool-exhaustion', params: { mode: 'slow-queries', queryMs: 60_000 } });
    await until(() => database.poolStats().active === 4);
    await new Promise((resolve) => setImmediate(resolve)); // the queries start on their connections
    // The queries must have run LONG_QUERY_MS: move the wall clock on instead of waiting.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + LONG_QUERY_MS);
    const result = await control.operate('pool-kill-queries');
    vi.useRealTimers();
    expect(result.count).toBe(4);
    await until(() => database.poolStats().active === 0);
    expect(database.poolStats().active).toBe(0);
    expect(await database.killLongQueries(0)).toBe(0); // the job is gone, not restarting its queries
    await revert();
  });

  it('refuses settings and operations for parts the replica does not have', async () => {
    const { control } = payments();
    expect(() => control.updateConfig({ cache: { warm: true } })).toThrow(/no cache/);
    await expect(control.operate('cache-flush')).rejects.toThrow(/no cache/);
    await expect(control.setUpstreams({ catalog: ['http://127.0.0.1:1'] })).rejects.toThrow(/does not call catalog/);
    expect(control.updateConfig({ pool: { max: 9 } })).toEqual({ cache: undefined, pool: { max: 9, acquireTimeoutMs: 100 } });
  });
});
