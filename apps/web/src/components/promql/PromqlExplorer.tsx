import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError, api } from '../../api/index.js';
import { Loading } from '../../app/feedback.js';
import { PromqlEditor } from './PromqlEditor.js';
import { PromqlError, PromqlNotes, PromqlRangeGraph, PromqlTable, type QueryOutcome } from './PromqlResultView.js';
import { drillNow, prometheusBase, useDrillStackId } from './drill-stack.js';
import type { PromAnswer } from './promql-result.js';
import { DEFAULT_RANGE_ID, RANGE_CHOICES, queryRangeEnding, rangeChoice } from './time-range.js';
import './promql.css';

export interface PromqlExplorerProps {
  drillId: string;
  stackId?: string | null;
  /** A query to start with (e.g. from a dashboard panel's "explore"). */
  initialQuery?: string;
  onOpenTrace?(traceId: string): void;
  onOpenLogs?(filter: { traceId?: string; service?: string }): void;
}

/** The message to show for a refused query: the engine's own words for the `query` field. */
function failureMessage(failure: unknown): string {
  if (failure instanceof ApiError) {
    const problem = failure.problems.find((candidate) => candidate.field === 'query' || candidate.field.startsWith('range'));
    return problem ? problem.message : failure.message;
  }
  return failure instanceof Error ? failure.message : String(failure);
}

/** Drill time as HH:MM:SS UTC, as the console shows it. */
const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/**
 * PromQL against the drill's stack. Queries go through the drill's recorded query tool
 * (`POST /api/drills/:id/query`), so the runbook adherence score sees what the team looked at;
 * completion reads the stack's Prometheus API directly (browsing names is not investigating).
 */
export function PromqlExplorer({ drillId, stackId: givenStackId, initialQuery = '' }: PromqlExplorerProps) {
  const stackId = useDrillStackId(drillId, givenStackId);
  const [query, setQuery] = useState(initialQuery);
  const [mode, setMode] = useState<'table' | 'graph'>('table');
  const [rangeId, setRangeId] = useState(DEFAULT_RANGE_ID);
  const [outcome, setOutcome] = useState<QueryOutcome | null>(null);
  const [failure, setFailure] = useState<{ message: string; query: string } | null>(null);
  const [running, setRunning] = useState(false);
  const inFlight = useRef<AbortController | null>(null);
  const ids = useId();

  useEffect(() => () => inFlight.current?.abort(), []);

  // The latest inputs for the editor's Enter key, which is bound once.
  const latest = useRef({ query, mode, rangeId, stackId });
  latest.current = { query, mode, rangeId, stackId };

  const run = useCallback(async () => {
    const { query: text, mode: runMode, rangeId: runRange, stackId: runStack } = latest.current;
    const trimmed = text.trim();
    if (!trimmed) {
      setFailure({ message: 'Type a PromQL query first, e.g. up or rate(http_requests_total[1m]).', query: '' });
      return;
    }
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setRunning(true);
    try {
      let answer: PromAnswer;
      let when: string;
      const path = `/api/drills/${encodeURIComponent(drillId)}/query`;
      if (runMode === 'graph') {
        if (!runStack) throw new Error('The drill has no running stack: it has not started yet, or it has ended.');
        const choice = rangeChoice(runRange);
        const range = queryRangeEnding(await drillNow(runStack, controller.signal), choice.seconds);
        answer = await api.post<PromAnswer>(path, { query: trimmed, range }, { signal: controller.signal });
        when = `${choice.label.toLowerCase()}, step ${range.step}s`;
      } else {
        answer = await api.post<PromAnswer>(path, { query: trimmed }, { signal: controller.signal });
        const at = answer.data.resultType === 'vector' ? answer.data.result[0]?.value[0] : answer.data.resultType === 'matrix' ? undefined : answer.data.result[0];
        when = at === undefined ? 'now' : `at ${clock(at * 1000)} UTC drill time`;
      }
      setOutcome({ query: trimmed, mode: runMode, answer, when });
      setFailure(null);
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      setFailure({ message: failureMessage(error), query: trimmed });
    } finally {
      if (inFlight.current === controller) {
        inFlight.current = null;
        setRunning(false);
      }
    }
  }, [drillId]);

  const changeMode = (next: 'table' | 'graph') => {
    setMode(next);
    latest.current.mode = next;
    // Switching view re-runs what was shown, as Prometheus's UI does.
    if (outcome) void run();
  };

  return (
    <section className="promql-explorer" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="explore-title">
        Query metrics (PromQL)
      </h3>
      <div className="promql-input-row">
        <div className="promql-input">
          <PromqlEditor value={query} onChange={setQuery} onRun={() => void run()} prometheusUrl={stackId ? prometheusBase(stackId) : null} />
          <p className="muted promql-help">Enter runs the query, Shift+Enter adds a line; Ctrl+Space suggests metrics, labels and functions.</p>
        </div>
        <button type="button" className="button primary" onClick={() => void run()} disabled={running}>
          {running ? 'Running…' : 'Run query'}
        </button>
      </div>
      <div className="promql-options">
        <div role="radiogroup" aria-label="Result view" className="segmented">
          {(['table', 'graph'] as const).map((option) => (
            <button key={option} type="button" role="radio" aria-checked={mode === option} className={mode === option ? 'selected' : ''} onClick={() => changeMode(option)}>
              {option === 'table' ? 'Table (now)' : 'Graph (range)'}
            </button>
          ))}
        </div>
        {mode === 'graph' && (
          <label>
            Range{' '}
            <select
              value={rangeId}
              onChange={(event) => {
                setRangeId(event.target.value);
                latest.current.rangeId = event.target.value;
                if (outcome) void run();
              }}
            >
              {RANGE_CHOICES.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div aria-live="polite" aria-busy={running} className="promql-result">
        {running && !outcome && <Loading label="Running the query…" />}
        {failure && <PromqlError message={failure.message} query={failure.query} />}
        {!failure && outcome && (
          <>
            <PromqlNotes answer={outcome.answer} />
            {outcome.mode === 'graph' ? <PromqlRangeGraph outcome={outcome} /> : <PromqlTable outcome={outcome} />}
          </>
        )}
      </div>
    </section>
  );
}
