import { useMemo, useState } from 'react';
import type { DrillEvent } from '../../api/types.js';
import { formatClock } from '../../components/charts/chart-format.js';
import { Empty } from '../../app/feedback.js';
import { timelineEntries, type TimelineKind } from './console-model.js';

const FILTERS: Array<{ id: 'all' | TimelineKind; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'you', label: 'Team' },
  { id: 'alert', label: 'Alerts' },
];

/** What the team did, with the alerts and the drill's milestones, newest first. */
export function Timeline({ events }: { events: readonly DrillEvent[] }) {
  const [filter, setFilter] = useState<'all' | TimelineKind>('all');
  const entries = useMemo(() => timelineEntries(events).reverse(), [events]);
  const shown = filter === 'all' ? entries.filter((entry) => !entry.quiet) : entries.filter((entry) => entry.kind === filter);
  return (
    <section className="card timeline" aria-labelledby="timeline-heading">
      <div className="timeline-head">
        <h2 id="timeline-heading">Timeline</h2>
        <div role="group" aria-label="Show" className="segmented">
          {FILTERS.map((option) => (
            <button key={option.id} type="button" className="button small" aria-pressed={filter === option.id} onClick={() => setFilter(option.id)}>
              {option.label}
            </button>
          ))}
        </div>
      </div>
      {shown.length === 0 ? (
        <Empty title="Nothing yet" />
      ) : (
        <ol className="timeline-list">
          {shown.map((entry) => (
            <li key={entry.seq} className={`timeline-entry kind-${entry.kind}${entry.failed ? ' failed' : ''}`}>
              <time className="muted">{formatClock(entry.at / 1000)}</time>
              <span className="timeline-who muted">{entry.who}</span>
              <span className="timeline-text">{entry.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
