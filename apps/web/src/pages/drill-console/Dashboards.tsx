import { useId } from 'react';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart.js';
import { EMPTY_CHART } from '../../components/charts/chart-data.js';
import { formatClock } from '../../components/charts/chart-format.js';
import { DASHBOARD_PANELS, DASHBOARD_WINDOWS, type DashboardWindowId } from './dashboard-panels.js';
import type { DashboardData } from './use-dashboards.js';

export interface DashboardsProps {
  data: DashboardData;
  windowId: DashboardWindowId;
  onWindowChange: (id: DashboardWindowId) => void;
  live: boolean;
  /** Opens a panel's query in the PromQL explorer (not run until the responder runs it). */
  onExplore?: (expr: string) => void;
}

const GROUP_TITLES = { traffic: 'Traffic, errors, latency', database: 'Database pool', cache: 'Cache', replicas: 'Replicas', slo: 'Checkout SLOs' } as const;

/**
 * The service dashboards, streaming from the stack's Prometheus. One cursor across all charts:
 * hovering one instant shows it everywhere, which is how a responder lines up "errors started"
 * with "pool filled up".
 */
export function Dashboards({ data, windowId, onWindowChange, live, onExplore }: DashboardsProps) {
  const syncKey = useId();
  const groups = Object.keys(GROUP_TITLES) as Array<keyof typeof GROUP_TITLES>;
  return (
    <section className="dashboards" aria-label="Dashboards">
      <div className="dashboards-toolbar">
        <label>
          Last{' '}
          <select value={windowId} onChange={(event) => onWindowChange(event.target.value as DashboardWindowId)}>
            {DASHBOARD_WINDOWS.map((window) => (
              <option key={window.id} value={window.id}>
                {window.id}
              </option>
            ))}
          </select>{' '}
          of drill time
        </label>
        <span className="muted small" aria-live="off">
          {data.stackError
            ? `Stopped: ${data.stackError}`
            : data.updatedAt
              ? `${live ? 'Live' : 'Final'}, to ${formatClock(data.updatedAt)}`
              : live
                ? 'Loading…'
                : 'The stack is not running'}
        </span>
      </div>
      {groups.map((group) => (
        <div key={group} className="panel-group">
          <h3 className="panel-group-title">{GROUP_TITLES[group]}</h3>
          <div className="panel-grid">
            {DASHBOARD_PANELS.filter((panel) => panel.group === group).map((panel) => (
              <article key={panel.id} className="card panel">
                <header className="panel-header">
                  <h4>{panel.title}</h4>
                  <details className="panel-query">
                    <summary>PromQL</summary>
                    {panel.queries.map((query) => (
                      <span key={query.expr} className="panel-query-line">
                        <code>{query.expr}</code>
                        {onExplore && (
                          <button type="button" className="button small" onClick={() => onExplore(query.expr)}>
                            Explore
                          </button>
                        )}
                      </span>
                    ))}
                  </details>
                </header>
                {data.errors[panel.id] && <p className="warn-text small">{data.errors[panel.id]}</p>}
                <TimeSeriesChart title={panel.title} data={data.panels[panel.id] ?? EMPTY_CHART} unit={panel.unit} syncKey={syncKey} height={160} xRange={data.xRange} />
              </article>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
