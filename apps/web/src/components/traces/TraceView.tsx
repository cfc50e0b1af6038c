import { useId, useState, type CSSProperties } from 'react';
import { api, useApi } from '../../api/index.js';
import { ErrorMessage, Loading } from '../../app/feedback.js';
import { SpanDetails } from './SpanDetails.js';
import { formatDuration, layoutWaterfall, utcClock, type TraceDetailView, type WaterfallRow } from './waterfall.js';
import './traces.css';

export interface TraceViewProps {
  drillId: string;
  traceId: string;
  onOpenLogs?(filter: { traceId?: string; service?: string }): void;
  /** Shows a "back to traces" button when given. */
  onClose?(): void;
}

/**
 * One trace as a span waterfall (`GET /api/drills/:id/traces/:traceId`, recorded as a trace view):
 * nested spans with their offset and duration, coloured by service, failed spans marked; a span's
 * attributes open on click, with a way to its logs.
 */
export function TraceView({ drillId, traceId, onOpenLogs, onClose }: TraceViewProps) {
  const trace = useApi(
    (signal) => api.get<TraceDetailView>(`/api/drills/${encodeURIComponent(drillId)}/traces/${encodeURIComponent(traceId)}`, { signal }),
    [drillId, traceId],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const ids = useId();

  return (
    <section className="trace-view" aria-labelledby={`${ids}-title`}>
      <div className="trace-view-header">
        <h3 id={`${ids}-title`} className="explore-title">
          Trace <code>{traceId.slice(0, 16)}…</code>
        </h3>
        <div className="trace-view-actions">
          {onOpenLogs && (
            <button type="button" className="button small" onClick={() => onOpenLogs({ traceId })}>
              Logs of this trace
            </button>
          )}
          {onClose && (
            <button type="button" className="button small" onClick={onClose}>
              Back to traces
            </button>
          )}
        </div>
      </div>
      {trace.loading && !trace.data && <Loading label="Loading the trace…" />}
      <ErrorMessage error={trace.error} retry={trace.reload} title="Cannot show this trace" />
      {trace.data && <Waterfall trace={trace.data} selected={selected} onSelect={setSelected} onOpenLogs={onOpenLogs} />}
    </section>
  );
}

/** Next to the bar where there is room, else inside its right end. */
function durationLabelStyle(row: WaterfallRow): CSSProperties {
  if (row.labelAt === 'after') return { left: `calc(${row.leftPercent + row.widthPercent}% + 4px)` };
  if (row.labelAt === 'before') return { right: `calc(${100 - row.leftPercent}% + 4px)` };
  return { right: `calc(${100 - row.leftPercent - row.widthPercent}% + 4px)` };
}

function Waterfall({
  trace,
  selected,
  onSelect,
  onOpenLogs,
}: {
  trace: TraceDetailView;
  selected: string | null;
  onSelect(spanId: string | null): void;
  onOpenLogs: TraceViewProps['onOpenLogs'];
}) {
  const layout = layoutWaterfall(trace);
  return (
    <>
      <p className="trace-summary">
        <strong>{trace.rootName ?? 'unknown root'}</strong> <span className="muted">on {trace.rootService ?? '?'}</span> · {formatDuration(trace.durationMs)} · {trace.spanCount}{' '}
        {trace.spanCount === 1 ? 'span' : 'spans'} · <time dateTime={trace.start}>{utcClock(trace.start)}</time>
        {trace.error && <span className="badge state-danger trace-error-badge">has errors</span>}
      </p>
      <ul className="trace-legend" aria-label="Service colours">
        {layout.legend.map((item) => (
          <li key={item.service}>
            <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
            {item.service}
          </li>
        ))}
      </ul>
      <div className="waterfall">
        <div className="waterfall-axis" aria-hidden="true">
          <span className="waterfall-axis-name">Span</span>
          <span className="waterfall-axis-scale">
            {layout.ticks.map((tick) => (
              <span key={tick.percent} className="waterfall-tick" style={{ left: `${tick.percent}%` }}>
                {tick.label}
              </span>
            ))}
          </span>
        </div>
        <ol className="waterfall-rows">
          {layout.rows.map((row) => {
            const open = selected === row.span.spanId;
            const detailsId = `span-${row.span.spanId}`;
            return (
              <li key={row.span.spanId} className={`waterfall-row${row.span.error ? ' is-error' : ''}${open ? ' is-open' : ''}`}>
                <button
                  type="button"
                  className="waterfall-span"
                  aria-expanded={open}
                  aria-controls={open ? detailsId : undefined}
                  onClick={() => onSelect(open ? null : row.span.spanId)}
                  title={`${row.span.service}: ${row.span.name}, ${formatDuration(row.span.durationMs)} from +${formatDuration(row.span.offsetMs)}`}
                >
                  <span className="waterfall-name" style={{ paddingLeft: `${Math.min(row.depth, 12) * 12}px` }}>
                    <span className="swatch" style={{ background: row.colour }} aria-hidden="true" />
                    <span className="waterfall-service">{row.span.service}</span> <span className="waterfall-op">{row.span.name}</span>
                    {row.span.error && <span className="waterfall-error-mark"> ✕ error</span>}
                    {row.slowest && <span className="waterfall-slow-mark"> slowest</span>}
                  </span>
                  <span className="waterfall-track">
                    <span
                      className="waterfall-bar"
                      style={{ left: `${row.leftPercent}%`, width: `${row.widthPercent}%`, background: row.colour }}
                      aria-hidden="true"
                    />
                    <span className={`waterfall-duration label-${row.labelAt}`} style={durationLabelStyle(row)}>
                      {formatDuration(row.span.durationMs)}
                    </span>
                  </span>
                </button>
                {open && <SpanDetails id={detailsId} row={row} traceId={trace.traceId} onOpenLogs={onOpenLogs} />}
              </li>
            );
          })}
        </ol>
      </div>
    </>
  );
}
