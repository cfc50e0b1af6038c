import { QueryKilledError } from '../../deps/database.js';
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

/**
 * A runaway report job: `count` workers each run a report query with no index, which sits on its
 * connection for queryMs, again and again. When an administrator kills one of its queries
 * (pool-kill-queries) the job fails and all its workers stop, so the kill really frees the pool.
 */
function startRunawayQueries(runtime: Parameters<FaultEffect<PoolFault>['apply']>[0], count: number, queryMs: number) {
  const database = runtime.database!;
  const stop = new AbortController();
  const loop = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      try {
        await database.query('report_scan', { signal: stop.signal, extraMs: queryMs });
      } catch (error) {
        if (stop.signal.aborted) return;
        if (error instanceof QueryKilledError) {
          runtime.logger.warn('runaway report job failed: its query was cancelled', { operation: 'report_scan' });
          stop.abort(error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  };
  for (let i = 0; i < count; i++) void loop();
  return () => stop.abort(new Error('runaway queries stopped'));
}
