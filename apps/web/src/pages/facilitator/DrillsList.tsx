import { setQuery, useRoute, Link } from '../../router/index.js';
import { Empty } from '../../app/feedback.js';
import type { DrillView } from '../../api/index.js';
import { StateBadge } from '../report/StateBadge.js';
import { drillRows, filterDrills } from './drill-form.js';

const FILTERS = ['all', 'active', 'created', 'scored', 'closed', 'aborted', 'interrupted'];

/** Every drill, newest first; the state filter lives in the URL (`?state=active`). */
export function DrillsList({ drills }: { drills: readonly DrillView[] }) {
  const { query } = useRoute();
  const filter = query['state'] ?? 'all';
  const rows = filterDrills(drillRows(drills), filter);
  return (
    <section className="card" aria-labelledby="drills-title">
      <div className="section-header">
        <h2 id="drills-title">Drills</h2>
        <div className="field inline-field">
          <label htmlFor="drills-filter">Show</label>
          <select id="drills-filter" value={filter} onChange={(event) => setQuery({ state: event.target.value === 'all' ? undefined : event.target.value })}>
            {FILTERS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {rows.length === 0 ? (
        <Empty title={drills.length === 0 ? 'No drills yet' : `No ${filter} drills`}>{drills.length === 0 ? 'Create one above.' : null}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col">State</th>
                <th scope="col">Responders</th>
                <th scope="col" className="num">MTTD</th>
                <th scope="col" className="num">MTTA</th>
                <th scope="col" className="num">MTTR</th>
                <th scope="col" className="num">Score</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Pages</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/facilitator/drills/${encodeURIComponent(row.id)}`}>{row.title}</Link>
                    <div className="muted small">
                      <code>{row.id}</code> ×{row.speed}
                    </div>
                  </th>
                  <td>
                    <StateBadge state={row.state} />
                  </td>
                  <td>{row.responders}</td>
                  <td className="num">{row.mttd}</td>
                  <td className="num">{row.mtta}</td>
                  <td className="num">{row.mttr}</td>
                  <td className="num">{row.score}</td>
                  <td>
                    <time dateTime={row.createdAt}>{new Date(row.createdAt).toLocaleString()}</time>
                  </td>
                  <td>
                    <Link to={`/drills/${encodeURIComponent(row.id)}/report`}>Report</Link>
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
