import { describe, expect, it } from 'vitest';
import { DASHBOARD_PANELS, dashboardWindow, rangeQueryPath, stackTimePath } from './dashboard-panels.js';

describe('dashboard panels', () => {
  it('cover traffic, errors, latency, the pool, the cache, replicas and the SLOs', () => {
    const exprs = DASHBOARD_PANELS.flatMap((panel) => panel.queries.map((query) => query.expr)).join('\n');
    for (const metric of ['http_requests_total', 'http_request_duration_seconds_bucket', 'db_pool_connections', 'db_pool_wait_seconds_bucket', 'cache_requests_total', 'up', 'process_start_time_seconds', 'slo:burn_rate:', 'slo:error_budget:remaining']) {
      expect(exprs).toContain(metric);
    }
    expect(new Set(DASHBOARD_PANELS.map((panel) => panel.id)).size).toBe(DASHBOARD_PANELS.length);
    for (const panel of DASHBOARD_PANELS) for (const query of panel.queries) expect(query.legend).toMatch(/\{\{\w+\}\}/);
  });

  it('read the stack\'s Prometheus API, never the drill\'s recorded query tool', () => {
    const path = rangeQueryPath('stk-1', 'sum(up)', { start: 100, end: 200, step: 10 });
    expect(path).toBe('/api/stacks/stk-1/prometheus/api/v1/query_range?query=sum%28up%29&start=100&end=200&step=10');
    expect(stackTimePath('stk-1')).toBe('/api/stacks/stk-1/prometheus/api/v1/query?query=time()');
  });

  it('takes the window from the URL, 15 minutes when it names none it knows', () => {
    expect(dashboardWindow('1h').seconds).toBe(3600);
    expect(dashboardWindow('2d').id).toBe('15m');
    expect(dashboardWindow(undefined).id).toBe('15m');
  });
});
