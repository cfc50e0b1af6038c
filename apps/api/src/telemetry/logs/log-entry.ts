export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogEntry {
  /** Arrival order within the stack; newer entries have larger numbers. */
  readonly seq: number;
  /** Epoch ms: the line's own `time`/`ts` when it has one, else the stack clock at arrival. */
  readonly time: number;
  readonly level: LogLevel;
  readonly service: string;
  readonly replica: string;
  readonly msg: string;
  readonly traceId: string | null;
  readonly spanId: string | null;
  /** The line's other fields; empty for a line that was not JSON. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** The line as written, for text search. */
  readonly line: string;
}

/** Where a line came from, as the stack knows it (not as the line claims). */
export interface LogSource {
  service: string;
  replica: string;
}

const LEVEL_WORDS: Record<string, LogLevel> = {
  trace: 'debug',
  debug: 'debug',
  info: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  fatal: 'error',
  critical: 'error',
  crit: 'error',
  alert: 'error',
  emerg: 'error',
  panic: 'error',
};

/** Level words of common loggers, and pino's numbers (10 trace … 60 fatal); anything else is info. */
export function normalizeLevel(level: unknown): LogLevel {
  if (typeof level === 'number') return level >= 50 ? 'error' : level >= 40 ? 'warn' : level >= 30 ? 'info' : 'debug';
  if (typeof level === 'string') return LEVEL_WORDS[level.toLowerCase()] ?? 'info';
  return 'info';
}

/** `time` or `ts` as an ISO string, epoch ms, or epoch seconds (zap's float `ts`). */
function timeOf(fields: Record<string, unknown>): number | undefined {
  for (const value of [fields.time, fields.ts, fields.timestamp]) {
    if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? Math.round(value * 1000) : value;
    if (typeof value === 'string') {
      const parsed = Date.parse(value);
      if (!Number.isNaN(parsed)) return parsed;
    }
  }
  return undefined;
}

const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value.toLowerCase() : null);

/** One stdout line as an entry: the demo services' JSON, or any other text kept whole at level info. */
export function toLogEntry(
  line: string,
  source: LogSource,
  seq: number,
  arrivedAt: number,
  fromWallMs: (wallMs: number) => number = (wallMs) => wallMs,
): LogEntry {
  const base = { seq, service: source.service, replica: source.replica, line };
  let parsed: unknown;
  try {
    parsed = line.trimStart().startsWith('{') ? JSON.parse(line) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ...base, time: arrivedAt, level: 'info', msg: line, traceId: null, spanId: null, fields: {} };
  }
  const { time: _time, ts: _ts, level, msg, message, service: _service, replica: _replica, trace_id, traceId, span_id, spanId, ...fields } =
    parsed as Record<string, unknown>;
  const text = msg ?? message;
  return {
    ...base,
    time: mapDefined(timeOf(parsed as Record<string, unknown>), fromWallMs) ?? arrivedAt,
    level: normalizeLevel(level),
    msg: typeof text === 'string' ? text : text === undefined ? '' : JSON.stringify(text),
    traceId: idOf(trace_id ?? traceId),
    spanId: idOf(span_id ?? spanId),
    fields,
  };
}

function mapDefined(value: number | undefined, map: (value: number) => number): number | undefined {
  return value === undefined ? undefined : map(value);
}
