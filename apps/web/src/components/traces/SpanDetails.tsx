import { attributePairs, formatDuration, spanKindName, type WaterfallRow } from './waterfall.js';

/** A span's facts and attributes, and the way to the logs it wrote. */
export function SpanDetails({
  id,
  row,
  traceId,
  onOpenLogs,
}: {
  id: string;
  row: WaterfallRow;
  traceId: string;
  onOpenLogs?(filter: { traceId?: string; service?: string }): void;
}) {
  const { span } = row;
  const attributes = attributePairs(span.attributes);
  return (
    <div id={id} className="span-details">
      <dl className="span-facts">
        <div>
          <dt>Operation</dt>
          <dd>{span.name}</dd>
        </div>
        <div>
          <dt>Service</dt>
          <dd>
            {span.service}
            {span.replica ? ` (${span.replica})` : ''}
          </dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{spanKindName(span.kind)}</dd>
        </div>
        <div>
          <dt>Starts</dt>
          <dd>+{formatDuration(span.offsetMs)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(span.durationMs)}</dd>
        </div>
        <div>
          <dt>Own time</dt>
          <dd>{formatDuration(row.selfMs)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd className={span.error ? 'danger-text' : undefined}>{span.error ? 'error' : 'ok'}</dd>
        </div>
      </dl>
      {attributes.length > 0 ? (
        <table className="table span-attributes">
          <caption className="visually-hidden">Attributes of {span.name}</caption>
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {attributes.map(([key, value]) => (
              <tr key={key}>
                <td>
                  <code>{key}</code>
                </td>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No attributes.</p>
      )}
      {onOpenLogs && (
        <button type="button" className="button small" onClick={() => onOpenLogs({ traceId, service: span.service })}>
          Show {span.service} logs of this trace
        </button>
      )}
    </div>
  );
}
