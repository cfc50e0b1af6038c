import type { Call, Expr } from '../ast.js';
import { RANGE_FUNCTIONS, type RangeFunctionContext, type RangeWindow } from '../functions/range-functions.js';
import { METRIC_NAME, withoutMetricName } from '../labels.js';
import type { Evaluator } from './evaluator.js';
import { unwrapParens } from './evaluator.js';
import { OutputBuilder } from './output-builder.js';
import { gridTime, type EvalValue, type MatrixValue } from './types.js';

/** last_over_time acts like an offset, so the name survives; every other range function drops it. */
const KEEPS_NAME = new Set(['last_over_time', 'first_over_time']);

/** Runs a kernel over each series' window at each step, walking the windows with two pointers. */
export function evalRangeCall(ev: Evaluator, call: Call, matrixArg: number): EvalValue {
  const kernel = RANGE_FUNCTIONS.get(call.func);
  if (kernel === undefined) throw new Error(`range function ${call.func} has no kernel`);
  const scalarArgs = call.args.flatMap((arg, i) => (i === matrixArg ? [] : [ev.evalScalar(arg)]));
  const matrix = ev.evalMatrix(call.args[matrixArg]!);
  const steps = ev.grid.count;
  const out = new OutputBuilder(steps);
  const keepName = KEEPS_NAME.has(call.func);
  const annotationPos = (call.func === 'quantile_over_time' ? call.args[0]! : call.args[matrixArg]!).pos;
  const annotations = ev.ctx.annotations;
  const context: RangeFunctionContext = {
    metricName: undefined,
    evaluationTimeMs: 0,
    annotate: (kind, message) => annotations.add(kind, message, annotationPos),
  };
  const args: number[] = new Array<number>(scalarArgs.length);
  const { range, windowEnds } = matrix;

  for (const series of matrix.series) {
    const { t } = series;
    const n = t.length;
    const window: RangeWindow = { t, v: series.v, start: 0, end: 0, rangeStart: 0, rangeEnd: 0 };
    context.metricName = series.labels[METRIC_NAME];
    let index = -1;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < steps; i++) {
      const end = windowEnds[i]!;
      const start = end - range;
      while (lo < n && t[lo]! <= start) lo++;
      if (hi < lo) hi = lo;
      while (hi < n && t[hi]! <= end) hi++;
      if (lo === hi) continue;
      window.start = lo;
      window.end = hi;
      window.rangeStart = start;
      window.rangeEnd = end;
      for (let a = 0; a < scalarArgs.length; a++) args[a] = scalarArgs[a]![i]!;
      context.evaluationTimeMs = gridTime(ev.grid, i);
      const value = kernel(window, args, context);
      if (value === undefined) continue;
      if (index < 0) index = out.indexFor(keepName ? series.labels : withoutMetricName(series.labels));
      out.set(index, i, value);
    }
  }
  return { type: 'vector', series: out.result() };
}

/** absent_over_time: 1 at the steps where no series has a sample in its window. */
export function evalAbsentOverTime(ev: Evaluator, call: Call): EvalValue {
  const matrix: MatrixValue = ev.evalMatrix(call.args[0]!);
  const steps = ev.grid.count;
  const covered = new Uint8Array(steps);
  for (const series of matrix.series) {
    const { t } = series;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < steps; i++) {
      const end = matrix.windowEnds[i]!;
      while (lo < t.length && t[lo]! <= end - matrix.range) lo++;
      if (hi < lo) hi = lo;
      while (hi < t.length && t[hi]! <= end) hi++;
      if (hi > lo) covered[i] = 1;
    }
  }
  const out = new OutputBuilder(steps);
  const index = out.indexFor(absentLabels(call.args[0]!));
  for (let i = 0; i < steps; i++) if (!covered[i]) out.set(index, i, 1);
  return { type: 'vector', series: out.result() };
}

/**
 * The labels `absent` reports: the equality matchers of the selector, except `__name__`; a label
 * matched more than once (or by another operator) is left out, as in Prometheus.
 */
export function absentLabels(arg: Expr): Record<string, string> {
  const inner = unwrapParens(arg);
  const selector = inner.type === 'VectorSelector' ? inner : inner.type === 'MatrixSelector' ? inner.vector : null;
  const labels: Record<string, string> = {};
  if (selector === null) return labels;
  const seen = new Set<string>();
  for (const matcher of selector.matchers) {
    if (matcher.name === METRIC_NAME) continue;
    if (matcher.op === '=' && !seen.has(matcher.name)) {
      if (matcher.value !== '') labels[matcher.name] = matcher.value;
      seen.add(matcher.name);
    } else {
      delete labels[matcher.name];
    }
  }
  return labels;
}
