import type { Labels } from './labels.js';

/** One float sample of an instant vector; `t` is the evaluation timestamp in ms. */
export interface Sample {
  labels: Labels;
  t: number;
  v: number;
}

export interface Point {
  t: number;
  v: number;
}

export interface Series {
  labels: Labels;
  points: Point[];
}

export type Vector = Sample[];
export type Matrix = Series[];

/** What a query returns, in the four PromQL value types. */
export type QueryValue =
  | { type: 'scalar'; t: number; v: number }
  | { type: 'string'; t: number; v: string }
  | { type: 'vector'; samples: Vector }
  | { type: 'matrix'; series: Matrix };

/** Prometheus's float formatting for results and messages: `+Inf`, `-Inf`, `NaN`, shortest round-trip. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
