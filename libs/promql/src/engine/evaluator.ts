import type { Expr, SubqueryExpr, UnaryExpr } from '../ast.js';
import { PromqlError } from '../errors.js';
import { withoutMetricName } from '../labels.js';
import { evalAggregate } from './aggregations.js';
import { evalBinary } from './binary.js';
import { evalCall } from './calls.js';
import type { EvalContext } from './context.js';
import { OutputBuilder } from './output-builder.js';
import { evalMatrixSelector, evalVectorSelector } from './selectors.js';
import {
  gridEnd,
  gridTime,
  type EvalValue,
  type InstantSeries,
  type MatrixValue,
  type RangeSeries,
  type StepGrid,
} from './types.js';

/**
 * Evaluates an expression at every step of a grid at once. A range query is a grid of many steps,
 * an instant query a grid of one; subqueries evaluate their inner expression on a grid of their own.
 */
export class Evaluator {
  constructor(
    readonly ctx: EvalContext,
    readonly grid: StepGrid,
  ) {}

  eval(expr: Expr): EvalValue {
    const before = this.ctx.currentSamples;
    const value = this.evalNode(expr);
    // Like Prometheus, a node's inputs are released once its output exists; the output stays held.
    this.ctx.currentSamples = before;
    this.ctx.hold(heldSamples(value));
    return value;
  }

  evalVector(expr: Expr): InstantSeries[] {
    const value = this.eval(expr);
    if (value.type !== 'vector') throw new PromqlError(`expected instant vector, got ${value.type}`);
    return value.series;
  }

  evalScalar(expr: Expr): Float64Array {
    const value = this.eval(expr);
    if (value.type !== 'scalar') throw new PromqlError(`expected scalar, got ${value.type}`);
    return value.values;
  }

  evalMatrix(expr: Expr): MatrixValue {
    const value = this.eval(expr);
    if (value.type !== 'matrix') throw new PromqlError(`expected range vector, got ${value.type}`);
    return value;
  }

  evalString(expr: Expr): string {
    const inner = unwrapParens(expr);
    if (inner.type !== 'StringLiteral') throw new PromqlError('expected string literal');
    return inner.value;
  }

  times(): Float64Array {
    const times = new Float64Array(this.grid.count);
    for (let i = 0; i < this.grid.count; i++) times[i] = gridTime(this.grid, i);
    return times;
  }

  private evalNode(expr: Expr): EvalValue {
    switch (expr.type) {
      case 'NumberLiteral':
        return { type: 'scalar', values: new Float64Array(this.grid.count).fill(expr.value) };
      case 'StringLiteral':
        return { type: 'string', value: expr.value };
      case 'ParenExpr':
        return this.eval(expr.expr);
      case 'UnaryExpr':
        return this.evalUnary(expr);
      case 'VectorSelector':
        return { type: 'vector', series: evalVectorSelector(this.ctx, this.grid, expr) };
      case 'MatrixSelector':
        return evalMatrixSelector(this.ctx, this.grid, expr);
      case 'SubqueryExpr':
        return this.evalSubquery(expr);
      case 'BinaryExpr':
        return evalBinary(this, expr);
      case 'AggregateExpr':
        return evalAggregate(this, expr);
      case 'Call':
        return evalCall(this, expr);
    }
  }

  private evalUnary(expr: UnaryExpr): EvalValue {
    const value = this.eval(expr.expr);
    if (expr.op === '+') return value;
    if (value.type === 'scalar') return { type: 'scalar', values: value.values.map((v) => -v) };
    if (value.type !== 'vector') throw new PromqlError(`unary minus is not defined on ${value.type}`);
    const out = new OutputBuilder(this.grid.count);
    for (const series of value.series) {
      const index = out.indexFor(withoutMetricName(series.labels));
      for (let i = 0; i < this.grid.count; i++) if (series.present[i]) out.set(index, i, -series.values[i]!);
    }
    return { type: 'vector', series: out.result() };
  }

  /**
   * The inner expression runs on its own grid: absolute multiples of the subquery step inside
   * (first window start, last window end], so every outer step's window picks its share.
   */
  private evalSubquery(node: SubqueryExpr): MatrixValue {
    const at = this.ctx.resolveAt(node.at);
    const windowEnds = new Float64Array(this.grid.count);
    for (let i = 0; i < this.grid.count; i++) windowEnds[i] = (at ?? gridTime(this.grid, i)) - node.offset;
    if (this.grid.count === 0) return { type: 'matrix', series: [], range: node.range, windowEnds };
    const step = node.step > 0 ? node.step : this.ctx.settings.defaultSubqueryStepMs;
    const innerStart = Math.floor((windowEnds[0]! - node.range) / step) * step + step;
    const innerEnd = at === null ? gridEnd(this.grid) - node.offset : windowEnds[0]!;
    const count = innerEnd >= innerStart ? Math.floor((innerEnd - innerStart) / step) + 1 : 0;
    const inner = new Evaluator(this.ctx, { start: innerStart, step, count });
    const series: RangeSeries[] = [];
    for (const s of inner.evalVector(node.expr)) {
      const t: number[] = [];
      const v: number[] = [];
      for (let i = 0; i < count; i++) {
        if (!s.present[i]) continue;
        t.push(innerStart + i * step);
        v.push(s.values[i]!);
      }
      series.push({ labels: s.labels, t, v });
    }
    return { type: 'matrix', series, range: node.range, windowEnds };
  }
}

export function unwrapParens(expr: Expr): Expr {
  let current = expr;
  while (current.type === 'ParenExpr') current = current.expr;
  return current;
}

function heldSamples(value: EvalValue): number {
  switch (value.type) {
    case 'scalar':
      return value.values.length;
    case 'string':
      return 0;
    case 'matrix': {
      let total = 0;
      for (const s of value.series) total += s.t.length;
      return total;
    }
    case 'vector': {
      let total = 0;
      for (const s of value.series) {
        const present = s.present;
        for (let i = 0; i < present.length; i++) total += present[i]!;
      }
      return total;
    }
  }
}
