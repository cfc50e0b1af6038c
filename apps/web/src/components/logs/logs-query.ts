/**
 * The logs explorer's filters and results, as pure functions: the query string sent to
 * `GET /api/drills/:id/logs`, paging back in time, and how an entry is shown.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One entry as the API answers it (`time` is drill time, RFC 3339). */
export interface LogEntryView {
  time: string;
  service: string;
  replica: string;
  level: LogLevel;
  msg: string;
  traceId: string | null;
  spanId: string | null;
  fields: Record<string, unknown>;
}

export interface LogsFilter {
  service?: string;
  /** Minimum level: warn finds warn and error. */
  level?: LogLevel;
  text?: string;
  traceId?: string;
  /** A RANGE_CHOICES id, or absent for everything the stack still holds. */
  rangeId?: string;
}

export const PAGE_SIZE = 100;

const TRACE_ID = /^[0-9a-f]{32}$/i;

export function isTraceId(value: string): boolean {
  return TRACE_ID.test(value.trim());
}

/** Problems to fix before asking (the API would answer 400); empty when the filter is fine. */
export function filterProblems(filter: LogsFilter): string[] {
  const traceId = filter.traceId?.trim();
  return traceId && !isTraceId(traceId) ? ['A trace id is 32 hexadecimal digits (copy it from a trace or a log line).'] : [];
}

/** The filter without blank fields, trimmed: what the URL and the request carry. */
export function cleanFilter(filter: LogsFilter): LogsFilter {
  const clean: LogsFilter = {};
  const service = filter.service?.trim();
  const text = filter.text?.trim();
  const traceId = filter.traceId?.trim().toLowerCase();
  if (service) clean.service = service;
  if (filter.level && LOG_LEVELS.includes(filter.level)) clean.level = filter.level;
  if (text) clean.text = text;
  if (traceId) clean.traceId = traceId;
  if (filter.rangeId) clean.rangeId = filter.rangeId;
  return clean;
}

/**
 * `?service=…&level=…&q=…&traceId=…&from=…&to=…&limit=…`. `from`/`to` are drill-time epoch ms;
 * `to` pages back: the API answers newest first, so the next page ends at the oldest entry shown.
 */
export function logsSearch(filter: LogsFilter, window: { from?: number; to?: number }, limit = PAGE_SIZE): string {
  const clean = cleanFilter(filter);
  const params = new URLSearchParams();
  if (clean.service) params.set('service', clean.service);
  if (clean.level) params.set('level', clean.level);
  if (clean.text) params.set('q', clean.text);
  if (clean.traceId) params.set('traceId', clean.traceId);
  if (window.from !== undefined) params.set('from', String(Math.floor(window.from)));
  if (window.to !== undefined) params.set('to', String(Math.ceil(window.to)));
  params.set('limit', String(limit));
  return `?${params.toString()}`;
}

/** Identity of an entry across pages (the API has no id; the next page repeats the boundary millisecond). */
export function entryKey(entry: LogEntryView): string {
  return `${entry.time}|${entry.replica}|${entry.spanId ?? ''}|${entry.level}|${entry.msg}`;
}

/**
 * The shown entries followed by an older page, without the entries both share. An entry identical
 * in every field to one shown is taken as the same line: rare for real duplicates, and harmless.
 */
export function appendOlder(shown: readonly LogEntryView[], older: readonly LogEntryView[]): LogEntryView[] {
  const seen = new Set(shown.map(entryKey));
  return [...shown, ...older.filter((entry) => !seen.has(entryKey(entry)))];
}

/** Where the next (older) page ends: the oldest time shown, in epoch ms. */
export function olderPageEnd(shown: readonly LogEntryView[]): number | undefined {
  const last = shown[shown.length - 1];
  return last ? Date.parse(last.time) : undefined;
}

/** A page as long as asked for means older entries may remain. */
export function mayHaveMore(pageLength: number, limit = PAGE_SIZE): boolean {
  return pageLength >= limit;
}

/** The entry's extra fields as `key=value` pairs, in a stable order, values JSON-ish. */
export function fieldPairs(fields: Record<string, unknown>): Array<[string, string]> {
  return Object.keys(fields)
    .sort()
    .map((key) => {
      const value = fields[key];
      return [key, typeof value === 'string' ? value : JSON.stringify(value)];
    });
}

/** `12:04:31.245`: drill time in UTC, as the console shows it (it is not the viewer's clock). */
export function logClock(time: string): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toISOString().slice(11, 23);
}
