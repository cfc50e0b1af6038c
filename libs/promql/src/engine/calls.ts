import type { Call } from '../ast.js';
import { PromqlError } from '../errors.js';
import { DATE_FUNCTION_NAMES } from '../functions/date-functions.js';
import { RANGE_FUNCTIONS } from '../functions/range-functions.js';
import { clampReturnsEmpty, SAMPLE_FUNCTIONS, type SampleFunction } from '../functions/sample-functions.js';
import { withoutMetricName } from '../labels.js';
import type { Evaluator } from './evaluator.js';
import { unwrapParens } from './evaluator.js';
import { evalHistogramFraction, evalHistogramQuantile } from './histogram-functions.js';
import { evalLabelJoin, evalLabelReplace, evalSort, evalSortByLabel } from './label-functions.js';
import { OutputBuilder } from './output-builder.js';
import { absentLabels, evalAbsentOverTime, evalRangeCall } from './range-calls.js';
import { evalVectorSelector } from './selectors.js';
import { gridTime, newSeries, type EvalValue, type InstantSeries } from './types.js';

const DATE_FUNCTIONS: ReadonlySet<string> = new Set(DATE_FUNCTION_NAMES);
/** Functions of native histograms only: float samples give no output. */
const NATIVE_HISTOGRAM_ONLY = new Set(['histogram_avg', 'histogram_count', 'histogram_sum', 'histogram_stddev', 'histogram_stdvar']);

type CallHandler = (ev: Evaluator, call: Call) => EvalValue;

const HANDLERS: ReadonlyMap<string, CallHandler> = new Map<string, CallHandler>([
  ['time', (ev) => ({ type: 'scalar', values: ev.times().map((t) => t / 1000) })],
  ['pi', (ev) => ({ type: 'scalar', values: new Float64Array(ev.grid.count).fill(Math.PI) })],
  ['vector', evalVectorFunction],
  ['scalar', evalScalarFunction],
  ['absent', evalAbsent],
  ['absent_over_time', evalAbsentOverTime],
  ['timestamp', evalTimestamp],
  ['sort', evalSort],
  ['sort_desc', evalSort],
  ['sort_by_label', evalSortByLabel],
  ['sort_by_label_desc', evalSortByLabel],
  ['label_replace', evalLabelReplace],
  ['label_join', evalLabelJoin],
  ['histogram_quantile', evalHistogramQuantile],
  ['histogram_fraction', evalHistogramFraction],
]);

export function evalCall(ev: Evaluator, call: Call): EvalValue {
  const handler = HANDLERS.get(call.func);
  if (handler) return handler(ev, call);
  if (NATIVE_HISTOGRAM_ONLY.has(call.func)) {
    ev.evalVector(call.args[0]!);
    return { type: 'vector', series: [] };
  }
  if (RANGE_FUNCTIONS.has(call.func)) {
    const matrixArg = call.args.findIndex((arg) => {
      const inner = unwrapParens(arg);
      return inner.type === 'MatrixSelector' || inner.type === 'SubqueryExpr';
    });
    if (matrixArg >= 0) return evalRangeCall(ev, call, matrixArg);
  }
  const sampleFunction = SAMPLE_FUNCTIONS.get(call.func);
  if (sampleFunction) {
    if (call.args.length === 0 && DATE_FUNCTIONS.has(call.func)) return dateOfEvaluationTime(ev, sampleFunction);
    return mapSamples(ev, call, sampleFunction);
  }
  throw new PromqlError(`function "${call.func}" is not supported`, 'bad_data', call.pos);
}

/** Per-sample functions (math, clamp, round, dates): the name is dropped, scalar arguments vary per step. */
function mapSamples(ev: Evaluator, call: Call, fn: SampleFunction): EvalValue {
  const scalarArgs = call.args.slice(1).map((arg) => ev.evalScalar(arg));
  const input = ev.evalVector(call.args[0]!);
  const steps = ev.grid.count;
  const isClamp = call.func === 'clamp';
  const args = new Array<number>(scalarArgs.length);
  const out = new OutputBuilder(steps);
  const indexes = input.map((s) => out.indexFor(withoutMetricName(s.labels)));
  for (let i = 0; i < steps; i++) {
    for (let a = 0; a < scalarArgs.length; a++) args[a] = scalarArgs[a]![i]!;
    if (isClamp && clampReturnsEmpty(args[0]!, args[1]!)) continue;
    const t = gridTime(ev.grid, i);
    for (let s = 0; s < input.length; s++) {
      const series = input[s]!;
      if (series.present[i]) out.set(indexes[s]!, i, fn(series.values[i]!, args, t));
    }
  }
  return { type: 'vector', series: out.result() };
}

/** `hour()` and friends without an argument mean `hour(vector(time()))`. */
function dateOfEvaluationTime(ev: Evaluator, fn: SampleFunction): EvalValue {
  const series = newSeries({}, ev.grid.count);
  for (let i = 0; i < ev.grid.count; i++) {
    const t = gridTime(ev.grid, i);
    series.values[i] = fn(t / 1000, [], t);
    series.present[i] = 1;
  }
  return { type: 'vector', series: ev.grid.count > 0 ? [series] : [] };
}

function evalVectorFunction(ev: Evaluator, call: Call): EvalValue {
  const values = ev.evalScalar(call.args[0]!);
  const series: InstantSeries = { labels: {}, values: Float64Array.from(values), present: new Uint8Array(values.length).fill(1) };
  return { type: 'vector', series: values.length > 0 ? [series] : [] };
}

/** scalar(v): the only sample's value, NaN when the vector has none or several. */
function evalScalarFunction(ev: Evaluator, call: Call): EvalValue {
  const input = ev.evalVector(call.args[0]!);
  const values = new Float64Array(ev.grid.count).fill(NaN);
  const counts = new Uint32Array(ev.grid.count);
  for (const series of input) {
    for (let i = 0; i < ev.grid.count; i++) {
      if (!series.present[i]) continue;
      counts[i]!++;
      values[i] = counts[i] === 1 ? series.values[i]! : NaN;
    }
  }
  return { type: 'scalar', values };
}

function evalAbsent(ev: Evaluator, call: Call): EvalValue {
  const input = ev.evalVector(call.args[0]!);
  const out = new OutputBuilder(ev.grid.count);
  const index = out.indexFor(absentLabels(call.args[0]!));
  for (let i = 0; i < ev.grid.count; i++) {
    if (!input.some((s) => s.present[i])) out.set(index, i, 1);
  }
  return { type: 'vector', series: out.result() };
}

/**
 * timestamp(v): the sample's own time for a plain selector (hence the special case, as in
 * Prometheus), otherwise the evaluation time. The name is dropped.
 */
function evalTimestamp(ev: Evaluator, call: Call): EvalValue {
  const arg = unwrapParens(call.args[0]!);
  const steps = ev.grid.count;
  const input =
    arg.type === 'VectorSelector' ? evalVectorSelector(ev.ctx, ev.grid, arg, true) : ev.evalVector(call.args[0]!);
  const fromSelector = arg.type === 'VectorSelector';
  const out = new OutputBuilder(steps);
  for (const series of input) {
    const index = out.indexFor(withoutMetricName(series.labels));
    for (let i = 0; i < steps; i++) {
      if (series.present[i]) out.set(index, i, fromSelector ? series.values[i]! : gridTime(ev.grid, i) / 1000);
    }
  }
  return { type: 'vector', series: out.result() };
}
