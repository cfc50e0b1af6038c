import { parseExpr, type Expr } from '@firedrill/promql';

export type PromqlMetrics = { ok: true; metrics: string[] } | { ok: false; error: string };

/**
 * The metric names a PromQL expression selects (`foo{...}` or `{__name__="foo"}`), parsed with
 * the engine's own parser so a query that would not run is refused too. Regex name matchers
 * cannot be checked against a list and are left out.
 */
export function metricsOfPromql(query: string): PromqlMetrics {
  let expr: Expr;
  try {
    expr = parseExpr(query);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const names = new Set<string>();
  collect(expr, names);
  return { ok: true, metrics: [...names] };
}

function collect(expr: Expr, names: Set<string>): void {
  switch (expr.type) {
    case 'VectorSelector': {
      const name = expr.name ?? expr.matchers.find((matcher) => matcher.name === '__name__' && matcher.op === '=')?.value;
      if (name) names.add(name);
      return;
    }
    case 'MatrixSelector':
      return collect(expr.vector, names);
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      return collect(expr.expr, names);
    case 'BinaryExpr':
      collect(expr.lhs, names);
      return collect(expr.rhs, names);
    case 'AggregateExpr':
      if (expr.param) collect(expr.param, names);
      return collect(expr.expr, names);
    case 'Call':
      for (const arg of expr.args) collect(arg, names);
      return;
    case 'NumberLiteral':
    case 'StringLiteral':
      return;
  }
}
