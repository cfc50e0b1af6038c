import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ServiceField } from '../forms/ServiceField.js';
import { api } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { drillNow, useDrillStackId } from '../promql/drill-stack.js';
import { RANGE_CHOICES, rangeChoice } from '../promql/time-range.js';
import { LogLine } from './LogLine.js';
import { LOG_LEVELS, PAGE_SIZE, appendOlder, cleanFilter, filterProblems, logsSearch, mayHaveMore, olderPageEnd, type LogEntryView, type LogsFilter } from './logs-query.js';
import './logs.css';

export interface LogsExplorerProps {
  drillId: string;
  stackId?: string | null;
  /** Filters to start with; a new object (e.g. from a trace's "show logs") replaces the current ones. */
  filter?: LogsFilter;
  onOpenTrace?(traceId: string): void;
  onOpenLogs?(filter: { traceId?: string; service?: string }): void;
}

/** The demo shop's services; the service box also takes any other name. */

interface Shown {
  entries: LogEntryView[];
  more: boolean;
  /** The filter and window these entries answer (paging keeps them). */
  filter: LogsFilter;
  from?: number;
}

/**
 * Searches the drill's logs (`GET /api/drills/:id/logs`, recorded as a log search), newest first,
 * with "load older" paging back in time. Trace ids open the trace view.
 */
export function LogsExplorer({ drillId, stackId: givenStackId, filter: initialFilter, onOpenTrace }: LogsExplorerProps) {
  const stackId = useDrillStackId(drillId, givenStackId);
  const [draft, setDraft] = useState<LogsFilter>(() => cleanFilter(initialFilter ?? {}));
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'search' | 'more' | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const ids = useId();

  const path = `/api/drills/${encodeURIComponent(drillId)}/logs`;

  const search = useCallback(
    async (filter: LogsFilter) => {
      const problems = filterProblems(filter);
      if (problems.length > 0) {
        setError(new Error(problems.join(' ')));
        return;
      }
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setBusy('search');
      try {
        // A range is "the last N minutes" of drill time, which only the stack's clock knows.
        const from = filter.rangeId && stackId ? (await drillNow(stackId, controller.signal)) - rangeChoice(filter.rangeId).seconds * 1000 : undefined;
        const answer = await api.get<{ entries: LogEntryView[] }>(`${path}${logsSearch(filter, { from })}`, { signal: controller.signal });
        setShown({ entries: answer.entries, more: mayHaveMore(answer.entries.length), filter, from });
        setError(null);
      } catch (failure) {
        if ((failure as Error).name !== 'AbortError') setError(failure);
      } finally {
        if (inFlight.current === controller) {
          inFlight.current = null;
          setBusy(null);
        }
      }
    },
    [path, stackId],
  );

  const loadOlder = async () => {
    if (!shown) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setBusy('more');
    try {
      const to = olderPageEnd(shown.entries);
      const answer = await api.get<{ entries: LogEntryView[] }>(`${path}${logsSearch(shown.filter, { from: shown.from, to })}`, { signal: controller.signal });
      const entries = appendOlder(shown.entries, answer.entries);
      // Only repeats of the boundary millisecond came back: nothing older is left.
      const grew = entries.length > shown.entries.length;
      setShown({ ...shown, entries, more: grew && mayHaveMore(answer.entries.length) });
      setError(null);
    } catch (failure) {
      if ((failure as Error).name !== 'AbortError') setError(failure);
    } finally {
      if (inFlight.current === controller) {
        inFlight.current = null;
        setBusy(null);
      }
    }
  };

  // First search, and again whenever the parent hands over other filters (a trace's "show logs").
  // Compared by value, so a parent passing a fresh but equal object does not search again.
  const initialKey = JSON.stringify(cleanFilter(initialFilter ?? {}));
  useEffect(() => {
    const next = JSON.parse(initialKey) as LogsFilter;
    setDraft(next);
    void search(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialKey, drillId]);

  useEffect(() => () => inFlight.current?.abort(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(cleanFilter(draft));
  };

  const set = (patch: Partial<LogsFilter>) => setDraft((current) => ({ ...current, ...patch }));
  const showTrace = (traceId: string) => (onOpenTrace ? onOpenTrace(traceId) : set({ traceId }));

  return (
    <section className="logs-explorer" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="explore-title">
        Logs
      </h3>
      <form className="filters logs-filters" onSubmit={submit} role="search" aria-label="Filter logs">
        <ServiceField idPrefix={ids} value={draft.service ?? ''} onChange={(service) => set({ service })} />
        <div className="field">
          <label htmlFor={`${ids}-level`}>At least</label>
          <select id={`${ids}-level`} value={draft.level ?? ''} onChange={(e) => set({ level: (e.target.value || undefined) as LogsFilter['level'] })}>
            <option value="">any level</option>
            {LOG_LEVELS.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </div>
        <div className="field logs-text-field">
          <label htmlFor={`${ids}-text`}>Text</label>
          <input id={`${ids}-text`} type="search" value={draft.text ?? ''} onChange={(e) => set({ text: e.target.value })} placeholder="e.g. timed out" />
        </div>
        <div className="field logs-trace-field">
          <label htmlFor={`${ids}-trace`}>Trace id</label>
          <input id={`${ids}-trace`} value={draft.traceId ?? ''} onChange={(e) => set({ traceId: e.target.value })} placeholder="32 hex digits" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-range`}>Time</label>
          <select id={`${ids}-range`} value={draft.rangeId ?? ''} onChange={(e) => set({ rangeId: e.target.value || undefined })}>
            <option value="">everything kept</option>
            {RANGE_CHOICES.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <div className="logs-actions">
          <button type="submit" className="button primary" disabled={busy === 'search'}>
            {busy === 'search' ? 'Searching…' : 'Search'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft({});
              void search({});
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <div aria-live="polite" aria-busy={busy !== null}>
        {error ? <ErrorMessage error={error} retry={() => void search(cleanFilter(draft))} title="Log search failed" /> : null}
        {!shown && busy === 'search' && <Loading label="Searching logs…" />}
        {shown && shown.entries.length === 0 && (
          <Empty title="No log lines match">Loosen a filter: a wider time range, a lower level, or no text.</Empty>
        )}
        {shown && shown.entries.length > 0 && (
          <p className="muted logs-count">
            {shown.entries.length} {shown.entries.length === 1 ? 'line' : 'lines'}, newest first{shown.more ? '' : ' (all that match)'}
          </p>
        )}
      </div>
      {shown && shown.entries.length > 0 && (
        <>
          <ol className="log-lines" aria-label="Log lines, newest first">
            {shown.entries.map((entry, index) => (
              <LogLine key={`${index}:${entry.time}:${entry.spanId ?? ''}`} entry={entry} onOpenTrace={showTrace} />
            ))}
          </ol>
          {shown.more && (
            <button type="button" className="button logs-more" onClick={() => void loadOlder()} disabled={busy !== null}>
              {busy === 'more' ? 'Loading…' : `Load ${PAGE_SIZE} older lines`}
            </button>
          )}
        </>
      )}
    </section>
  );
}
