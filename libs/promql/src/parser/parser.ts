import type { Expr, LabelMatcher } from '../ast.js';
import { parseError, PromqlError } from '../errors.js';
import { DurationError, formatDuration as formatMs, parseDuration as parseMs } from './duration.js';
import { AstBuilder } from './lezer-to-ast.js';
import { printExpr } from './print.js';
import { parseSource } from './syntax.js';
import { TypeChecker } from './type-check.js';

export interface ParseOptions {
  /** Accept experimental functions and aggregations (otherwise they are a parse error). */
  enableExperimental?: boolean;
}

/** Parses and type-checks a PromQL expression; throws PromqlError (errorType bad_data) with the position. */
export function parseExpr(query: string, options: ParseOptions = {}): Expr {
  const source = parseSource(query);
  const expr = new AstBuilder(query, source, { enableExperimental: options.enableExperimental ?? false }).build();
  new TypeChecker(query).check(expr);
  return expr;
}

/** Parses a series selector such as `up{job="x"}` (the `match[]` of the HTTP API) into matchers. */
export function parseSeriesSelector(selector: string): LabelMatcher[] {
  const expr = parseExpr(selector);
  if (expr.type !== 'VectorSelector' || expr.offset !== 0 || expr.at !== null) {
    throw parseError(selector, expr.pos, `expected a series selector, got ${selector.trim() === '' ? 'nothing' : 'an expression'}`);
  }
  return expr.matchers;
}

/** Parses a Prometheus duration (`1h30m`, `5m`, `10s53ms`) into ms; throws on a malformed one. */
export function parseDuration(text: string): number {
  try {
    return parseMs(text);
  } catch (error) {
    if (error instanceof DurationError) throw new PromqlError(error.message, 'bad_data');
    throw error;
  }
}

/** Renders ms as Prometheus does (`1h30m`, `0s`). */
export function formatDuration(ms: number): string {
  return formatMs(ms);
}

/** Renders an expression back to PromQL text (rule export, error messages). */
export function exprToString(expr: Expr): string {
  return printExpr(expr);
}
