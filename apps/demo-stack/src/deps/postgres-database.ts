import pg from 'pg';
import type { Logger } from '../telemetry/logger.js';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import { SpanKind, type Tracer } from '../telemetry/tracing.js';
import { PoolTimeoutError, type PoolOptions, type PoolStats } from './connection-pool.js';
import { QueryKilledError, type Database, type IndexControl, type PoolControl, type QueryOptions, type Row } from './database.js';
import {
  CANCEL_LONG_QUERIES,
  LOOKUP_INDEX,
  createIndexStatement,
  dropIndexStatement,
  dropSchemaStatement,
  quoteIdent,
  seedStatements,
  sleepStatement,
  statementFor,
} from './postgres-queries.js';

export interface PostgresDatabaseOptions {
  url: string;
  schema: string;
  /** application_name of the pool's connections: how killLongQueries finds this replica's backends. */
  applicationName: string;
  pool: PoolOptions;
  /** The operations the service runs (their metric series start at zero). */
  operations: readonly string[];
  /** The chaos agent's `db` latency hook: run as pg_sleep on the query's own connection. */
  extraLatencyMs: () => number;
  /** Rows seeded into products (tests may use fewer). */
  seedProducts?: number;
}

/** SQLSTATE 57014: the statement was cancelled (pg_cancel_backend). */
const QUERY_CANCELED = '57014';
const END_TIMEOUT_MS = 3000;

/** The advisory lock that serialises schema changes among the replicas of one stack. */
const schemaLock = (schema: string): string => `pg_advisory_xact_lock(hashtext('firedrill:${schema}'))`;

/**
 * The service's database on a real PostgreSQL, behind a real pg.Pool, in the stack's own schema.
 * It publishes the same metrics and spans as the simulation, so dashboards, rules and scenarios
 * work unchanged; faults act on real connections and real queries.
 */
export class PostgresDatabase implements Database {
  private current: pg.Pool;
  private readonly draining = new Set<pg.Pool>();
  private readonly leaked = new Set<pg.PoolClient>();
  private admin?: Promise<pg.Client>;
  private leakingNow = false;
  private acquireTimeout: number;
  readonly lookupIndex: IndexControl;

  private constructor(
    private readonly options: PostgresDatabaseOptions,
    private readonly metrics: ServiceMetrics,
    private readonly tracer: Tracer,
    private readonly logger?: Logger,
  ) {
    this.acquireTimeout = options.pool.acquireTimeoutMs;
    this.current = this.newPool(options.pool.max);
    metrics.initialiseDatabase(options.operations);
    metrics.onCollect(() => this.publishPoolGauges());
    this.lookupIndex = {
      name: LOOKUP_INDEX,
      drop: () => this.changeIndex(dropIndexStatement(options.schema)),
      restore: () => this.changeIndex(createIndexStatement(options.schema)),
      exists: () => this.indexExists(),
    };
  }

  /** Connects, creates and seeds the schema when it is missing, and answers the database. */
  static async open(options: PostgresDatabaseOptions, metrics: ServiceMetrics, tracer: Tracer, logger?: Logger): Promise<PostgresDatabase> {
    const database = new PostgresDatabase(options, metrics, tracer, logger);
    try {
      await database.seed();
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  }

  pool(): PoolControl {
    const database = this;
    return {
      get maxConnections() {
        return database.current.options.max ?? 0;
      },
      get acquireTimeoutMs() {
        return database.acquireTimeout;
      },
      get leaking() {
        return database.leakingNow;
      },
      set leaking(value: boolean) {
        database.leakingNow = value;
      },
      resize: (max) => this.replacePool(max),
      setAcquireTimeout: (ms) => {
        this.acquireTimeout = ms;
        // pg-pool reads the option at every connect(), so waiters from now on use the new timeout.
        this.current.options.connectionTimeoutMillis = ms;
      },
      reclaimLeaked: () => this.reclaimLeaked(),
    };
  }

  poolStats(): PoolStats {
    const pool = this.current;
    return {
      max: pool.options.max ?? 0,
      active: pool.totalCount - pool.idleCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      leaked: this.leaked.size,
    };
  }

  async query(operation: string, options: QueryOptions = {}): Promise<Row[]> {
    const statement = statementFor(this.options.schema, operation, options.args);
    const span = this.tracer.startSpan(`db ${operation}`, SpanKind.client);
    span.setAttribute('db.system', 'postgresql').setAttribute('db.operation', operation).setAttribute('db.name', this.options.schema);
    const service = this.metrics.service;
    try {
      const client = await this.acquire();
      this.metrics.dbQueries.inc({ service, operation });
      const started = performance.now();
      const signal = options.signal;
      let abortedByCaller = false;
      // The caller gave up (a runaway job stopped): cancel the statement on the server, not just the wait.
      const onAbort = () => {
        abortedByCaller = true;
        void this.cancelBackend(processId(client));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      let destroy = false;
      try {
        if (signal?.aborted) throw signal.reason;
        const delayMs = this.options.extraLatencyMs() + (options.extraMs ?? 0);
        if (delayMs > 0) await client.query(sleepStatement(delayMs));
        const result = await client.query(statement);
        return result.rows as Row[];
      } catch (error) {
        // A connection whose statement the caller cancelled is not reused: a late cancel must hit nobody else.
        destroy = abortedByCaller || !(error as { code?: string }).code;
        if (abortedByCaller) throw signal?.reason ?? error;
        if ((error as { code?: string }).code === QUERY_CANCELED) throw new QueryKilledError(operation);
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        this.giveBack(client, destroy);
        this.metrics.dbQueryDuration.observe({ service, operation }, (performance.now() - started) / 1000);
      }
    } catch (error) {
      span.markError();
      throw error;
    } finally {
      span.end();
    }
  }

  async killLongQueries(olderThanMs: number): Promise<number> {
    const admin = await this.adminClient();
    const result = await admin.query<{ cancelled: number }>(CANCEL_LONG_QUERIES, [this.options.applicationName, olderThanMs]);
    return result.rows[0]?.cancelled ?? 0;
  }

  async close(): Promise<void> {
    this.leakingNow = false;
    this.reclaimLeaked();
    // Statements still running (a runaway job) would keep pool.end() waiting: cancel them first.
    await this.killLongQueries(0).catch(() => 0);
    const pools = [this.current, ...this.draining];
    await Promise.all(pools.map((pool) => withTimeout(pool.end(), END_TIMEOUT_MS)));
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((client) => withTimeout(client.end(), END_TIMEOUT_MS)).catch(() => undefined);
  }

  private async acquire(): Promise<pg.PoolClient> {
    const service = this.metrics.service;
    const waitStarted = performance.now();
    try {
      return await this.current.connect();
    } catch (error) {
      if ((error as Error).message.includes('timeout exceeded when trying to connect')) {
        this.metrics.poolTimeouts.inc({ service });
        throw new PoolTimeoutError(this.acquireTimeout);
      }
      throw error;
    } finally {
      this.metrics.poolWait.observe({ service }, (performance.now() - waitStarted) / 1000);
    }
  }

  private giveBack(client: pg.PoolClient, destroy: boolean): void {
    if (this.leakingNow && !destroy) {
      this.leaked.add(client); // held open and idle on the server, never returned: a connection leak
      return;
    }
    client.release(destroy);
  }

  private reclaimLeaked(): number {
    const count = this.leaked.size;
    for (const client of this.leaked) client.release();
    this.leaked.clear();
    return count;
  }

  /**
   * A pg.Pool cannot change its size, so a resize puts a new pool in place and drains the old
   * one: its connections close as their queries finish.
   */
  private replacePool(max: number): void {
    const old = this.current;
    this.current = this.newPool(max);
    this.draining.add(old);
    void old
      .end()
      .catch(() => undefined)
      .finally(() => this.draining.delete(old));
    this.logger?.info('database pool replaced', { max });
  }

  private newPool(max: number): pg.Pool {
    const pool = new pg.Pool({
      connectionString: this.options.url,
      max,
      connectionTimeoutMillis: this.acquireTimeout,
      idleTimeoutMillis: 30_000,
      application_name: this.options.applicationName,
    });
    // An idle connection that breaks (server restart) must not crash the replica.
    pool.on('error', (error) => this.logger?.warn('database connection failed', { error: error.message }));
    return pool;
  }

  /** A single connection apart from the pool, for schema changes and cancels that must not wait for it. */
  private adminClient(): Promise<pg.Client> {
    if (!this.admin) {
      const client = new pg.Client({ connectionString: this.options.url, application_name: `${this.options.applicationName}:admin`.slice(0, 63) });
      client.on('error', (error) => {
        this.logger?.warn('database admin connection failed', { error: error.message });
        this.admin = undefined;
      });
      this.admin = client.connect().then(() => client);
      this.admin.catch(() => (this.admin = undefined));
    }
    return this.admin;
  }

  private async cancelBackend(pid: number | undefined): Promise<void> {
    if (!pid) return;
    const admin = await this.adminClient();
    await admin.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
  }

  private async seed(): Promise<void> {
    const { schema } = this.options;
    const admin = await this.adminClient();
    const table = `${quoteIdent(schema)}.products`;
    await admin.query('BEGIN');
    try {
      await admin.query(`SELECT ${schemaLock(schema)}`);
      const exists = await admin.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table]);
      // The replicas of a stack start together; the lock lets the first one seed and the others find it done.
      const statements = seedStatements(schema, this.options.seedProducts);
      if (!exists.rows[0]?.found) for (const statement of statements) await admin.query(statement);
      await admin.query('COMMIT');
    } catch (error) {
      await admin.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Runs an index change under the stack's lock, so replicas doing it at once do not collide. */
  private async changeIndex(statement: string): Promise<boolean> {
    const before = await this.indexExists();
    const admin = await this.adminClient();
    await admin.query(`BEGIN; SELECT ${schemaLock(this.options.schema)}; ${statement}; COMMIT`);
    return before !== (await this.indexExists());
  }

  private async indexExists(): Promise<boolean> {
    const admin = await this.adminClient();
    const result = await admin.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`${quoteIdent(this.options.schema)}.${LOOKUP_INDEX}`]);
    return Boolean(result.rows[0]?.found);
  }

  private publishPoolGauges(): void {
    const stats = this.poolStats();
    const service = this.metrics.service;
    this.metrics.poolConnections.set({ service, state: 'active' }, stats.active);
    this.metrics.poolConnections.set({ service, state: 'idle' }, stats.idle);
    this.metrics.poolConnections.set({ service, state: 'max' }, stats.max);
  }
}

/** Drops a stack's schema (stack removal). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'firedrill:cleanup' });
  await client.connect();
  try {
    await client.query(dropSchemaStatement(schema));
  } finally {
    await client.end();
  }
}

const processId = (client: pg.PoolClient): number | undefined => (client as unknown as { processID?: number }).processID;

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    promise.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });
}
