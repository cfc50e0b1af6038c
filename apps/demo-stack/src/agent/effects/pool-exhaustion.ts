import type { AgentFault } from '../protocol.js';
import type { FaultEffect } from '../runtime.js';

type PoolFault = Extract<AgentFault, { kind: 'pool-exhaustion' }>;

/**
 * Starves the database pool: runaway slow queries hold connections, or every released
 * connection leaks, or the pool is shrunk. Requests then queue and time out.
 */
export const poolExhaustionEffect: FaultEffect<PoolFault> = {
  unsupported(runtime) {
    return runtime.database ? undefined : `${runtime.service.name} has no database`;
  },
  apply(runtime, spec) {
    const database = runtime.database!;
    const pool = database.pool();
    const { mode } = spec.params;
    if (mode === 'shrink') {
      const original = pool.maxConnections;
      pool.resize(spec.params.size);
      return () => pool.resize(original);
    }
    if (mode === 'leak') {
      pool.leaking = true;
      return () => {
        pool.leaking = false;
        pool.reclaimLeaked();
      };
    }
    return startRunawayQueries(runtime, spec.params.connections ?? pool.maxConnections, spec.params.queryMs);
  },
};

function startRunawayQueries(runtime: Parameters<FaultEffect<PoolFault>['apply']>[0], count: number, queryMs: number) {
  const database = runtime.database!;
  const stop = new AbortController();
  const loop = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      try {
        // A report query with no index: it sits on its connection for queryMs.
        await database.query('report_scan', { signal: stop.signal, extraMs: queryMs });
      } catch {
        if (stop.signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  };
  for (let i = 0; i < count; i++) void loop();
  return () => stop.abort(new Error('runaway queries stopped'));
}
