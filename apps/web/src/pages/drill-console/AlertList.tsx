import { formatClock } from '../../components/charts/chart-format.js';
import { Empty } from '../../app/feedback.js';
import { formatElapsed, shownLabels, type AlertRow } from './console-model.js';

export interface AlertListProps {
  rows: readonly AlertRow[];
  /** Drill time now (ms), for "for 2:10". */
  now: number | null;
  onOpenRunbook: () => void;
  error: string | null;
}

/** Pending, firing and resolved alerts of the drill's stack, with their labels and annotations. */
export function AlertList({ rows, now, onOpenRunbook, error }: AlertListProps) {
  return (
    <section className="card alert-list" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">
        Alerts <span className="muted count">{rows.filter((row) => row.state === 'firing').length} firing</span>
      </h2>
      {error && <p className="warn-text small">Alerts could not be refreshed: {error}</p>}
      {rows.length === 0 ? (
        <Empty title="No alerts">Nothing is pending or firing on the stack.</Empty>
      ) : (
        <ul className="alert-rows">
          {rows.map((row) => (
            <li key={row.key} className={`alert-row state-${row.state}`}>
              <details>
                <summary>
                  <span className={`badge alert-state ${row.state}`}>{row.state}</span>
                  <strong className="alert-name">{row.name}</strong>
                  {row.labels.severity && <span className={`badge sev-${row.labels.severity}`}>{row.labels.severity}</span>}
                  <span className="alert-labels">
                    {shownLabels(row.labels, true).map(([name, value]) => (
                      <span key={name} className="label-chip">
                        {name}={value}
                      </span>
                    ))}
                  </span>
                  <span className="alert-since muted">
                    {row.since && (
                      <>
                        {row.state === 'resolved' ? 'at' : 'since'} <time dateTime={row.since}>{formatClock(Date.parse(row.since) / 1000)}</time>
                        {row.state !== 'resolved' && now !== null && <> ({formatElapsed(now - Date.parse(row.since))})</>}
                      </>
                    )}
                  </span>
                </summary>
                <div className="alert-detail">
                  <p className="alert-labels">
                    {shownLabels(row.labels).map(([name, value]) => (
                      <span key={name} className="label-chip">
                        {name}={value}
                      </span>
                    ))}
                  </p>
                  {row.annotations.summary && <p>{row.annotations.summary}</p>}
                  {row.annotations.description && <p className="muted">{row.annotations.description}</p>}
                  {Object.keys(row.annotations).length === 0 && <p className="muted">The stack no longer reports this alert's annotations.</p>}
                  {row.annotations.runbook && (
                    <button type="button" className="button small" onClick={onOpenRunbook}>
                      Runbook
                    </button>
                  )}
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
