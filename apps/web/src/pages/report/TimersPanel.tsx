import type { DrillTimers } from '../../api/index.js';
import { detectedByText, timerMarks, timersAgainstTargets, type Targets, type TimerVerdict } from './timers.js';
import './report.css';

const VERDICT_CLASS: Record<TimerVerdict, string> = { met: 'state-ok', missed: 'state-danger', running: 'state-warn', 'not reached': 'state-danger', 'no target': '' };

/** The timers (MTTD/MTTA/MTTR…) beside the scenario's targets when known, and the T0–T5 marks. */
export function TimersPanel({ timers, targets, finished }: { timers: DrillTimers; targets: Targets | null; finished: boolean }) {
  const rows = timersAgainstTargets(timers, targets, finished);
  const detected = detectedByText(timers);
  return (
    <section className="card" aria-labelledby="timers-title">
      <h2 id="timers-title">Timers</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Timer</th>
              <th scope="col" className="num">Took</th>
              {targets && <th scope="col" className="num">Target</th>}
              {targets && <th scope="col">Verdict</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  {row.label} <span className="muted small">{row.span}</span>
                </th>
                <td className="num">{row.value}</td>
                {targets && <td className="num">{row.target ?? '—'}</td>}
                {targets && (
                  <td>
                    {row.verdict !== 'no target' && <span className={`badge ${VERDICT_CLASS[row.verdict]}`}>{row.verdict}</span>}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="marks" aria-label="Timer marks">
        {timerMarks(timers).map((mark) => (
          <li key={mark.id} className={mark.offset ? 'reached' : ''}>
            <span>{mark.label}</span> <strong>{mark.offset ?? '—'}</strong>
          </li>
        ))}
      </ul>
      {detected && <p className="muted small">The drill was {detected}.</p>}
    </section>
  );
}
