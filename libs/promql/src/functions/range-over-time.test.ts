import { describe, expect, it } from 'vitest';
import { RANGE_FUNCTIONS } from './range-functions.js';
import { call, windowOf } from './testing/window-fixture.js';

// Cases hand-translated from Prometheus's promql/promqltest/testdata/functions.test.

const s = 1000;
const m = 60 * s;

describe('avg_over_time and sum_over_time', () => {
  const avg = (series: string, evalMs = 55 * s, rangeMs = m) => call('avg_over_time', windowOf(series, 10 * s, evalMs, rangeMs));

  it('averages the samples in the window, none giving no sample', () => {
    expect(avg('1 2 3 4 5', 55 * s, 10 * s)).toBeUndefined();
    expect(avg('1 2 3 4 5', 55 * s, 20 * s)).toBe(5);
    expect(avg('1 2 3 4 5')).toBe(3);
  });

  it('handles infinities like Prometheus', () => {
    expect(avg('1 2 3 4 Inf')).toBe(Infinity);
    expect(avg('1 2 3 4 -Inf')).toBe(-Infinity);
    expect(avg('1 2 3 Inf -Inf')).toBeNaN();
    expect(avg('Inf 0 Inf')).toBe(Infinity);
    expect(avg('Inf Inf Inf -Inf')).toBeNaN();
    expect(avg('-Inf 0 -Inf')).toBe(-Infinity);
    expect(avg('1 2 -Inf -Inf Inf')).toBeNaN();
  });

  it('switches to an incremental mean instead of overflowing', () => {
    expect(avg('9.988465674311579e+307 9.988465674311579e+307')).toBe(9.988465674311579e307);
    expect(avg('-9.988465674311579e+307 -9.988465674311579e+307 -9.988465674311579e+307')).toBe(-9.988465674311579e307);
    expect(avg('-9.988465674311579e+307 9.988465674311579e+307')).toBe(0);
    const sum = call('sum_over_time', windowOf('9.988465674311579e+307 9.988465674311579e+307', 10 * s, 55 * s, m));
    expect(sum).toBe(Infinity);
  });

  it('propagates NaN', () => {
    expect(avg('1 2 3 NaN NaN', 20 * s)).toBe(2);
    expect(avg('1 2 3 NaN NaN', 30 * s)).toBeNaN();
  });

  it('keeps precision with Kahan summation', () => {
    expect(call('sum_over_time', windowOf('1 1e100 1 -1e100', 10 * s, m, 2 * m))).toBe(2);
    expect(call('avg_over_time', windowOf('1 1e100 1 -1e100', 10 * s, m, 2 * m))).toBe(0.5);
    const at = (series: string) => call('avg_over_time', windowOf(series, 5 * s, 55 * s, m))!;
    expect(at('1e10 1e-6 1e-6 1e-6 1e-6 1e-6')).toBe(1.6666666666666675e9);
    expect(at('5.30921651659898 0.961118537914768 1.62091361305318 0.865089463758091 0.323055185914577 0.951811357687154')).toBeCloseTo(
      1.67186744582113,
      12,
    );
    expect(at('1.78264e50 0.76342771 1.9592258 7.69805412 458.90154') / 3.56528e49).toBeCloseTo(1, 12);
    expect(at('1.78264E+50 0.76342771 1.9592258 2.258E+220 7.69805412 458.90154') / 3.76333333333333e219).toBeCloseTo(1, 12);
    expect(at('-1.78264E+215 0.76342771 1.9592258 2.258E+220 7.69805412 1.78264E+215 -458.90154') / 3.225714285714286e219).toBeCloseTo(1, 12);
    expect(at('-1.78264E+215 0.76342771 1.9592258 2.258E+220 7.69805412 -458.90154') / 3.76330362266667e219).toBeCloseTo(1, 12);
    const mixed = '-1.78264E+219 0.76342771 1.9592258 2.3757689E+217 -2.3757689E+217 2.258E+220 7.69805412 1.78264E+219 -458.90154';
    expect(at(mixed)).toBe(2.5088888888888888e219);
    const cancelling = '-2.258E+220 -1.78264E+219 0.76342771 1.9592258 2.3757689E+217 -2.3757689E+217 2.258E+220 7.69805412 1.78264E+219 -458.90154';
    expect(at(cancelling)).toBe(0);
  });

  it('returns exactly the constant for a constant series', () => {
    for (const rangeSeconds of [100, 110, 120, 130]) {
      expect(call('avg_over_time', windowOf('52+0x100', 10 * s, 10 * m, rangeSeconds * s))).toBe(52);
    }
  });

  it('sums dense samples exactly', () => {
    for (const rangeMs of [1000, 1001, 2003, 3003]) {
      expect(call('sum_over_time', windowOf('1+0x4000', 1, 4 * s, rangeMs))).toBe(rangeMs);
    }
  });
});

describe('count, min, max, first, last, present', () => {
  const w = windowOf('3 NaN 1 7 7 2', s, 5 * s, 10 * s);

  it('summarises the window', () => {
    expect(call('count_over_time', w)).toBe(6);
    expect(call('min_over_time', w)).toBe(1);
    expect(call('max_over_time', w)).toBe(7);
    expect(call('first_over_time', w)).toBe(3);
    expect(call('last_over_time', w)).toBe(2);
    expect(call('present_over_time', w)).toBe(1);
  });

  it('returns NaN from min/max only when every sample is NaN', () => {
    expect(call('max_over_time', windowOf('NaN 1', s, 1 * s, 10 * s))).toBe(1);
    expect(call('min_over_time', windowOf('NaN NaN', s, 1 * s, 10 * s))).toBeNaN();
  });

  it('gives timestamps in seconds, the latest of equal extremes', () => {
    expect(call('ts_of_max_over_time', w)).toBe(4);
    expect(call('ts_of_min_over_time', w)).toBe(2);
    expect(call('ts_of_first_over_time', w)).toBe(0);
    expect(call('ts_of_last_over_time', w)).toBe(5);
    const odd = windowOf('1 2 3 0 5 6 2 1 4', 10_053, 90 * s, 90 * s);
    expect(call('ts_of_min_over_time', odd)).toBe(30.159);
    expect(call('ts_of_max_over_time', odd)).toBe(50.265);
    expect(call('ts_of_last_over_time', windowOf('1 2 3 _ _', 10_053, 95 * s, 90 * s))).toBe(20.106);
    expect(call('ts_of_first_over_time', windowOf('_ _ 1 2 3 _ _', 10_053, 90 * s, 90 * s))).toBe(20.106);
  });

  it('gives no sample for an empty window', () => {
    const empty = windowOf('1 2', s, 10 * s, 1 * s);
    for (const name of RANGE_FUNCTIONS.keys()) {
      const args = name === 'double_exponential_smoothing' ? [0.5, 0.5] : [0.5];
      expect(call(name, empty, args), name).toBeUndefined();
    }
  });
});

describe('stddev, stdvar, quantile and mad', () => {
  it('computes population variance', () => {
    const w = windowOf('0 8 8 2 3', 10 * s, m, 2 * m);
    expect(call('stdvar_over_time', w)).toBeCloseTo(10.56, 12);
    expect(call('stddev_over_time', w)).toBeCloseTo(3.249615, 6);
    const constant = windowOf('1.5990505637277868 1.5990505637277868 1.5990505637277868', 10 * s, 55 * s, m);
    expect(call('stdvar_over_time', constant)).toBe(0);
    expect(call('stddev_over_time', constant)).toBe(0);
  });

  it('interpolates quantiles between closest ranks', () => {
    const samples = { two: '0 1', three: '0 1 2', uneven: '0 1 4' };
    const expected: Record<string, [number, number, number]> = {
      '0': [0, 0, 0],
      '0.5': [0.5, 1, 1],
      '0.75': [0.75, 1.5, 2.5],
      '0.8': [0.8, 1.6, 2.8],
      '1': [1, 2, 4],
      '-1': [-Infinity, -Infinity, -Infinity],
      '2': [Infinity, Infinity, Infinity],
    };
    for (const [phi, results] of Object.entries(expected)) {
      const actual = Object.values(samples).map((series) => call('quantile_over_time', windowOf(series, 10 * s, m, 2 * m), [Number(phi)]));
      actual.forEach((value, i) => expect(value).toBeCloseTo(results[i]!, 12));
    }
  });

  it('warns about φ outside [0, 1] in Prometheus words', () => {
    const warnings: string[] = [];
    const annotate = (kind: string, message: string) => warnings.push(`${kind}: ${message}`);
    const w = windowOf('0 1', 10 * s, m, 2 * m);
    call('quantile_over_time', w, [NaN], { annotate });
    call('quantile_over_time', w, [1.5], { annotate });
    call('quantile_over_time', w, [0.5], { annotate });
    expect(warnings).toEqual([
      'warning: PromQL warning: quantile value should be between 0 and 1, got NaN',
      'warning: PromQL warning: quantile value should be between 0 and 1, got 1.5',
    ]);
    expect(call('quantile_over_time', w, [NaN])).toBeNaN();
  });

  it('computes the median absolute deviation', () => {
    expect(call('mad_over_time', windowOf('4 6 2 1 999 1 2', 10 * s, 70 * s, 70 * s))).toBe(1);
    expect(call('mad_over_time', windowOf('1 2 3 4 5', 10 * s, 40 * s, 50 * s))).toBe(1);
    expect(call('mad_over_time', windowOf('7 7 7 7 7', 10 * s, 40 * s, 50 * s))).toBe(0);
    expect(call('mad_over_time', windowOf('5', 10 * s, 0, 10 * s))).toBe(0);
    expect(call('mad_over_time', windowOf('1 2 NaN 4', 10 * s, 30 * s, 40 * s))).toBeNaN();
  });
});

describe('changes and resets', () => {
  it('counts value changes, NaN to NaN being none', () => {
    expect(call('changes', windowOf('NaN NaN NaN', 5 * m, 15 * m, 20 * m))).toBe(0);
    expect(call('changes', windowOf('0 NaN 0', 5 * m, 15 * m, 20 * m))).toBe(2);
    expect(call('changes', windowOf('1 1 2 2 1', s, 4 * s, 10 * s))).toBe(2);
  });

  it('counts decreases', () => {
    expect(call('resets', windowOf('0 1 2 3 2 3 0 4', s, 7 * s, 10 * s))).toBe(2);
    expect(call('resets', windowOf('5', s, 0, 10 * s))).toBe(0);
  });
});
