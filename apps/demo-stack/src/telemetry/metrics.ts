import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RouteSpec } from '@firedrill/scenarios';

export const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Statuses created at start for every route so that ratios are right from the first scrape. */
const INITIAL_STATUSES = ['200', '201', '404', '500', '502', '503', '504'];

/** The service's Prometheus metrics; every known series exists from start-up with value 0. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'service' | 'route' | 'method' | 'status'>;
  readonly httpDuration: Histogram<'service' | 'route' | 'method'>;
  readonly poolConnections: Gauge<'service' | 'state'>;
  readonly poolWait: Histogram<'service'>;
  readonly poolTimeouts: Counter<'service'>;
  readonly dbQueries: Counter<'service' | 'operation'>;
  readonly dbQueryDuration: Histogram<'service' | 'operation'>;
  readonly cacheRequests: Counter<'service' | 'result'>;
  readonly cacheEntries: Gauge<'service'>;
  readonly cacheEvictions: Counter<'service'>;
  readonly cacheWriteFailures: Counter<'service' | 'reason'>;
  readonly faultsActive: Gauge<'service' | 'kind'>;
  private readonly collectors: Array<() => void> = [];

  constructor(readonly service: string) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served, by route template and status code.',
      labelNames: ['service', 'route', 'method', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to serve an HTTP request, from arrival to the last byte written.',
      labelNames: ['service', 'route', 'method'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.poolConnections = new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state (active, idle, max).',
      labelNames: ['service', 'state'],
      registers,
    });
    this.poolWait = new Histogram({
      name: 'db_pool_wait_seconds',
      help: 'Time spent waiting to acquire a database connection.',
      labelNames: ['service'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.poolTimeouts = new Counter({
      name: 'db_pool_acquire_timeouts_total',
      help: 'Connection acquisitions that gave up after the acquire timeout.',
      labelNames: ['service'],
      registers,
    });
    this.dbQueries = new Counter({
      name: 'db_queries_total',
      help: 'Database queries started, by operation.',
      labelNames: ['service', 'operation'],
      registers,
    });
    this.dbQueryDuration = new Histogram({
      name: 'db_query_duration_seconds',
      help: 'Database query time on a held connection.',
      labelNames: ['service', 'operation'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.cacheRequests = new Counter({
      name: 'cache_requests_total',
      help: 'Cache lookups by result (hit or miss).',
      labelNames: ['service', 'result'],
      registers,
    });
    this.cacheEntries = new Gauge({
      name: 'cache_entries',
      help: 'Live (unexpired) entries in the cache.',
      labelNames: ['service'],
      registers,
    });
    this.cacheEvictions = new Counter({
      name: 'cache_evictions_total',
      help: 'Keys evicted because the cache was full (not expiries).',
      labelNames: ['service'],
      registers,
    });
    this.cacheWriteFailures = new Counter({
      name: 'cache_write_failures_total',
      help: 'Cache writes the cache server refused, by reason (oom: out of memory with no eviction; error: anything else).',
      labelNames: ['service', 'reason'],
      registers,
    });
    this.faultsActive = new Gauge({
      name: 'firedrill_faults_active',
      help: 'Faults the chaos agent currently applies to this replica, by kind.',
      labelNames: ['service', 'kind'],
      registers,
    });
  }

  /** Runs `refresh` before every scrape, for gauges read from live state (pool, cache size). */
  onCollect(refresh: () => void): void {
    this.collectors.push(refresh);
  }

  /** The exposition text of every metric, with collect-time gauges refreshed first. */
  async exposition(): Promise<string> {
    for (const refresh of this.collectors) refresh();
    return this.registry.metrics();
  }

  initialiseRoutes(routes: readonly RouteSpec[]): void {
    for (const { route, method } of routes) {
      for (const status of INITIAL_STATUSES) this.httpRequests.inc({ service: this.service, route, method, status }, 0);
      this.httpDuration.zero({ service: this.service, route, method });
    }
  }

  initialiseDatabase(operations: readonly string[]): void {
    this.poolWait.zero({ service: this.service });
    this.poolTimeouts.inc({ service: this.service }, 0);
    for (const operation of operations) {
      this.dbQueries.inc({ service: this.service, operation }, 0);
      this.dbQueryDuration.zero({ service: this.service, operation });
    }
  }

  initialiseCache(): void {
    for (const result of ['hit', 'miss']) this.cacheRequests.inc({ service: this.service, result }, 0);
    this.cacheEntries.set({ service: this.service }, 0);
    this.cacheEvictions.inc({ service: this.service }, 0);
    for (const reason of ['oom', 'error']) this.cacheWriteFailures.inc({ service: this.service, reason }, 0);
  }

  initialiseFaults(kinds: readonly string[]): void {
    for (const kind of kinds) this.faultsActive.set({ service: this.service, kind }, 0);
  }
}
