import type { ArithmeticOp, BinaryExpr, BinaryOp, ComparisonOp } from '../ast.js';
import { PromqlError } from '../errors.js';
import { withoutMetricName } from '../labels.js';
import type { Evaluator } from './evaluator.js';
import { OutputBuilder } from './output-builder.js';
import type { EvalValue, InstantSeries } from './types.js';
import { evalSetOperation, evalVectorMatching } from './vector-matching.js';

const COMPARISONS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);

export function isComparison(op: BinaryOp): op is ComparisonOp {
  return COMPARISONS.has(op);
}

/** Go's math.Pow where it differs from IEEE/JS: 1^y and (-1)^±Inf are 1. */
function goPow(base: number, exponent: number): number {
  if (base === 1) return 1;
  if (base === -1 && (exponent === Infinity || exponent === -Infinity)) return 1;
  return base ** exponent;
}

export function arithmetic(op: ArithmeticOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      return l % r; // same as Go's math.Mod: sign of the dividend, NaN for x % 0
    case '^':
      return goPow(l, r);
    case 'atan2':
      return Math.atan2(l, r);
  }
}

export function compare(op: ComparisonOp, l: number, r: number): boolean {
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '>':
      return l > r;
    case '<':
      return l < r;
    case '>=':
      return l >= r;
    case '<=':
      return l <= r;
  }
}

export function evalBinary(ev: Evaluator, expr: BinaryExpr): EvalValue {
  const lhs = ev.eval(expr.lhs);
  const rhs = ev.eval(expr.rhs);
  const op = expr.op;
  if (lhs.type === 'scalar' && rhs.type === 'scalar') {
    const values = new Float64Array(lhs.values.length);
    for (let i = 0; i < values.length; i++) {
      const l = lhs.values[i]!;
      const r = rhs.values[i]!;
      values[i] = isComparison(op) ? (compare(op, l, r) ? 1 : 0) : arithmetic(op as ArithmeticOp, l, r);
    }
    return { type: 'scalar', values };
  }
  if (lhs.type === 'vector' && rhs.type === 'scalar') return vectorScalar(ev, expr, lhs.series, rhs.values, false);
  if (lhs.type === 'scalar' && rhs.type === 'vector') return vectorScalar(ev, expr, rhs.series, lhs.values, true);
  if (lhs.type === 'vector' && rhs.type === 'vector') {
    if (op === 'and' || op === 'or' || op === 'unless') return evalSetOperation(ev, expr, lhs.series, rhs.series);
    return evalVectorMatching(ev, expr, lhs.series, rhs.series);
  }
  throw new PromqlError(`binary expression must contain only scalar and instant vector types`);
}

/**
 * Vector op scalar (or scalar op vector when `scalarOnLeft`). Comparisons filter and keep the
 * vector's value and name; arithmetic and `bool` drop the name.
 */
function vectorScalar(
  ev: Evaluator,
  expr: BinaryExpr,
  vector: InstantSeries[],
  scalar: Float64Array,
  scalarOnLeft: boolean,
): EvalValue {
  const op = expr.op;
  const comparison = isComparison(op);
  const dropName = !comparison || expr.returnBool;
  const steps = ev.grid.count;
  const out = new OutputBuilder(steps);
  for (const series of vector) {
    const index = out.indexFor(dropName ? withoutMetricName(series.labels) : series.labels);
    const { values, present } = series;
    for (let i = 0; i < steps; i++) {
      if (!present[i]) continue;
      const sample = values[i]!;
      const l = scalarOnLeft ? scalar[i]! : sample;
      const r = scalarOnLeft ? sample : scalar[i]!;
      if (!comparison) {
        out.set(index, i, arithmetic(op as ArithmeticOp, l, r));
        continue;
      }
      const keep = compare(op, l, r);
      if (expr.returnBool) out.set(index, i, keep ? 1 : 0);
      else if (keep) out.set(index, i, sample);
    }
  }
  return { type: 'vector', series: out.result() };
}
