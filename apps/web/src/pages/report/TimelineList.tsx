import { useMemo, useState } from 'react';
import type { DrillEvent } from '../../api/index.js';
import { Empty } from '../../app/feedback.js';
import { timelineRows } from './timeline.js';
import './report.css';

/**
 * The drill's timeline, times from T0. `live` keeps the newest at the top (the facilitator
 * watches it grow) and announces new rows politely; the report reads oldest first.
 */
export function TimelineList({ events, live = false, title = 'Timeline' }: { events: readonly DrillEvent[]; live?: boolean; title?: string }) {
  const [showPending, setShowPending] = useState(false);
  const rows = useMemo(() => {
    const shaped = timelineRows(events, { hidePending: !showPending });
    return live ? shaped.reverse() : shaped;
  }, [events, live, showPending]);
  return (
    <section className="card timeline" aria-labelledby="timeline-title">
      <div className="section-header">
        <h2 id="timeline-title">{title}</h2>
        <label className="inline-check">
          <input type="checkbox" checked={showPending} onChange={(event) => setShowPending(event.target.checked)} /> show pending alerts
        </label>
      </div>
      {rows.length === 0 ? (
        <Empty title="Nothing has happened yet" />
      ) : (
        <ol className="timeline-list" aria-live={live ? 'polite' : undefined} aria-relevant={live ? 'additions' : undefined}>
          {rows.map((row) => (
            <li key={row.seq} className={`tone-${row.tone}`}>
              <span className="when">{row.when}</span>
              <span className="actor">{row.actor}</span>
              <span className="what">{row.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
