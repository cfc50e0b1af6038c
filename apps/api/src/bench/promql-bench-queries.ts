// The queries `npm run bench:promql` times, and how it compares two engines' answers to them.
import { labelsKey, type LabelMatcher, type Labels, type Queryable, type QueryValue, type StoredSeries } from '@firedrill/promql';
import type { PrometheusResultSeries } from './prometheus-reference.js';

export interface BenchQuery {
  name: string;
  query: string;
}

const ERRORS_5M = 'sum by (service) (rate(http_requests_total{status=~"5.."}[5m]))';
const REQUESTS_5M = 'sum by (service) (rate(http_requests_total[5m]))';

export const BENCH_QUERIES: BenchQuery[] = [
  { name: 'error ratio', query: `${ERRORS_5M} / ${REQUESTS_5M}` },
  { name: 'p95 latency', query: 'histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket[5m])))' },
  { name: 'pool usage', query: 'db_pool_connections{state="active"} / ignoring(state) db_pool_connections{state="max"}' },
  { name: 'up == 0', query: 'up == 0' },
  {
    name: 'burn rate 1h',
    query:
      '(sum by (service) (rate(http_requests_total{status=~"5.."}[1h])) / sum by (service) (rate(http_requests_total[1h]))) / (1 - 0.999)',
  },
  { name: 'increase 1h', query: 'sum by (service, route) (increase(http_requests_total[1h]))' },
  { name: 'topk 5', query: 'topk(5, sum by (service, route) (rate(http_requests_total[5m])))' },
  { name: 'max_over_time', query: 'max_over_time(db_pool_connections{state="active"}[5m])' },
];

/** Counts the series the engine's selectors pull from the store (for the "series touched" column). */
export class CountingQueryable implements Queryable {
  touched = 0;
  constructor(private readonly inner: Queryable) {}

  select(matchers: readonly LabelMatcher[], minT: number, maxT: number): Iterable<StoredSeries> {
    const selected = [...this.inner.select(matchers, minT, maxT)];
    this.touched += selected.length;
    return selected;
  }

  labelNames(matchers: readonly LabelMatcher[], minT: number, maxT: number): string[] {
    return this.inner.labelNames(matchers, minT, maxT);
  }

  labelValues(name: string, matchers: readonly LabelMatcher[], minT: number, maxT: number): string[] {
    return this.inner.labelValues(name, matchers, minT, maxT);
  }
}

export interface ComparedSeries {
  labels: Labels;
  points: Array<{ t: number; v: number }>;
}

export function ourResultSeries(value: QueryValue): ComparedSeries[] {
  switch (value.type) {
    case 'vector':
      return value.samples.map((s) => ({ labels: s.labels, points: [{ t: s.t, v: s.v }] }));
    case 'matrix':
      return value.series.map((s) => ({ labels: s.labels, points: s.points }));
    case 'scalar':
      return [{ labels: {}, points: [{ t: value.t, v: value.v }] }];
    case 'string':
      return [];
  }
}

export interface Comparison {
  oursSeries: number;
  theirsSeries: number;
  values: number;
  /** Human-readable differences, the first few only. */
  mismatches: string[];
  mismatchCount: number;
}

const RELATIVE_TOLERANCE = 1e-6;

/** Same series (by label set), same timestamps, values equal within 1e-6 relative (NaN equals NaN). */
export function compareResults(ours: ComparedSeries[], theirs: PrometheusResultSeries[]): Comparison {
  const comparison: Comparison = { oursSeries: ours.length, theirsSeries: theirs.length, values: 0, mismatches: [], mismatchCount: 0 };
  const note = (message: string) => {
    comparison.mismatchCount++;
    if (comparison.mismatches.length < 3) comparison.mismatches.push(message);
  };
  const theirsByKey = new Map(theirs.map((s) => [labelsKey(s.metric), s]));
  for (const series of ours) {
    const key = labelsKey(series.labels);
    const other = theirsByKey.get(key);
    theirsByKey.delete(key);
    if (!other) {
      note(`only ours: ${describe(series.labels)}`);
      continue;
    }
    const theirPoints = new Map(other.points.map((p) => [p.t, p.v]));
    for (const { t, v } of series.points) {
      comparison.values++;
      const theirs = theirPoints.get(t);
      theirPoints.delete(t);
      if (theirs === undefined) note(`${describe(series.labels)} @${t}: only ours (${v})`);
      else if (!sameValue(v, theirs)) note(`${describe(series.labels)} @${t}: ours ${v}, Prometheus ${theirs}`);
    }
    for (const [t, v] of theirPoints) note(`${describe(series.labels)} @${t}: only Prometheus (${v})`);
  }
  for (const other of theirsByKey.values()) note(`only Prometheus: ${describe(other.metric)} (${other.points.length} points)`);
  return comparison;
}

function sameValue(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function describe(labels: Labels): string {
  return `{${Object.entries(labels)
    .map(([name, value]) => `${name}="${value}"`)
    .join(',')}}`;
}
