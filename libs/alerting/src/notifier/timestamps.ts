/** Go's zero time, which Alertmanager writes as the `endsAt` of an alert that is still firing. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** RFC 3339 as Go marshals time.Time: UTC, fractional seconds only when there are any. */
export function formatTimestamp(ms: number | undefined): string {
  if (ms === undefined) return ZERO_TIME;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Parses an RFC 3339 timestamp (or passes ms through); undefined for absent or Go's zero time. */
export function parseTimestamp(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (value === '' || value.startsWith('0001-01-01T00:00:00')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? Number.NaN : ms;
}
