import type { GameDayReport } from '../../api/index.js';
import { formatDateTime, formatDuration } from '../../app/format.js';
import { ScoreColumnCells, ScoreColumnHeads } from '../../components/tables/ScoreColumns.js';
import { Link } from '../../router/index.js';
import { StateBadge } from '../report/StateBadge.js';
import { scenarioChanges, sinceLastRows, type Tone } from './report-model.js';

const MARK: Record<Tone, string> = { better: '▲', worse: '▼', same: '＝', unknown: '·' };

/** The game-day report: each drill's score and timers, the means, and the change since last time. */
export function RunReport({ report }: { report: GameDayReport }) {
  const { summary } = report;
  const deltas = sinceLastRows(report);
  const changes = scenarioChanges(report.sinceLast);
  return (
    <div className="gd-report">
      <div className="stats" aria-label="Summary">
        <Stat label="Drills" value={String(summary.drills)} detail={`${summary.resolved} resolved`} />
        <Stat label="Mean score" value={summary.meanScore === null ? '—' : String(Math.round(summary.meanScore))} />
        <Stat label="Mean MTTD" value={formatDuration(summary.meanMttd)} />
        <Stat label="Mean MTTA" value={formatDuration(summary.meanMtta)} />
        <Stat label="Mean MTTR" value={formatDuration(summary.meanMttr)} />
      </div>

      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Score and timers of each drill</caption>
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              <th scope="col">State</th>
              <ScoreColumnHeads />
            </tr>
          </thead>
          <tbody>
            {report.drills.map((drill) => (
              <tr key={drill.drillId}>
                <th scope="row">
                  <Link to={`/facilitator/drills/${encodeURIComponent(drill.drillId)}`}>{drill.scenario.title}</Link> <span className="muted small">({drill.scenario.difficulty})</span>
                </th>
                <td>
                  <StateBadge state={drill.state} />
                </td>
                <ScoreColumnCells score={drill.score} mttd={drill.timers.mttd} mtta={drill.timers.mtta} mttr={drill.timers.mttr} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="gd-since-last">
        <h3 id="gd-since-last">Since the last game day</h3>
        {!deltas || !report.sinceLast ? (
          <p className="muted">This is the first run of this game day with drills: nothing to compare with yet.</p>
        ) : (
          <>
            <p className="muted small">Compared with the run scheduled for {formatDateTime(report.sinceLast.scheduledFor)}.</p>
            <div className="table-scroll">
              <table className="table gd-deltas">
                <thead>
                  <tr>
                    <th scope="col">Measure</th>
                    <th scope="col" className="num">
                      Now
                    </th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {deltas.map((row) => (
                    <tr key={row.label}>
                      <th scope="row">{row.label}</th>
                      <td className="num">{row.now}</td>
                      <td className={`gd-${row.tone}`}>
                        <span aria-hidden="true">{MARK[row.tone]} </span>
                        {row.change}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {changes && <p className="small">{changes}</p>}
          </>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {detail && <div className="muted small">{detail}</div>}
    </div>
  );
}
