import { compareLabels, formatLabels, labelsKey, type Labels } from '../labels.js';
import type { QueryValue, Series } from '../values.js';
import { formatValue } from '../values.js';
import type { EvalCommand, ExpectedSeries } from './test-file.js';

/** Relative tolerance of promqltest (defaultEpsilon). */
const EPSILON = 1e-6;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Prometheus's almost.Equal: NaN equals NaN, exact match first, then relative error. */
export function almostEqual(a: number, b: number, epsilon = EPSILON): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/** The time range the expected values of a command are laid out on. */
export interface ExpectedGrid {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** Returns null when `value` is what the command expects, else the first problem found. */
export function compareResult(command: EvalCommand, value: QueryValue, grid: ExpectedGrid): string | null {
  const expectScalar = command.expectedScalar !== null;
  switch (value.type) {
    case 'matrix':
      if (command.ordered) return 'expected ordered result, but query returned a matrix';
      if (expectScalar) return `expected scalar result, but got matrix of ${value.series.length} series`;
      return compareMatrix(command.expectedSeries, value.series, grid);
    case 'vector': {
      if (expectScalar) return `expected scalar result, but got vector of ${value.samples.length} samples`;
      const expected = byKey(command.expectedSeries);
      const seen = new Set<string>();
      for (const [index, sample] of value.samples.entries()) {
        const key = labelsKey(sample.labels);
        const exp = expected.get(key);
        if (!exp) return `unexpected metric ${formatLabels(sample.labels)} in result, has value ${formatValue(sample.v)}`;
        if (command.ordered && exp.position !== index + 1) {
          return `expected metric ${formatLabels(sample.labels)} at position ${exp.position} but was at ${index + 1}`;
        }
        const want = exp.values[0];
        if (typeof want !== 'number') return `expected ${String(want)} for ${formatLabels(sample.labels)} but got ${formatValue(sample.v)}`;
        if (!almostEqual(want, sample.v)) {
          return `expected ${formatValue(want)} for ${formatLabels(sample.labels)} but got ${formatValue(sample.v)}`;
        }
        seen.add(key);
      }
      return missing(expected, seen);
    }
    case 'scalar':
      if (!expectScalar) return `expected vector or matrix result, but got scalar ${formatValue(value.v)}`;
      if (!almostEqual(command.expectedScalar!, value.v)) {
        return `expected scalar ${formatValue(command.expectedScalar!)} but got ${formatValue(value.v)}`;
      }
      return null;
    case 'string': {
      const want = command.expectedString ?? '';
      return want === value.v ? null : `expected string "${want}" but got "${value.v}"`;
    }
  }
}

function compareMatrix(expectedSeries: ExpectedSeries[], actual: Series[], grid: ExpectedGrid): string | null {
  const unsorted = matrixSortProblem(actual);
  if (unsorted) return unsorted;
  const expected = byKey(expectedSeries);
  const seen = new Set<string>();
  for (const series of actual) {
    const key = labelsKey(series.labels);
    const exp = expected.get(key);
    if (!exp) return `unexpected metric ${formatLabels(series.labels)} in result, has ${formatPoints(series)}`;
    seen.add(key);
    const points: Array<{ t: number; v: number }> = [];
    for (const [i, value] of exp.values.entries()) {
      const t = grid.startMs + i * grid.stepMs;
      if (t > grid.endMs) {
        return `expected ${exp.values.length} points for ${formatLabels(exp.labels)}, but query time range cannot return this many points`;
      }
      if (typeof value === 'number') points.push({ t, v: value });
    }
    if (points.length !== series.points.length) {
      return `expected ${points.length} float points for ${formatLabels(exp.labels)}, but got ${formatPoints(series)}`;
    }
    for (const [i, want] of points.entries()) {
      const got = series.points[i]!;
      if (got.t !== want.t) {
        return `expected float value at index ${i} for ${formatLabels(exp.labels)} to have timestamp ${want.t}, but it had timestamp ${got.t} (result has ${formatPoints(series)})`;
      }
      if (!almostEqual(want.v, got.v)) {
        return `expected float value at index ${i} (t=${got.t}) for ${formatLabels(exp.labels)} to be ${formatValue(want.v)}, but got ${formatValue(got.v)} (result has ${formatPoints(series)})`;
      }
    }
  }
  return missing(expected, seen);
}

/** Range query results are always sorted by labels in Prometheus. */
export function matrixSortProblem(series: Series[]): string | null {
  for (let i = 0; i + 1 < series.length; i++) {
    if (compareLabels(series[i]!.labels, series[i + 1]!.labels) > 0) {
      return `matrix results should always be sorted by labels, but ${formatLabels(series[i + 1]!.labels)} comes after ${formatLabels(series[i]!.labels)}`;
    }
  }
  return null;
}

function byKey(series: ExpectedSeries[]): Map<string, ExpectedSeries> {
  return new Map(series.map((s) => [labelsKey(s.labels), s]));
}

function missing(expected: Map<string, ExpectedSeries>, seen: Set<string>): string | null {
  const absent = [...expected.entries()].filter(([key]) => !seen.has(key));
  if (absent.length === 0) return null;
  const list = absent.map(([, s]) => formatLabels(s.labels)).join(', ');
  return `expected metric${absent.length > 1 ? 's' : ''} ${list} not found`;
}

function formatPoints(series: Series): string {
  const shown = series.points.slice(0, 6).map((p) => `${formatValue(p.v)} @[${p.t}]`);
  if (series.points.length > 6) shown.push(`… ${series.points.length - 6} more`);
  return `${series.points.length} float point${series.points.length === 1 ? '' : 's'} [${shown.join(' ')}]`;
}
