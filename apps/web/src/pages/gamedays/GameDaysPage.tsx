import { api, useApi } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { formatDateTime } from '../../app/format.js';
import { Link } from '../../router/index.js';
import { RunStateBadge } from './RunStateBadge.js';
import { scheduleInWords } from './schedule-words.js';
import './gamedays.css';

/** `#/gamedays`: every game day, when it runs next and how the last run went. */
export function GameDaysPage() {
  const gameDays = useApi((signal) => api.gameDays({ signal }), [], { refreshMs: 15_000 });
  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Game days</h1>
          <p className="muted">Drills on a schedule for a team: a fixed list of scenarios or the wheel of misfortune.</p>
        </div>
        <Link to="/gamedays/new" className="button primary">
          New game day
        </Link>
      </header>
      <ErrorMessage error={gameDays.error} retry={gameDays.reload} title="Game days could not be loaded" />
      {gameDays.data === undefined ? (
        gameDays.loading && <Loading label="Loading game days…" />
      ) : gameDays.data.length === 0 ? (
        <Empty title="No game day yet.">
          <Link to="/gamedays/new">Plan the first one</Link>
        </Empty>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Team</th>
                <th scope="col">Schedule</th>
                <th scope="col">Next run</th>
                <th scope="col">Last run</th>
              </tr>
            </thead>
            <tbody>
              {gameDays.data.map((gameDay) => (
                <tr key={gameDay.id}>
                  <th scope="row">
                    <Link to={`/gamedays/${encodeURIComponent(gameDay.id)}`}>{gameDay.name}</Link>
                    {!gameDay.enabled && <span className="badge gd-disabled">disabled</span>}
                  </th>
                  <td>{gameDay.team}</td>
                  <td>{scheduleInWords(gameDay.schedule)}</td>
                  <td>{gameDay.nextRunAt ? formatDateTime(gameDay.nextRunAt) : <span className="muted">none</span>}</td>
                  <td>
                    {gameDay.lastRun ? (
                      <Link to={`/gamedays/${encodeURIComponent(gameDay.id)}/runs/${encodeURIComponent(gameDay.lastRun.id)}`}>
                        <RunStateBadge state={gameDay.lastRun.state} /> {formatDateTime(gameDay.lastRun.scheduledFor)}
                      </Link>
                    ) : (
                      <span className="muted">never run</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
