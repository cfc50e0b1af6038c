import type { ScoreView } from '../../api/index.js';
import { shapeScore, type CategoryRow } from './breakdown.js';
import './report.css';

function meterClass(share: number): string {
  if (share >= 0.999) return 'meter';
  return share >= 0.5 ? 'meter partial' : 'meter low';
}

function Category({ category }: { category: CategoryRow }) {
  const label = category.penalty ? `${category.points}` : `${category.points} / ${category.max}`;
  return (
    <details className="category" open={category.lost > 0}>
      <summary>
        <span>{category.title}</span>
        <span className={`points ${category.penalty && category.points < 0 ? 'danger-text' : ''}`}>{label}</span>
        {category.share !== null && (
          <span className={meterClass(category.share)} role="img" aria-label={`${Math.round(category.share * 100)}% of ${category.title}`}>
            <span style={{ width: `${category.share * 100}%` }} />
          </span>
        )}
      </summary>
      {category.details.length > 0 && (
        <ul>
          {category.details.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
      {category.followUps.length > 0 && (
        <>
          <p className="muted small">Next time:</p>
          <ul>
            {category.followUps.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/** The score: total, each category with its lines, the runbook steps, and what cost points. */
export function ScoreBreakdown({ score }: { score: ScoreView }) {
  const shaped = shapeScore(score.total, score.breakdown);
  const older = score.history.filter((entry) => entry.rubricVersion !== score.rubricVersion || entry.computedAt !== score.computedAt);
  return (
    <section className="card" aria-labelledby="score-title">
      <div className="score-total">
        <h2 id="score-title">Score</h2>
        <span className="value">{score.total}</span>
        <span className="muted">/ 100 · rubric {score.rubricVersion} · computed {new Date(score.computedAt).toLocaleString()}</span>
      </div>
      {shaped.costs.length > 0 && (
        <>
          <h3>What cost points</h3>
          <ul className="costs">
            {shaped.costs.map((cost) => (
              <li key={cost.category}>
                <span className="points danger-text">−{cost.points}</span> <strong>{cost.category}</strong>: {cost.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {shaped.steps.length > 0 && (
        <>
          <h3>Runbook steps</h3>
          <div className="table-scroll">
            <table className="table steps-table">
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Done</th>
                  <th scope="col">When</th>
                  <th scope="col">Evidence</th>
                  <th scope="col" className="num">Points</th>
                </tr>
              </thead>
              <tbody>
                {shaped.steps.map((step) => (
                  <tr key={step.id}>
                    <th scope="row">{step.title}</th>
                    <td className="status">{step.done ? <span className="ok-text">✓ done</span> : <span className="danger-text">✗ not done</span>}</td>
                    <td>{step.at ?? '—'}</td>
                    <td>
                      {step.done ? step.evidence : <span className="muted">expected {step.expected}</span>}
                      {step.notes && <div className="muted small">{step.notes}</div>}
                    </td>
                    <td className="num">
                      {step.points} / {step.max}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>Breakdown</h3>
      {shaped.categories.map((category) => (
        <Category key={category.id} category={category} />
      ))}
      {older.length > 0 && (
        <p className="muted small">
          Also scored: {older.map((entry) => `${entry.total} (rubric ${entry.rubricVersion}, ${new Date(entry.computedAt).toLocaleString()})`).join('; ')}.
        </p>
      )}
    </section>
  );
}
