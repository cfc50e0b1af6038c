import { PromqlError } from '../errors.js';
import { kahanSumInc } from './aggregation-math.js';
import type { RangeFunctionContext, RangeWindow } from './range-window.js';

/** Go's time.Duration.Seconds(): whole seconds plus the nanosecond remainder, in that order. */
export function durationSeconds(ms: number): number {
  const whole = Math.trunc(ms / 1000);
  const remainderNs = (ms - whole * 1000) * 1e6;
  return whole + remainderNs / 1e9;
}

const counterSuffixes = ['_total', '_sum', '_count', '_bucket'];

export function possibleNonCounterInfo(metricName: string): string {
  return `PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${JSON.stringify(metricName)}`;
}

function annotateIfNotCounterName(ctx: RangeFunctionContext): void {
  const name = ctx.metricName;
  if (!name || !ctx.annotate) return;
  if (counterSuffixes.some((suffix) => name.endsWith(suffix))) return;
  ctx.annotate('info', possibleNonCounterInfo(name));
}

/**
 * rate/increase/delta: the change over the samples in the window, corrected for counter resets,
 * extrapolated towards the window edges. A sample gap to an edge of more than 1.1× the average
 * interval means the series starts/ends inside the window, so extrapolation there stops at half an
 * interval; counters are never extrapolated below zero.
 */
export function extrapolatedRate(w: RangeWindow, isCounter: boolean, isRate: boolean): number | undefined {
  const { t, v, start, end } = w;
  const count = end - start;
  if (count < 2) return undefined;
  const last = end - 1;
  const firstT = t[start]!;
  const lastT = t[last]!;
  let result = v[last]! - v[start]!;
  if (isCounter) {
    for (let i = start + 1; i < end; i++) {
      if (v[i]! < v[i - 1]!) result += v[i - 1]!;
    }
  }

  let durationToStart = (firstT - w.rangeStart) / 1000;
  let durationToEnd = (w.rangeEnd - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const averageInterval = sampledInterval / (count - 1);
  const extrapolationThreshold = averageInterval * 1.1;

  if (durationToStart >= extrapolationThreshold) durationToStart = averageInterval / 2;
  if (isCounter) {
    let durationToZero = durationToStart;
    if (result > 0 && v[start]! >= 0) durationToZero = sampledInterval * (v[start]! / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= extrapolationThreshold) durationToEnd = averageInterval / 2;

  let factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= durationSeconds(w.rangeEnd - w.rangeStart);
  return result * factor;
}

export function rate(w: RangeWindow, _args: number[], ctx: RangeFunctionContext): number | undefined {
  const value = extrapolatedRate(w, true, true);
  if (value !== undefined) annotateIfNotCounterName(ctx);
  return value;
}

export function increase(w: RangeWindow, _args: number[], ctx: RangeFunctionContext): number | undefined {
  const value = extrapolatedRate(w, true, false);
  if (value !== undefined) annotateIfNotCounterName(ctx);
  return value;
}

export function delta(w: RangeWindow): number | undefined {
  return extrapolatedRate(w, false, false);
}

/** irate/idelta: from the last two samples only; irate treats a drop as a counter reset. */
function instantValue(w: RangeWindow, isRate: boolean): number | undefined {
  if (w.end - w.start < 2) return undefined;
  const last = w.end - 1;
  const previous = last - 1;
  const sampledIntervalMs = w.t[last]! - w.t[previous]!;
  if (sampledIntervalMs === 0) return undefined;
  const lastValue = w.v[last]!;
  const previousValue = w.v[previous]!;
  let result = lastValue;
  if (!isRate || !(lastValue < previousValue)) result = lastValue - previousValue;
  if (isRate) result /= sampledIntervalMs / 1000;
  return result;
}

export function irate(w: RangeWindow): number | undefined {
  return instantValue(w, true);
}

export function idelta(w: RangeWindow): number | undefined {
  return instantValue(w, false);
}

/**
 * Least-squares fit of value over time (seconds relative to interceptTimeMs, to keep the sums small),
 * with Kahan-compensated sums as Prometheus does. A constant series has slope 0 (NaN if infinite).
 */
export function linearRegression(w: RangeWindow, interceptTimeMs: number): { slope: number; intercept: number } {
  const { t, v, start, end } = w;
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  const initY = v[start]!;
  let constY = true;
  for (let i = start; i < end; i++) {
    const y = v[i]!;
    if (constY && i > start && y !== initY) constY = false;
    n += 1;
    const x = (t[i]! - interceptTimeMs) / 1e3;
    ({ sum: sumX, c: cX } = kahanSumInc(x, sumX, cX));
    ({ sum: sumY, c: cY } = kahanSumInc(y, sumY, cY));
    ({ sum: sumXY, c: cXY } = kahanSumInc(x * y, sumXY, cXY));
    ({ sum: sumX2, c: cX2 } = kahanSumInc(x * x, sumX2, cX2));
  }
  if (constY) {
    if (initY === Infinity || initY === -Infinity) return { slope: NaN, intercept: NaN };
    return { slope: 0, intercept: initY };
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  return { slope, intercept };
}

export function deriv(w: RangeWindow): number | undefined {
  if (w.end - w.start < 2) return undefined;
  return linearRegression(w, w.t[w.start]!).slope;
}

/** predict_linear(v[range], seconds): the fitted value `seconds` after the evaluation time. */
export function predictLinear(w: RangeWindow, args: number[], ctx: RangeFunctionContext): number | undefined {
  if (w.end - w.start < 2) return undefined;
  const seconds = args[0] ?? NaN;
  const { slope, intercept } = linearRegression(w, ctx.evaluationTimeMs ?? w.rangeEnd);
  return slope * seconds + intercept;
}

/** Go's %f: six decimals, with Go's spelling of the non-finite values. */
function goFixed(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return value.toFixed(6);
}

/**
 * Holt's double exponential smoothing (sf: smoothing factor, tf: trend factor, both in (0, 1)).
 * Invalid factors fail the whole query with Prometheus's error text.
 */
export function doubleExponentialSmoothing(w: RangeWindow, args: number[]): number | undefined {
  const smoothingFactor = args[0] ?? NaN;
  const trendFactor = args[1] ?? NaN;
  if (smoothingFactor <= 0 || smoothingFactor >= 1) {
    throw new PromqlError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${goFixed(smoothingFactor)}`, 'execution');
  }
  if (trendFactor <= 0 || trendFactor >= 1) {
    throw new PromqlError(`invalid trend factor. Expected: 0 < tf < 1, got: ${goFixed(trendFactor)}`, 'execution');
  }
  const { v, start, end } = w;
  if (end - start < 2) return undefined;
  let previousSmoothed = 0;
  let smoothed = v[start]!;
  let trend = v[start + 1]! - v[start]!;
  for (let i = start + 1; i < end; i++) {
    const scaledValue = smoothingFactor * v[i]!;
    if (i - 1 > start) trend = trendFactor * (smoothed - previousSmoothed) + (1 - trendFactor) * trend;
    const scaledEstimate = (1 - smoothingFactor) * (smoothed + trend);
    previousSmoothed = smoothed;
    smoothed = scaledValue + scaledEstimate;
  }
  return smoothed;
}
