import type { PositionRange } from '../ast.js';
import { lineColumn } from '../errors.js';

/** Prometheus's query annotations: de-duplicated by text, the position rendered as ` (line:col)`. */
export class Annotations {
  readonly warnings = new Set<string>();
  readonly infos = new Set<string>();

  constructor(private readonly query: string | undefined) {}

  position(pos: PositionRange): string {
    if (this.query === undefined) return `1:${pos.start + 1}`;
    const { line, column } = lineColumn(this.query, pos.start);
    return `${line}:${column}`;
  }

  /** `message` is the full text without position, e.g. `PromQL warning: ...`. */
  add(kind: 'warning' | 'info', message: string, pos: PositionRange): void {
    const text = `${message} (${this.position(pos)})`;
    (kind === 'warning' ? this.warnings : this.infos).add(text);
  }

  warn(message: string, pos: PositionRange): void {
    this.add('warning', `PromQL warning: ${message}`, pos);
  }

  info(message: string, pos: PositionRange): void {
    this.add('info', `PromQL info: ${message}`, pos);
  }
}
