import { api, FINISHED_STATES, useApi } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { formatDateTime } from '../../app/format.js';
import { Link, useRoute } from '../../router/index.js';
import { StateBadge } from '../report/StateBadge.js';
import { runIsLive } from './report-model.js';
import { RunReport } from './RunReport.js';
import { RunStateBadge } from './RunStateBadge.js';
import './gamedays.css';

/** How often a run that is still going is refetched (its drills change state on their own). */
const LIVE_REFRESH_MS = 3_000;

/** `#/gamedays/:id/runs/:runId`: the run's drills, the notifications it sent, and its report. */
export function GameDayRunPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const runId = params.runId ?? '';
  const gameDay = useApi((signal) => api.gameDay(id, { signal }), [id]);
  const run = useApi((signal) => api.gameDayRun(id, runId, { signal }), [id, runId], { refreshMs: LIVE_REFRESH_MS });
  const live = run.data === undefined || runIsLive(run.data.state) || run.data.drills.some((drill) => !FINISHED_STATES.includes(drill.state));
  const report = useApi((signal) => api.gameDayReport(id, runId, { signal }), [id, runId, live ? run.data?.drills.map((d) => d.state).join() : 'done']);
  const scenarios = useApi(() => api.scenarios(), []);
  const title = (scenarioId: string) => scenarios.data?.find((scenario) => scenario.id === scenarioId)?.title ?? scenarioId;

  if (run.data === undefined) {
    return run.error ? <ErrorMessage error={run.error} retry={run.reload} title="The run could not be loaded" /> : <Loading label="Loading the run…" />;
  }
  const view = run.data;

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="muted small">
            <Link to="/gamedays">Game days</Link> / <Link to={`/gamedays/${encodeURIComponent(id)}`}>{gameDay.data?.name ?? id}</Link> /
          </p>
          <h1>
            Run of {formatDateTime(view.scheduledFor)} <RunStateBadge state={view.state} />
          </h1>
          <p className="muted">
            {view.startedAt ? `Started ${formatDateTime(view.startedAt)}.` : 'Not started.'} {view.reason}
          </p>
        </div>
      </header>
      {run.error && <ErrorMessage error={run.error} retry={run.reload} title="Refreshing failed" />}

      <section className="card" aria-labelledby="gd-run-drills">
        <h2 id="gd-run-drills">Drills</h2>
        {view.drills.length === 0 ? (
          <Empty title={view.state === 'missed' || view.state === 'failed' ? 'No drill was started.' : 'No drill yet.'} />
        ) : (
          <ul className="gd-drills" aria-live="polite">
            {view.drills.map((drill) => (
              <li key={drill.drillId}>
                <Link to={`/facilitator/drills/${encodeURIComponent(drill.drillId)}`}>{title(drill.scenarioId)}</Link> <StateBadge state={drill.state} />{' '}
                <span className="muted small">starts {formatDateTime(drill.startsAt)}</span>
                {drill.joinLinks && drill.joinLinks.length > 0 && (
                  <details className="gd-join-links">
                    <summary>Join links ({drill.joinLinks.length})</summary>
                    <ul>
                      {drill.joinLinks.map((link) => (
                        <li key={link.name}>
                          <label htmlFor={`gd-link-${drill.drillId}-${link.name}`}>
                            {link.name} <span className="muted small">({link.role})</span>
                          </label>{' '}
                          {/* Text to copy, not a link: opening it here would swap the facilitator's session for the participant's. */}
                          <input id={`gd-link-${drill.drillId}-${link.name}`} className="gd-url" readOnly value={link.url} onFocus={(event) => event.target.select()} />
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="gd-run-notifications">
        <h2 id="gd-run-notifications">Notifications sent</h2>
        {view.notifications.length === 0 ? (
          <p className="muted">None{gameDay.data && gameDay.data.notify.targets.length === 0 ? ': the game day has no targets' : ''}.</p>
        ) : (
          <ul className="gd-notifications">
            {view.notifications.map((notification, index) => (
              <li key={index}>
                <span className={`badge ${notification.ok ? 'state-ok' : 'state-danger'}`}>{notification.ok ? 'delivered' : 'failed'}</span> {notification.kind} to{' '}
                <span className="gd-url">{notification.target}</span> <span className="muted small">{formatDateTime(notification.at)}</span>
                {notification.error && <div className="danger-text small">{notification.error}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="gd-run-report">
        <h2 id="gd-run-report">Report</h2>
        {report.data ? (
          <RunReport report={report.data} />
        ) : report.error ? (
          <ErrorMessage error={report.error} retry={report.reload} title="The report could not be loaded" />
        ) : (
          <Loading label="Loading the report…" />
        )}
      </section>
    </section>
  );
}
