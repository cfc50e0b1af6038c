// The synthetic data set of `npm run bench:promql`: 10,000 series shaped like the demo shop's
// metrics (100 instances × 100 series), with values from a seeded PRNG so every run and both
// engines see exactly the same samples.
import type { Labels } from '@firedrill/promql';

export const SCRAPE_INTERVAL_MS = 15_000;
export const DATA_SPAN_MS = 75 * 60_000;
export const STEPS = DATA_SPAN_MS / SCRAPE_INTERVAL_MS + 1;

const SERVICES = ['gateway', 'catalog', 'checkout', 'payments', 'cart', 'search', 'users', 'orders', 'inventory', 'shipping'];
const INSTANCES_PER_SERVICE = 10;
const ROUTES = [
  { route: '/api/items', method: 'GET' },
  { route: '/api/items/:id', method: 'GET' },
  { route: '/api/items', method: 'POST' },
  { route: '/api/search', method: 'GET' },
  { route: '/healthz', method: 'GET' },
];
const STATUSES = ['200', '404', '500', '502', '503'];
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const POOL_STATES = ['active', 'idle', 'pending', 'max'];
/** Instances that stop answering for the last 10 minutes: `up` 0, their other series absent. */
const DOWN_INSTANCES = new Set([7, 42]);
const DOWN_FROM_STEP = STEPS - 40;
/** An instance that restarts half-way: its counters reset to 0. */
const RESTARTING_INSTANCE = 13;
const RESTART_STEP = Math.floor(STEPS / 2);

/** mulberry32: small, fast, and the same sequence on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type SeriesKind =
  | { kind: 'requests'; route: RouteState; statusIndex: number }
  | { kind: 'bucket'; route: RouteState; bucketIndex: number }
  | { kind: 'sum' | 'count'; route: RouteState }
  | { kind: 'pool'; pool: PoolState; stateIndex: number }
  | { kind: 'up' };

interface RouteState {
  ratePerSecond: number;
  statusShares: number[];
  /** Median latency (s) of the log-normal the observations follow. */
  medianLatency: number;
  requests: number[];
  buckets: number[];
  sum: number;
  count: number;
}

interface PoolState {
  max: number;
  values: number[];
}

interface InstanceState {
  index: number;
  routes: RouteState[];
  pool: PoolState;
}

export interface SyntheticSeries {
  labels: Labels;
  instance: number;
  source: SeriesKind;
}

/** Generates the data set step by step: `advance()` moves to the next scrape and `value(i)` reads series i. */
export class SyntheticDataSet {
  readonly series: SyntheticSeries[] = [];
  private readonly instances: InstanceState[] = [];
  private readonly random = seededRandom(20260101);
  private step = -1;

  constructor(readonly startMs: number) {
    let index = 0;
    for (const service of SERVICES) {
      for (let n = 0; n < INSTANCES_PER_SERVICE; n++) this.addInstance(service, `${service}-${n}:8080`, index++);
    }
  }

  get timestamp(): number {
    return this.startMs + this.step * SCRAPE_INTERVAL_MS;
  }

  get endMs(): number {
    return this.startMs + (STEPS - 1) * SCRAPE_INTERVAL_MS;
  }

  /** Whether series i has a sample at the current step (down instances expose nothing but `up`). */
  present(i: number): boolean {
    const series = this.series[i]!;
    return series.source.kind === 'up' || !this.isDown(series.instance);
  }

  value(i: number): number {
    const { source, instance } = this.series[i]!;
    switch (source.kind) {
      case 'requests':
        return source.route.requests[source.statusIndex]!;
      case 'bucket':
        return source.route.buckets[source.bucketIndex]!;
      case 'sum':
        return source.route.sum;
      case 'count':
        return source.route.count;
      case 'pool':
        return source.pool.values[source.stateIndex]!;
      case 'up':
        return this.isDown(instance) ? 0 : 1;
    }
  }

  advance(): void {
    this.step++;
    const restart = this.step === RESTART_STEP;
    for (const instance of this.instances) {
      for (const route of instance.routes) {
        if (restart && instance.index === RESTARTING_INSTANCE) resetRoute(route);
        this.advanceRoute(route);
      }
      const active = Math.round(this.random() * instance.pool.max);
      const pending = active === instance.pool.max ? Math.round(this.random() * 20) : 0;
      instance.pool.values = [active, instance.pool.max - active, pending, instance.pool.max];
    }
  }

  private isDown(instance: number): boolean {
    return DOWN_INSTANCES.has(instance) && this.step >= DOWN_FROM_STEP;
  }

  private advanceRoute(route: RouteState): void {
    const wave = 1 + 0.3 * Math.sin((this.step / STEPS) * 2 * Math.PI);
    const served = Math.round(route.ratePerSecond * wave * (SCRAPE_INTERVAL_MS / 1000) * (0.8 + 0.4 * this.random()));
    let left = served;
    for (let s = STATUSES.length - 1; s > 0; s--) {
      const n = Math.min(left, Math.round(served * route.statusShares[s]! * 2 * this.random()));
      route.requests[s]! += n;
      left -= n;
    }
    route.requests[0]! += left;
    const median = route.medianLatency * (0.7 + 0.6 * this.random());
    for (let b = 0; b < BUCKETS.length; b++) route.buckets[b]! += Math.round(served * logNormalCdf(BUCKETS[b]!, median));
    route.buckets[BUCKETS.length]! += served;
    route.count += served;
    route.sum += served * median * 1.2;
  }

  private addInstance(service: string, instance: string, index: number): void {
    const errorScale = service === 'payments' ? 0.05 : service === 'checkout' ? 0.01 : 0.002;
    const routes = ROUTES.map(() => ({
      ratePerSecond: 0.5 + 20 * this.random(),
      statusShares: [0, 0.02 * this.random(), errorScale * this.random(), errorScale * this.random() * 0.5, errorScale * this.random() * 0.2],
      medianLatency: 0.01 + 0.3 * this.random() ** 2,
      requests: STATUSES.map(() => 0),
      buckets: [...BUCKETS, Infinity].map(() => 0),
      sum: 0,
      count: 0,
    }));
    const pool: PoolState = { max: 10 + Math.floor(this.random() * 4) * 5, values: [] };
    this.instances.push({ index, routes, pool });
    const base = { service, instance };
    ROUTES.forEach(({ route, method }, r) => {
      STATUSES.forEach((status, statusIndex) =>
        this.add({ __name__: 'http_requests_total', ...base, route, method, status }, index, { kind: 'requests', route: routes[r]!, statusIndex }),
      );
      [...BUCKETS.map(String), '+Inf'].forEach((le, bucketIndex) =>
        this.add({ __name__: 'http_request_duration_seconds_bucket', ...base, route, method, le }, index, { kind: 'bucket', route: routes[r]!, bucketIndex }),
      );
      this.add({ __name__: 'http_request_duration_seconds_sum', ...base, route, method }, index, { kind: 'sum', route: routes[r]! });
      this.add({ __name__: 'http_request_duration_seconds_count', ...base, route, method }, index, { kind: 'count', route: routes[r]! });
    });
    POOL_STATES.forEach((state, stateIndex) => this.add({ __name__: 'db_pool_connections', ...base, state }, index, { kind: 'pool', pool, stateIndex }));
    this.add({ __name__: 'up', job: service, ...base }, index, { kind: 'up' });
  }

  private add(labels: Labels, instance: number, source: SeriesKind): void {
    this.series.push({ labels, instance, source });
  }
}

function resetRoute(route: RouteState): void {
  route.requests.fill(0);
  route.buckets.fill(0);
  route.sum = 0;
  route.count = 0;
}

/** Share of log-normal observations (σ = 0.8) at or below `x`; a rational approximation of erf is plenty here. */
function logNormalCdf(x: number, median: number): number {
  const z = Math.log(x / median) / (0.8 * Math.SQRT2);
  const t = 1 / (1 + 0.3275911 * Math.abs(z));
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return 0.5 * (1 + Math.sign(z) * erf);
}

/** `name{a="1",b="2"}` as the exposition formats write it (values here need no escaping). */
export function seriesText(labels: Labels): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(labels)) if (name !== '__name__') parts.push(`${name}="${value}"`);
  return `${labels.__name__}{${parts.join(',')}}`;
}

/** Series indexes grouped by metric family (the exposition formats want each family in one block), stable within a family. */
export function familyOrder(data: SyntheticDataSet): Array<{ family: string; indexes: number[] }> {
  const groups = new Map<string, number[]>();
  data.series.forEach((series, i) => {
    const family = familyOf(series.labels.__name__!);
    let indexes = groups.get(family);
    if (!indexes) groups.set(family, (indexes = []));
    indexes.push(i);
  });
  return [...groups].map(([family, indexes]) => ({ family, indexes }));
}

/** The current values of every present series in the Prometheus text format, with HELP and TYPE lines. */
export function renderTextExposition(data: SyntheticDataSet, families = familyOrder(data)): string {
  return render(data, families, () => true, (labels) => labels);
}

/**
 * What one instance's `/metrics` would serve: its series without the labels a scraper attaches
 * from the target (service, instance, job) and without `up`, which the scraper synthesizes.
 */
export function renderInstanceExposition(data: SyntheticDataSet, instance: number, families = familyOrder(data)): string {
  return render(
    data,
    families,
    (i) => data.series[i]!.instance === instance && data.series[i]!.source.kind !== 'up',
    ({ service: _service, instance: _instance, job: _job, ...rest }) => rest,
  );
}

function render(data: SyntheticDataSet, families: ReturnType<typeof familyOrder>, include: (i: number) => boolean, exposed: (labels: Labels) => Labels): string {
  const lines: string[] = [];
  for (const { family, indexes } of families) {
    const included = indexes.filter((i) => include(i) && data.present(i));
    if (included.length === 0) continue;
    lines.push(`# HELP ${family} synthetic bench metric`, `# TYPE ${family} ${typeOfFamily(family)}`);
    for (const i of included) lines.push(`${seriesText(exposed(data.series[i]!.labels))} ${data.value(i)}`);
  }
  return `${lines.join('\n')}\n`;
}

function familyOf(name: string): string {
  return name.replace(/_(bucket|sum|count)$/, '');
}

function typeOfFamily(name: string): string {
  if (name.endsWith('_total')) return 'counter';
  if (name.endsWith('_seconds')) return 'histogram';
  return 'gauge';
}
