import type { ScoreboardRow } from '../../api/index.js';
import { formatDateTime } from '../../app/format.js';
import { ScoreColumnCells, ScoreColumnHeads } from '../../components/tables/ScoreColumns.js';
import { Link } from '../../router/index.js';

const ORIGIN: Record<ScoreboardRow['origin'], string> = { manual: 'by hand', gameday: 'game day', gate: 'CI gate' };
/** A long history would make a very long page; the export has every row. */
const SHOWN = 200;

/** Every drill the scoreboard counted, newest first, each linking to its live view. */
export function DrillRowsTable({ rows }: { rows: ScoreboardRow[] }) {
  const shown = rows.slice(0, SHOWN);
  return (
    <>
      <div className="table-scroll">
        <table className="table sb-rows">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Scenario</th>
              <th scope="col">Team</th>
              <th scope="col">Responders</th>
              <th scope="col">Started by</th>
              <th scope="col">State</th>
              <ScoreColumnHeads />
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={`${row.drillId}`}>
                <td className="when">
                  <Link to={`/facilitator/drills/${encodeURIComponent(row.drillId)}`}>{formatDateTime(row.createdAt)}</Link>
                </td>
                <td>{row.scenarioTitle}</td>
                <td>{row.team ?? '—'}</td>
                <td>{row.responders.join(', ') || '—'}</td>
                <td>{ORIGIN[row.origin] ?? row.origin}</td>
                <td>{row.state}</td>
                <ScoreColumnCells score={row.score} mttd={row.mttd} mtta={row.mtta} mttr={row.mttr} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > SHOWN && (
        <p className="muted small">
          The newest {SHOWN} of {rows.length} drills; the export has them all.
        </p>
      )}
    </>
  );
}
