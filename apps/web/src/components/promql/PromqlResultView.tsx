import { Empty } from '../../app/feedback.js';
import { PromqlGraph } from './PromqlGraph.js';
import { MAX_GRAPH_SERIES, errorPointer, parseErrorPosition, toChartData, toTableRows, type PromAnswer } from './promql-result.js';

export interface QueryOutcome {
  query: string;
  mode: 'table' | 'graph';
  answer: PromAnswer;
  /** What the run covered, in words (e.g. "at 12:04:31" or "last 15 minutes"). */
  when: string;
}

/** An instant query's series and values. */
export function PromqlTable({ outcome }: { outcome: QueryOutcome }) {
  const rows = toTableRows(outcome.answer.data);
  if (rows.length === 0) return <Empty title="No data">The query selects no series at this time. Check the metric name and labels, or try a wider range.</Empty>;
  return (
    <div className="table-scroll">
      <table className="table promql-table">
        <caption>
          {rows.length} {rows.length === 1 ? 'result' : 'results'} {outcome.when}
        </caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td className="promql-series">{row.series}</td>
              <td className="promql-value" title={row.raw}>
                {row.value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A range query's series as a graph. */
export function PromqlRangeGraph({ outcome }: { outcome: QueryOutcome }) {
  const chart = toChartData(outcome.answer.data);
  if (chart.names.length === 0 || chart.times.length === 0) {
    return <Empty title="No data">The query selects no series in this range. Check the metric name and labels, or try a wider range.</Empty>;
  }
  const total = outcome.answer.data.resultType === 'matrix' ? outcome.answer.data.result.length : chart.names.length;
  return (
    <>
      <PromqlGraph data={chart} title={`${total} ${total === 1 ? 'series' : 'series'}, ${outcome.when} (drill time)`} />
      {total > MAX_GRAPH_SERIES && (
        <p className="muted">
          Showing the first {MAX_GRAPH_SERIES} of {total} series; aggregate (e.g. <code>sum by (service)</code>) to see them all.
        </p>
      )}
    </>
  );
}

/** Warnings and infos Prometheus attaches to a successful answer (e.g. a rate over a counter reset). */
export function PromqlNotes({ answer }: { answer: PromAnswer }) {
  const notes = [...(answer.warnings ?? []).map((text) => ({ text, kind: 'warning' })), ...(answer.infos ?? []).map((text) => ({ text, kind: 'info' }))];
  if (notes.length === 0) return null;
  return (
    <ul className="promql-notes">
      {notes.map((note) => (
        <li key={note.text} className={`promql-note-${note.kind}`}>
          {note.kind === 'warning' ? 'Warning: ' : 'Note: '}
          {note.text}
        </li>
      ))}
    </ul>
  );
}

/** A refused query: the engine's message, and for a parse error the query with a caret under the spot. */
export function PromqlError({ message, query }: { message: string; query: string }) {
  const position = parseErrorPosition(message);
  const pointer = position ? errorPointer(query, position) : null;
  return (
    <div className="error-message promql-error" role="alert">
      {position ? (
        <span>
          Parse error at line {position.line}, column {position.column}: {position.message}
        </span>
      ) : (
        <span>{message}</span>
      )}
      {pointer && (
        <pre aria-hidden="true">
          {pointer.line}
          {'\n'}
          <span className="promql-caret">{pointer.caret}</span>
        </pre>
      )}
    </div>
  );
}
