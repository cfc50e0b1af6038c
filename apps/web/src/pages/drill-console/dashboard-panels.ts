import type { Unit } from '../../components/charts/chart-format.js';

/**
 * The responder's dashboards: what a team would have on its service dashboards before the
 * incident. They read the stack's Prometheus API directly (not the drill's query tool), so
 * watching them is not recorded as investigation; the PromQL here is shown on each panel.
 */
export interface PanelQuery {
  expr: string;
  /** `{{label}}` legend template. */
  legend: string;
}

export interface PanelDefinition {
  id: string;
  title: string;
  unit: Unit;
  queries: PanelQuery[];
  /** Which row the panel belongs to. */
  group: 'traffic' | 'database' | 'cache' | 'replicas' | 'slo';
}

/** The rate window: the stack is scraped every second of stack time, so 1m is smooth and quick. */
const RATE = '1m';

const quantile = (q: number) => `histogram_quantile(${q}, sum by (service, le) (rate(http_request_duration_seconds_bucket[${RATE}])))`;

export const DASHBOARD_PANELS: readonly PanelDefinition[] = [
  { id: 'request-rate', group: 'traffic', title: 'Request rate', unit: 'reqps', queries: [{ expr: `sum by (service) (rate(http_requests_total[${RATE}]))`, legend: '{{service}}' }] },
  {
    id: 'error-ratio',
    group: 'traffic',
    title: 'Error ratio (5xx)',
    unit: 'ratio',
    queries: [{ expr: `sum by (service) (rate(http_requests_total{status=~"5.."}[${RATE}])) / sum by (service) (rate(http_requests_total[${RATE}]))`, legend: '{{service}}' }],
  },
  { id: 'latency-p95', group: 'traffic', title: 'Latency p95', unit: 'seconds', queries: [{ expr: quantile(0.95), legend: '{{service}}' }] },
  { id: 'latency-p99', group: 'traffic', title: 'Latency p99', unit: 'seconds', queries: [{ expr: quantile(0.99), legend: '{{service}}' }] },
  {
    id: 'pool-usage',
    group: 'database',
    title: 'DB pool in use (active / max)',
    unit: 'ratio',
    queries: [{ expr: 'db_pool_connections{state="active"} / ignoring(state) db_pool_connections{state="max"}', legend: '{{replica}}' }],
  },
  {
    id: 'pool-wait',
    group: 'database',
    title: 'DB pool wait p95',
    unit: 'seconds',
    queries: [{ expr: `histogram_quantile(0.95, sum by (service, le) (rate(db_pool_wait_seconds_bucket[${RATE}])))`, legend: '{{service}}' }],
  },
  {
    id: 'cache-hit-ratio',
    group: 'cache',
    title: 'Cache hit ratio',
    unit: 'ratio',
    queries: [{ expr: `sum by (service) (rate(cache_requests_total{result="hit"}[${RATE}])) / sum by (service) (rate(cache_requests_total[${RATE}]))`, legend: '{{service}}' }],
  },
  { id: 'replicas-up', group: 'replicas', title: 'Replicas up', unit: 'count', queries: [{ expr: 'sum by (service) (up)', legend: '{{service}}' }] },
  { id: 'restarts', group: 'replicas', title: 'Restarts (5m)', unit: 'count', queries: [{ expr: 'sum by (service) (changes(process_start_time_seconds[5m]))', legend: '{{service}}' }] },
  {
    id: 'slo-burn',
    group: 'slo',
    title: 'SLO burn rate',
    unit: 'burn',
    queries: [
      { expr: 'slo:burn_rate:ratio_rate5m', legend: '{{slo}} 5m' },
      { expr: 'slo:burn_rate:ratio_rate1h', legend: '{{slo}} 1h' },
    ],
  },
  { id: 'slo-budget', group: 'slo', title: 'Error budget remaining', unit: 'percentBudget', queries: [{ expr: 'slo:error_budget:remaining', legend: '{{slo}}' }] },
];

/** Windows of stack time a responder can look back over. */
export const DASHBOARD_WINDOWS = [
  { id: '5m', seconds: 300 },
  { id: '15m', seconds: 900 },
  { id: '30m', seconds: 1800 },
  { id: '1h', seconds: 3600 },
] as const;

export type DashboardWindowId = (typeof DASHBOARD_WINDOWS)[number]['id'];

/** The window named in the URL, or 15 minutes. */
export function dashboardWindow(id: string | null | undefined): (typeof DASHBOARD_WINDOWS)[number] {
  return DASHBOARD_WINDOWS.find((window) => window.id === id) ?? DASHBOARD_WINDOWS[1];
}

/** The query string of a range query on the stack's Prometheus API. */
export function rangeQueryPath(stackId: string, expr: string, range: { start: number; end: number; step: number }): string {
  const search = new URLSearchParams({ query: expr, start: String(range.start), end: String(range.end), step: String(range.step) });
  return `/api/stacks/${encodeURIComponent(stackId)}/prometheus/api/v1/query_range?${search.toString()}`;
}

/** An instant query of `time()`: the stack's clock, which runs at the drill's speed. */
export function stackTimePath(stackId: string): string {
  return `/api/stacks/${encodeURIComponent(stackId)}/prometheus/api/v1/query?query=time()`;
}
