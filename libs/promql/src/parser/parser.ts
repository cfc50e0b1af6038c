import type { Expr, LabelMatcher } from '../ast.js';

export interface ParseOptions {
  /** Accept experimental functions and aggregations (otherwise they are a parse error). */
  enableExperimental?: boolean;
}

/** Parses and type-checks a PromQL expression; throws PromqlError (errorType bad_data) with the position. */
export function parseExpr(_query: string, _options: ParseOptions = {}): Expr {
  throw new Error('parseExpr: being implemented');
}

/** Parses a series selector such as `up{job="x"}` (the `match[]` of the HTTP API) into matchers. */
export function parseSeriesSelector(_selector: string): LabelMatcher[] {
  throw new Error('parseSeriesSelector: being implemented');
}

/** Parses a Prometheus duration (`1h30m`, `5m`, `10s53ms`) into ms; throws on a malformed one. */
export function parseDuration(_text: string): number {
  throw new Error('parseDuration: being implemented');
}

/** Renders ms as Prometheus does (`1h30m`, `0s`). */
export function formatDuration(_ms: number): string {
  throw new Error('formatDuration: being implemented');
}

/** Renders an expression back to PromQL text (rule export, error messages). */
export function exprToString(_expr: Expr): string {
  throw new Error('exprToString: being implemented');
}
