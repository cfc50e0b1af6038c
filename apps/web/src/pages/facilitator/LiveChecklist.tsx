import type { ChecklistItem, StepStatus } from './checklist.js';
import { formatSeconds } from '../report/durations.js';

const MARK: Record<StepStatus, { symbol: string; label: string }> = {
  done: { symbol: '✓', label: 'done' },
  late: { symbol: '✓', label: 'done, late' },
  overdue: { symbol: '!', label: 'overdue' },
  pending: { symbol: '○', label: 'not yet' },
  unchecked: { symbol: '·', label: 'not machine-checked' },
};

/** The runbook's steps with ✓ as the responders' events satisfy them (derived in the browser). */
export function LiveChecklist({ items, runbookTitle }: { items: readonly ChecklistItem[]; runbookTitle: string | null }) {
  const done = items.filter((item) => item.status === 'done' || item.status === 'late').length;
  return (
    <section className="card" aria-labelledby="checklist-title">
      <div className="section-header">
        <h2 id="checklist-title">Expected path</h2>
        <span className="muted small">
          {done} of {items.length} runbook steps done{runbookTitle ? ` · ${runbookTitle}` : ''}
        </span>
      </div>
      <ol className="checklist">
        {items.map((item) => (
          <li key={item.id} className={`status-${item.status}`}>
            <span className="mark" aria-hidden="true">
              {MARK[item.status].symbol}
            </span>
            <span>
              {item.title} <span className="visually-hidden">({MARK[item.status].label})</span>
              {item.status === 'late' && <span className="badge state-warn">late</span>}
              {item.status === 'overdue' && <span className="badge state-danger">overdue</span>}
              {item.outOfOrderBefore && <span className="badge state-warn">before {item.outOfOrderBefore}</span>}
            </span>
            <span className="detail">
              {item.evidence
                ? `${item.evidence.actor.name}: ${item.evidenceText}${item.secondsFromDetection === null ? '' : ` at T1+${formatSeconds(item.secondsFromDetection)}`}`
                : `expects ${item.expected}`}
              {item.within ? ` · within ${item.within} of the page` : ''}
            </span>
          </li>
        ))}
      </ol>
      <p className="muted small">Derived here from the timeline with the scoring's evidence rules; the score itself comes from the API when the drill resolves.</p>
    </section>
  );
}
