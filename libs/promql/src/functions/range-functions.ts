import * as overTime from './range-over-time.js';
import * as rates from './range-rate.js';
import type { RangeFunction } from './range-window.js';

export type { AnnotationKind, RangeFunction, RangeFunctionContext, RangeFunctionResult, RangeWindow } from './range-window.js';
export { durationSeconds, extrapolatedRate, linearRegression, possibleNonCounterInfo } from './range-rate.js';
export { invalidQuantileWarning } from './range-over-time.js';

/**
 * The kernels of PromQL's range-vector functions, keyed by function name. Each sees one series'
 * float samples in the window and returns undefined where Prometheus emits no sample.
 * absent_over_time is not here: the engine decides it from which series exist at all.
 */
export const RANGE_FUNCTIONS: ReadonlyMap<string, RangeFunction> = new Map<string, RangeFunction>([
  ['rate', rates.rate],
  ['increase', rates.increase],
  ['delta', rates.delta],
  ['irate', rates.irate],
  ['idelta', rates.idelta],
  ['deriv', rates.deriv],
  ['predict_linear', rates.predictLinear],
  ['double_exponential_smoothing', rates.doubleExponentialSmoothing],
  ['resets', overTime.resets],
  ['changes', overTime.changes],
  ['avg_over_time', overTime.avgOverTime],
  ['sum_over_time', overTime.sumOverTime],
  ['count_over_time', overTime.countOverTime],
  ['min_over_time', overTime.minOverTime],
  ['max_over_time', overTime.maxOverTime],
  ['last_over_time', overTime.lastOverTime],
  ['first_over_time', overTime.firstOverTime],
  ['present_over_time', overTime.presentOverTime],
  ['stddev_over_time', overTime.stddevOverTime],
  ['stdvar_over_time', overTime.stdvarOverTime],
  ['quantile_over_time', overTime.quantileOverTime],
  ['mad_over_time', overTime.madOverTime],
  ['ts_of_first_over_time', overTime.tsOfFirstOverTime],
  ['ts_of_last_over_time', overTime.tsOfLastOverTime],
  ['ts_of_max_over_time', overTime.tsOfMaxOverTime],
  ['ts_of_min_over_time', overTime.tsOfMinOverTime],
]);
