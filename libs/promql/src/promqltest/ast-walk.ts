import type { AtModifier, Expr, VectorSelector } from '../ast.js';

/** Calls `visit` on every node, parents before children. */
export function walkExpr(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  for (const child of children(expr)) walkExpr(child, visit);
}

function children(expr: Expr): Expr[] {
  switch (expr.type) {
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return [expr.expr];
    case 'MatrixSelector':
      return [expr.vector];
    case 'BinaryExpr':
      return [expr.lhs, expr.rhs];
    case 'AggregateExpr':
      return expr.param ? [expr.param, expr.expr] : [expr.expr];
    case 'Call':
      return expr.args;
    default:
      return [];
  }
}

export function vectorSelectors(expr: Expr): VectorSelector[] {
  const found: VectorSelector[] = [];
  walkExpr(expr, (node) => {
    if (node.type === 'VectorSelector') found.push(node);
  });
  return found;
}

/** Functions whose result changes with the evaluation time even when their arguments do not. */
const AT_MODIFIER_UNSAFE_FUNCTIONS = new Set([
  'days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'hour', 'minute', 'month', 'year',
  'predict_linear', 'time', 'timestamp',
]);

/**
 * promqltest's extra instant checks: the same query with every top-level selector and subquery
 * pinned `@` the evaluation time must give the same result at other evaluation times. Returns
 * the pinned expression and those times, or null when the expression uses a time-dependent
 * function (Prometheus skips those too).
 */
export function atModifierVariants(expr: Expr, evalMs: number): { expr: Expr; times: number[] } | null {
  let unsafe = false;
  walkExpr(expr, (node) => {
    if (node.type === 'Call' && AT_MODIFIER_UNSAFE_FUNCTIONS.has(node.func)) unsafe = true;
  });
  if (unsafe) return null;
  const pinned = structuredClone(expr);
  pin(pinned, { kind: 'timestamp', ms: evalMs });
  const times = evalMs === 0 ? [-1000, 0, 1000] : [-10 * evalMs, 0, Math.trunc(evalMs / 5), evalMs, 10 * evalMs];
  return { expr: pinned, times };
}

/** Like the Go version, `@ start()`/`@ end()` are overridden too; nothing inside a subquery is touched. */
function pin(expr: Expr, at: AtModifier): void {
  switch (expr.type) {
    case 'VectorSelector':
      if (expr.at?.kind !== 'timestamp') expr.at = at;
      return;
    case 'MatrixSelector':
      pin(expr.vector, at);
      return;
    case 'SubqueryExpr':
      if (expr.at?.kind !== 'timestamp') expr.at = at;
      return;
    default:
      for (const child of children(expr)) pin(child, at);
  }
}
