import { useState } from 'react';
import { api, useApi } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { formatDateTime } from '../../app/format.js';
import { Link, navigate, useRoute } from '../../router/index.js';
import { GameDayDefinition } from './GameDayDefinition.js';
import { runIsLive } from './report-model.js';
import { RunStateBadge } from './RunStateBadge.js';
import './gamedays.css';

/** `#/gamedays/:id`: the definition, "Run now", and its runs (newest first). */
export function GameDayDetailPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const gameDay = useApi((signal) => api.gameDay(id, { signal }), [id]);
  const runs = useApi((signal) => api.gameDayRuns(id, { signal }), [id], { refreshMs: 5_000 });
  const scenarios = useApi(() => api.scenarios(), []);
  const [busy, setBusy] = useState<'run' | 'delete' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const runNow = async () => {
    setBusy('run');
    setFailure(null);
    try {
      const run = await api.runGameDayNow(id);
      navigate(`/gamedays/${encodeURIComponent(id)}/runs/${encodeURIComponent(run.id)}`);
    } catch (error) {
      setFailure(error);
      runs.reload();
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setBusy('delete');
    setFailure(null);
    try {
      await api.deleteGameDay(id);
      navigate('/gamedays');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  if (gameDay.data === undefined) {
    return gameDay.error ? <ErrorMessage error={gameDay.error} retry={gameDay.reload} title="The game day could not be loaded" /> : <Loading label="Loading the game day…" />;
  }
  const view = gameDay.data;
  const live = runs.data?.some((run) => runIsLive(run.state)) ?? false;

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="muted small">
            <Link to="/gamedays">Game days</Link> /
          </p>
          <h1>
            {view.name} {!view.enabled && <span className="badge gd-disabled">disabled</span>}
          </h1>
        </div>
        <div className="button-row">
          <button type="button" className="button primary" onClick={runNow} disabled={busy !== null} aria-describedby="gd-run-now-help">
            {busy === 'run' ? 'Starting…' : 'Run now'}
          </button>
          <Link to={`/gamedays/${encodeURIComponent(id)}/edit`} className="button">
            Edit
          </Link>
          {confirmDelete ? (
            <>
              <button type="button" className="button danger" onClick={remove} disabled={busy !== null}>
                {busy === 'delete' ? 'Deleting…' : 'Delete for good'}
              </button>
              <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="button danger" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )}
        </div>
      </header>
      <p id="gd-run-now-help" className="muted small">
        Run now starts its drills at once{live ? ' (a run is already under way)' : ''}; the schedule is not changed.
      </p>
      <ErrorMessage error={failure} />

      <div className="card">
        <h2>Definition</h2>
        <GameDayDefinition gameDay={view} scenarios={scenarios.data} />
      </div>

      <section className="page" aria-labelledby="gd-runs-title">
        <h2 id="gd-runs-title">Runs</h2>
        <ErrorMessage error={runs.error} retry={runs.reload} title="Runs could not be loaded" />
        {runs.data === undefined ? (
          runs.loading && <Loading label="Loading runs…" />
        ) : runs.data.length === 0 ? (
          <Empty title="Not run yet.">{view.nextRunAt ? `The first run is ${formatDateTime(view.nextRunAt)}.` : 'Use Run now to start one.'}</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Scheduled for</th>
                  <th scope="col">State</th>
                  <th scope="col">Started</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.map((run) => (
                  <tr key={run.id}>
                    <td>
                      <Link to={`/gamedays/${encodeURIComponent(id)}/runs/${encodeURIComponent(run.id)}`}>{formatDateTime(run.scheduledFor)}</Link>
                    </td>
                    <td>
                      <RunStateBadge state={run.state} />
                    </td>
                    <td>{formatDateTime(run.startedAt)}</td>
                    <td>{run.reason ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
