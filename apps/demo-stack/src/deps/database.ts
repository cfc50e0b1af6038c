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

export type Row = Record<string, unknown>;

export interface QueryOptions {
  signal?: AbortSignal;
  /** Extra time the query runs (a runaway report job), on top of its own work. */
  extraMs?: number;
  /** The operation's arguments by name (e.g. `{id}` for get_product); the simulation ignores them. */
  args?: Record<string, unknown>;
}

/**
 * What faults and responders may do to a database pool, whatever stands behind it: the embedded
 * ConnectionPool, or a real pg.Pool (which is replaced by a new one on resize).
 */
export interface PoolControl {
  readonly maxConnections: number;
  readonly acquireTimeoutMs: number;
  resize(max: number): void;
  setAcquireTimeout(acquireTimeoutMs: number): void;
  /** While set, released connections are kept (leaked) instead of returned to the pool. */
  leaking: boolean;
  /** Gives back every leaked connection; answers how many. */
  reclaimLeaked(): number;
}

/** The index the catalog's lookups use; only a real PostgreSQL has one to drop (the `index-drop` fault). */
export interface IndexControl {
  readonly name: string;
  /** Both idempotent; they answer whether they changed anything. */
  drop(): Promise<boolean>;
  restore(): Promise<boolean>;
  exists(): Promise<boolean>;
}

/** What a service asks of its database: the simulation below, or PostgreSQL (postgres-database.ts). */
export interface Database {
  /** Runs a named query, holding a pool connection for its whole duration; answers its rows (none when simulated). */
  query(operation: string, options?: QueryOptions): Promise<Row[]>;
  pool(): PoolControl;
  poolStats(): PoolStats;
  /** Aborts every query running longer than `olderThanMs`; returns how many were killed. */
  killLongQueries(olderThanMs: number): Promise<number>;
  /** Present when the database has a real lookup index. */
  readonly lookupIndex?: IndexControl;
  /** Releases connections and timers (replica shutdown). */
  close(): Promise<void>;
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

  async query(operation: string, options: QueryOptions = {}): Promise<Row[]> {
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
        return [];
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

  async close(): Promise<void> {}

  async killLongQueries(olderThanMs: number): Promise<number> {
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
