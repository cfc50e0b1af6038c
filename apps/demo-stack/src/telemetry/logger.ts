import type { Tracer } from './tracing.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** One JSON object a line on stdout, carrying the current trace and span ids. */
export class Logger {
  constructor(
    private readonly service: string,
    private readonly replica: string,
    private readonly tracer: Tracer,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  debug(msg: string, fields?: LogFields): void {
    this.log('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.log('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.log('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.log('error', msg, fields);
  }

  log(level: LogLevel, msg: string, fields: LogFields = {}): void {
    const span = this.tracer.current();
    const entry = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      replica: this.replica,
      msg,
      trace_id: span?.traceId ?? null,
      span_id: span?.spanId ?? null,
      ...fields,
    };
    this.write(`${JSON.stringify(entry)}\n`);
  }
}
