import { kahanSumInc, quantile } from './aggregation-math.js';
import { formatGoFloat } from './go-format.js';
import type { RangeFunctionContext, RangeWindow } from './range-window.js';

function isEmpty(w: RangeWindow): boolean {
  return w.end <= w.start;
}

function windowValues(w: RangeWindow): number[] {
  const values = new Array<number>(w.end - w.start);
  for (let i = w.start; i < w.end; i++) values[i - w.start] = w.v[i]!;
  return values;
}

/**
 * Direct mean over a Kahan sum while the sum stays finite (more accurate than an incremental mean,
 * see prometheus#16714); once it would overflow, continue as an incremental mean.
 */
export function avgOverTime(w: RangeWindow): number | undefined {
  if (isEmpty(w)) return undefined;
  const { v, start, end } = w;
  let sum = v[start]!;
  let count = 1;
  let mean = 0;
  let c = 0;
  let incremental = false;
  for (let i = start + 1; i < end; i++) {
    const value = v[i]!;
    count = i - start + 1;
    if (!incremental) {
      const next = kahanSumInc(value, sum, c);
      if (next.sum !== Infinity && next.sum !== -Infinity) {
        sum = next.sum;
        c = next.c;
        continue;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const keep = (count - 1) / count;
    ({ sum: mean, c } = kahanSumInc(value / count, keep * mean, keep * c));
  }
  if (incremental) return mean + c;
  return sum / count + c / count;
}

export function sumOverTime(w: RangeWindow): number | undefined {
  if (isEmpty(w)) return undefined;
  let sum = 0;
  let c = 0;
  for (let i = w.start; i < w.end; i++) ({ sum, c } = kahanSumInc(w.v[i]!, sum, c));
  if (sum === Infinity || sum === -Infinity) return sum;
  return sum + c;
}

export function countOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : w.end - w.start;
}

/**
 * Scans for the extreme sample. A NaN running value is always replaced, so NaN only wins when
 * every sample is NaN. The ts_of_ variants pass a non-strict comparison so the latest of equal
 * extremes wins, as in Prometheus.
 */
function extremeIndex(w: RangeWindow, isBetter: (candidate: number, best: number) => boolean): number {
  let best = w.start;
  let bestValue = w.v[best]!;
  for (let i = w.start; i < w.end; i++) {
    const value = w.v[i]!;
    if (isBetter(value, bestValue) || Number.isNaN(bestValue)) {
      best = i;
      bestValue = value;
    }
  }
  return best;
}

const greater = (a: number, b: number): boolean => a > b;
const less = (a: number, b: number): boolean => a < b;
const greaterOrEqual = (a: number, b: number): boolean => a >= b;
const lessOrEqual = (a: number, b: number): boolean => a <= b;

export function maxOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : w.v[extremeIndex(w, greater)]!;
}

export function minOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : w.v[extremeIndex(w, less)]!;
}

export function tsOfMaxOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : w.t[extremeIndex(w, greaterOrEqual)]! / 1000;
}

export function tsOfMinOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : w.t[extremeIndex(w, lessOrEqual)]! / 1000;
}

export function lastOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : w.v[w.end - 1]!;
}

export function firstOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : w.v[w.start]!;
}

export function tsOfLastOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : w.t[w.end - 1]! / 1000;
}

export function tsOfFirstOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : w.t[w.start]! / 1000;
}

export function presentOverTime(w: RangeWindow): number | undefined {
  return isEmpty(w) ? undefined : 1;
}

/** Population variance by Welford's method with Kahan-compensated mean and sum of squares. */
function varianceOverTime(w: RangeWindow): number | undefined {
  if (isEmpty(w)) return undefined;
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = w.start; i < w.end; i++) {
    const value = w.v[i]!;
    count++;
    const delta = value - (mean + cMean);
    ({ sum: mean, c: cMean } = kahanSumInc(delta / count, mean, cMean));
    ({ sum: aux, c: cAux } = kahanSumInc(delta * (value - (mean + cMean)), aux, cAux));
  }
  return (aux + cAux) / count;
}

export function stdvarOverTime(w: RangeWindow): number | undefined {
  return varianceOverTime(w);
}

export function stddevOverTime(w: RangeWindow): number | undefined {
  const variance = varianceOverTime(w);
  return variance === undefined ? undefined : Math.sqrt(variance);
}

export function invalidQuantileWarning(phi: number): string {
  return `PromQL warning: quantile value should be between 0 and 1, got ${formatGoFloat(phi)}`;
}

/** quantile_over_time(φ, v[range]); an out-of-range φ still answers (±Inf, NaN) but warns. */
export function quantileOverTime(w: RangeWindow, args: number[], ctx: RangeFunctionContext): number | undefined {
  if (isEmpty(w)) return undefined;
  const phi = args[0] ?? NaN;
  if (Number.isNaN(phi) || phi < 0 || phi > 1) ctx.annotate?.('warning', invalidQuantileWarning(phi));
  return quantile(phi, windowValues(w));
}

/**
 * Median absolute deviation from the median. A NaN sample makes the result NaN (Prometheus
 * 3.x, prometheus#19040); the NaN-first sort would otherwise mostly hide it.
 */
export function madOverTime(w: RangeWindow): number | undefined {
  if (isEmpty(w)) return undefined;
  const values = windowValues(w);
  if (values.some(Number.isNaN)) return NaN;
  const median = quantile(0.5, values.slice());
  return quantile(
    0.5,
    values.map((value) => Math.abs(value - median)),
  );
}

/** changes(): value changes between consecutive samples; NaN to NaN is no change. */
export function changes(w: RangeWindow): number | undefined {
  if (isEmpty(w)) return undefined;
  let count = 0;
  for (let i = w.start + 1; i < w.end; i++) {
    const current = w.v[i]!;
    const previous = w.v[i - 1]!;
    if (current !== previous && !(Number.isNaN(current) && Number.isNaN(previous))) count++;
  }
  return count;
}

/** resets(): decreases between consecutive samples. */
export function resets(w: RangeWindow): number | undefined {
  if (isEmpty(w)) return undefined;
  let count = 0;
  for (let i = w.start + 1; i < w.end; i++) {
    if (w.v[i]! < w.v[i - 1]!) count++;
  }
  return count;
}
