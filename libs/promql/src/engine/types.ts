import type { Labels } from '../labels.js';

/** The evaluation timestamps of one (sub)query: start, start + step, ..., end (inclusive). */
export interface StepGrid {
  readonly start: number;
  readonly step: number;
  readonly count: number;
}

export function gridTime(grid: StepGrid, index: number): number {
  return grid.start + index * grid.step;
}

export function gridEnd(grid: StepGrid): number {
  return grid.start + (grid.count - 1) * grid.step;
}

/**
 * One output series of an instant-vector expression over all steps of a grid. Labels are computed
 * once per series, values are dense per step; `present[i]` says whether step i has a sample.
 */
export interface InstantSeries {
  labels: Labels;
  values: Float64Array;
  present: Uint8Array;
}

/** One series of a range vector: its float samples (stale markers removed), ascending time. */
export interface RangeSeries {
  labels: Labels;
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

export interface ScalarValue {
  type: 'scalar';
  values: Float64Array;
}

export interface StringValue {
  type: 'string';
  value: string;
}

export interface VectorValue {
  type: 'vector';
  series: InstantSeries[];
}

/**
 * A range vector as a function argument: per step i the window is (windowEnds[i] - range, windowEnds[i]]
 * of every series, so range functions binary-search the shared arrays instead of copying.
 */
export interface MatrixValue {
  type: 'matrix';
  series: RangeSeries[];
  range: number;
  windowEnds: Float64Array;
}

export type EvalValue = ScalarValue | StringValue | VectorValue | MatrixValue;

export function newSeries(labels: Labels, count: number): InstantSeries {
  return { labels, values: new Float64Array(count), present: new Uint8Array(count) };
}

/** Index of the first element of the ascending `t` in [from, to) that is greater than `x`. */
export function upperBound(t: ArrayLike<number>, x: number, from = 0, to = t.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
