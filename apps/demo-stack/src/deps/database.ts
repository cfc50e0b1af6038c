import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import { SpanKind, type Tracer } from '../telemetry/tracing.js';
import { ConnectionPool, type PoolOptions, type PoolStats } from './connection-pool.js';

/** A query cancelled by an administrator (pg_cancel_backend); its connection went back to the pool. */
export class QueryKilledError extends Error {
  constructor(readonly operation: string) {
    super(`query ${operation} was cancelled by an administrator`);
    this.name = 'QueryKilledError';
  }
}

/** What a service asks of its database; a real PostgreSQL adapter can stand behind it. */
export interface Database {
  /** Runs a named query, holding a pool connection for its whole duration. */
  query(operation: string, options?: { signal?: AbortSignal; extraMs?: number }): Promise<void>;
  pool(): ConnectionPool;
  poolStats(): PoolStats;
  /** Aborts every query running longer than `olderThanMs`; returns how many were killed. */
  killLongQueries(olderThanMs: number): number;
}

export interface SimulatedDatabaseOptions {
  pool: PoolOptions;
  /** Query time per operation with the server otherwise idle. */
  baseQueryMs: Record<string, number>;
  /** Queries the simulated server runs in parallel before each one slows down. */
  serverCores: number;
  /** Extra time added to every query (a chaos-agent hook: latency on the `db` dependency). */
  extraLatencyMs: () => number;
}

interface RunningQuery {
  readonly startedAt: number;
  readonly controller: AbortController;
}

/**
 * An embedded stand-in for a database server: queries take longer as more of them run at once
 * (service time × running/cores, like a saturated server), behind a real connection pool.
 */
export class SimulatedDatabase implements Database {
  private readonly connectionPool: ConnectionPool;
  private readonly running = new Set<RunningQuery>();

  constructor(
    private readonly options: SimulatedDatabaseOptions,
    private readonly metrics: ServiceMetrics,
    private readonly tracer: Tracer,
  ) {
    this.connectionPool = new ConnectionPool(options.pool);
    metrics.initialiseDatabase(Object.keys(options.baseQueryMs));
    metrics.onCollect(() => this.publishPoolGauges());
  }

  pool(): ConnectionPool {
    return this.connectionPool;
  }

  poolStats(): PoolStats {
    return this.connectionPool.stats();
  }

  async query(operation: string, options: { signal?: AbortSignal; extraMs?: number } = {}): Promise<void> {
    const span = this.tracer.startSpan(`db ${operation}`, SpanKind.client);
    span.setAttribute('db.system', 'firedrill-sim').setAttribute('db.operation', operation);
    const service = this.metrics.service;
    const waitStarted = performance.now();
    try {
      const connection = await this.connectionPool.acquire().finally(() => {
        this.metrics.poolWait.observe({ service }, (performance.now() - waitStarted) / 1000);
      });
      const running: RunningQuery = { startedAt: Date.now(), controller: new AbortController() };
      const signal = options.signal ? AbortSignal.any([options.signal, running.controller.signal]) : running.controller.signal;
      this.running.add(running);
      this.metrics.dbQueries.inc({ service, operation });
      const queryStarted = performance.now();
      try {
        const base = this.options.baseQueryMs[operation] ?? 5;
        const load = Math.max(1, this.running.size / this.options.serverCores);
        await sleep(base * load + this.options.extraLatencyMs() + (options.extraMs ?? 0), undefined, { signal });
      } catch (error) {
        if (running.controller.signal.aborted) throw new QueryKilledError(operation);
        throw error;
      } finally {
        this.running.delete(running);
        connection.release();
        this.metrics.dbQueryDuration.observe({ service, operation }, (performance.now() - queryStarted) / 1000);
      }
    } catch (error) {
      span.markError();
      if (error instanceof Error && error.name === 'PoolTimeoutError') this.metrics.poolTimeouts.inc({ service });
      throw error;
    } finally {
      span.end();
    }
  }

  killLongQueries(olderThanMs: number): number {
    const cutoff = Date.now() - olderThanMs;
    let killed = 0;
    for (const query of this.running) {
      if (query.startedAt <= cutoff) {
        query.controller.abort(new Error('query killed by administrator'));
        killed++;
      }
    }
    return killed;
  }

  private publishPoolGauges(): void {
    const stats = this.connectionPool.stats();
    const service = this.metrics.service;
    this.metrics.poolConnections.set({ service, state: 'active' }, stats.active);
    this.metrics.poolConnections.set({ service, state: 'idle' }, stats.idle);
    this.metrics.poolConnections.set({ service, state: 'max' }, stats.max);
  }
}
