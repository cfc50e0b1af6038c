import { fieldPairs, logClock, type LogEntryView } from './logs-query.js';

/** One log line: time, level (coloured and spelled out), where it came from, the message, its fields. */
export function LogLine({ entry, onOpenTrace }: { entry: LogEntryView; onOpenTrace(traceId: string): void }) {
  const pairs = fieldPairs(entry.fields);
  return (
    <li className={`log-line log-${entry.level}`}>
      <time className="log-time" dateTime={entry.time} title={`${entry.time} (drill time, UTC)`}>
        {logClock(entry.time)}
      </time>
      <span className={`log-level log-level-${entry.level}`}>{entry.level}</span>
      <span className="log-source" title={entry.replica}>
        {entry.replica || entry.service}
      </span>
      <span className="log-msg">{entry.msg}</span>
      {(pairs.length > 0 || entry.traceId) && (
        <span className="log-fields">
          {pairs.map(([key, value]) => (
            <span key={key} className={key === 'error' ? 'log-field log-field-error' : 'log-field'}>
              <span className="log-key">{key}=</span>
              {value}
            </span>
          ))}
          {entry.traceId && (
            <button type="button" className="link-button log-trace" onClick={() => onOpenTrace(entry.traceId!)} title={`Open trace ${entry.traceId}`}>
              trace {entry.traceId.slice(0, 8)}…
            </button>
          )}
        </span>
      )}
    </li>
  );
}
