import type { ValueType } from '../ast.js';

/**
 * The type signature of every PromQL function the parser accepts, as in Prometheus's
 * promql/parser/functions.go. The parser checks calls against it; the evaluator implements them.
 */
export interface FunctionSignature {
  name: string;
  argTypes: ValueType[];
  /**
   * 0: exactly argTypes.length arguments. n > 0: the last n arguments are optional.
   * -1: the last argument type may repeat any number of times (label_join, sort_by_label).
   */
  variadic: number;
  returnType: ValueType;
  /** Behind Prometheus's `promql-experimental-functions` feature flag. */
  experimental?: boolean;
}

const v: ValueType = 'vector';
const m: ValueType = 'matrix';
const s: ValueType = 'scalar';
const str: ValueType = 'string';

function fn(name: string, argTypes: ValueType[], returnType: ValueType, variadic = 0, experimental = false): FunctionSignature {
  return experimental ? { name, argTypes, variadic, returnType, experimental } : { name, argTypes, variadic, returnType };
}

const vectorMath = [
  'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'deg', 'exp', 'floor',
  'ln', 'log10', 'log2', 'rad', 'sgn', 'sin', 'sinh', 'sqrt', 'tan', 'tanh',
];
const overTime = [
  'avg_over_time', 'count_over_time', 'last_over_time', 'max_over_time', 'min_over_time', 'present_over_time',
  'stddev_over_time', 'stdvar_over_time', 'sum_over_time', 'absent_over_time',
];
const rangeToVector = ['changes', 'delta', 'deriv', 'idelta', 'increase', 'irate', 'rate', 'resets'];
const dateFunctions = ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'];
const histogramProperties = ['histogram_avg', 'histogram_count', 'histogram_sum', 'histogram_stddev', 'histogram_stdvar'];

const list: FunctionSignature[] = [
  ...vectorMath.map((name) => fn(name, [v], v)),
  ...overTime.map((name) => fn(name, [m], v)),
  ...rangeToVector.map((name) => fn(name, [m], v)),
  ...dateFunctions.map((name) => fn(name, [v], v, 1)),
  ...histogramProperties.map((name) => fn(name, [v], v)),
  fn('absent', [v], v),
  fn('clamp', [v, s, s], v),
  fn('clamp_max', [v, s], v),
  fn('clamp_min', [v, s], v),
  fn('histogram_fraction', [s, s, v], v),
  fn('histogram_quantile', [s, v], v),
  fn('label_join', [v, str, str, str], v, -1),
  fn('label_replace', [v, str, str, str, str], v),
  fn('pi', [], s),
  fn('predict_linear', [m, s], v),
  fn('quantile_over_time', [s, m], v),
  fn('round', [v, s], v, 1),
  fn('scalar', [v], s),
  fn('sort', [v], v),
  fn('sort_desc', [v], v),
  fn('time', [], s),
  fn('timestamp', [v], v),
  fn('vector', [s], v),
  // Experimental in Prometheus 3: accepted by the parser, flagged so callers can refuse or skip them.
  fn('double_exponential_smoothing', [m, s, s], v, 0, true),
  fn('mad_over_time', [m], v, 0, true),
  fn('first_over_time', [m], v, 0, true),
  fn('ts_of_first_over_time', [m], v, 0, true),
  fn('ts_of_last_over_time', [m], v, 0, true),
  fn('ts_of_max_over_time', [m], v, 0, true),
  fn('ts_of_min_over_time', [m], v, 0, true),
  fn('sort_by_label', [v, str], v, -1, true),
  fn('sort_by_label_desc', [v, str], v, -1, true),
  fn('info', [v, v], v, 1, true),
];

export const FUNCTION_SIGNATURES: ReadonlyMap<string, FunctionSignature> = new Map(list.map((signature) => [signature.name, signature]));

export function functionSignature(name: string): FunctionSignature | undefined {
  return FUNCTION_SIGNATURES.get(name);
}
