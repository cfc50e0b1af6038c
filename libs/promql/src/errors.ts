import type { PositionRange } from './ast.js';

/** Where a PromQL problem comes from; the HTTP API maps these to Prometheus's errorType. */
export type PromqlErrorType = 'bad_data' | 'execution' | 'timeout' | 'canceled';

/**
 * A PromQL error in Prometheus's words. Parse errors carry the position and render as
 * `1:5: parse error: unexpected ...` the way Prometheus does.
 */
export class PromqlError extends Error {
  constructor(
    message: string,
    readonly errorType: PromqlErrorType = 'execution',
    readonly position?: PositionRange,
  ) {
    super(message);
    this.name = 'PromqlError';
  }
}

/** Turns a character offset into Prometheus's `line:col` prefix (both 1-based). */
export function lineColumn(query: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < query.length; i++) {
    if (query[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseError(query: string, position: PositionRange, message: string): PromqlError {
  const { line, column } = lineColumn(query, position.start);
  return new PromqlError(`${line}:${column}: parse error: ${message}`, 'bad_data', position);
}
