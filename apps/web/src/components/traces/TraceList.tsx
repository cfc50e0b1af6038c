import { useId, useState, type FormEvent } from 'react';
import { ServiceField } from '../forms/ServiceField.js';
import { api, queryString, useApi } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { TraceView } from './TraceView.js';
import { formatDuration, utcClock, serviceColour, type TraceSummaryView } from './waterfall.js';
import './traces.css';

export interface TraceListProps {
  drillId: string;
  stackId?: string | null;
  /** Called with the trace picked; without it the list opens the trace itself, below. */
  onOpenTrace?(traceId: string): void;
  onOpenLogs?(filter: { traceId?: string; service?: string }): void;
}

interface TraceFilter {
  service: string;
  minDurationMs: string;
  error: '' | 'true' | 'false';
}

const EMPTY_FILTER: TraceFilter = { service: '', minDurationMs: '', error: '' };

/** Recent traces of the drill's stack (browsing: not recorded), filtered by service, duration and errors. */
export function TraceList({ drillId, onOpenTrace, onOpenLogs }: TraceListProps) {
  const [draft, setDraft] = useState<TraceFilter>(EMPTY_FILTER);
  const [applied, setApplied] = useState<TraceFilter>(EMPTY_FILTER);
  const [openTrace, setOpenTrace] = useState<string | null>(null);
  const ids = useId();
  const traces = useApi(
    (signal) => {
      const minDuration = Number(applied.minDurationMs);
      const params = {
        service: applied.service.trim(),
        minDurationMs: applied.minDurationMs.trim() !== '' && Number.isFinite(minDuration) && minDuration >= 0 ? minDuration : undefined,
        error: applied.error,
        limit: 50,
      };
      return api.get<{ traces: TraceSummaryView[] }>(`/api/drills/${encodeURIComponent(drillId)}/traces${queryString(params)}`, { signal }).then((answer) => answer.traces);
    },
    [drillId, applied],
  );

  const open = (traceId: string) => (onOpenTrace ? onOpenTrace(traceId) : setOpenTrace(traceId));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A new object, so submitting the same filters again refreshes the list.
    setApplied({ ...draft });
  };

  if (openTrace && !onOpenTrace) {
    return <TraceView drillId={drillId} traceId={openTrace} onOpenLogs={onOpenLogs} onClose={() => setOpenTrace(null)} />;
  }

  return (
    <section className="trace-list" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="explore-title">
        Traces
      </h3>
      <form className="filters" onSubmit={submit} role="search" aria-label="Filter traces">
        <ServiceField idPrefix={ids} value={draft.service} onChange={(service) => setDraft({ ...draft, service })} />
        <div className="field">
          <label htmlFor={`${ids}-min`}>Slower than (ms)</label>
          <input id={`${ids}-min`} type="number" min={0} step="any" inputMode="decimal" value={draft.minDurationMs} onChange={(e) => setDraft({ ...draft, minDurationMs: e.target.value })} size={6} placeholder="0" />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-error`}>Outcome</label>
          <select id={`${ids}-error`} value={draft.error} onChange={(e) => setDraft({ ...draft, error: e.target.value as TraceFilter['error'] })}>
            <option value="">any</option>
            <option value="true">with errors</option>
            <option value="false">without errors</option>
          </select>
        </div>
        <button type="submit" className="button primary">
          {traces.loading ? 'Loading…' : 'Show traces'}
        </button>
      </form>
      <div aria-live="polite" aria-busy={traces.loading}>
        {traces.loading && !traces.data && <Loading label="Loading traces…" />}
        <ErrorMessage error={traces.error} retry={traces.reload} title="Cannot list traces" />
        {traces.data && traces.data.length === 0 && <Empty title="No traces match">Try another service, a lower duration or any outcome.</Empty>}
      </div>
      {traces.data && traces.data.length > 0 && (
        <div className="table-scroll">
          <table className="table trace-table">
            <caption className="visually-hidden">Recent traces, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Request</th>
                <th scope="col" className="num">
                  Duration
                </th>
                <th scope="col">Services</th>
              </tr>
            </thead>
            <tbody>
              {traces.data.map((trace) => (
                <tr key={trace.traceId} className={trace.error ? 'is-error' : undefined}>
                  <td className="nowrap">
                    <time dateTime={trace.start}>{utcClock(trace.start)}</time>
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => open(trace.traceId)}>
                      {trace.rootName ?? trace.traceId}
                    </button>
                    {trace.error && <span className="badge state-danger trace-error-badge">error</span>}
                  </td>
                  <td className="num nowrap">{formatDuration(trace.durationMs)}</td>
                  <td>
                    <span className="trace-services">
                      {trace.services.map((service) => (
                        <span key={service} className="trace-service">
                          <span className="swatch" style={{ background: serviceColour(service) }} aria-hidden="true" />
                          {service}
                        </span>
                      ))}
                    </span>
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
