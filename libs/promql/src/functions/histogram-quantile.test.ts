import { describe, expect, it } from 'vitest';
import {
  almostEqual,
  badBucketLabelWarning,
  bucketFraction,
  bucketQuantile,
  histogramQuantileForcedMonotonicityInfo,
  parseBucketBound,
  type ClassicBucket,
} from './histogram-quantile.js';

// Cases hand-translated from Prometheus's promql/promqltest/testdata/histograms.test (values at 50m).

const histogram = (entries: [string, number][]): ClassicBucket[] =>
  entries.map(([le, count]) => ({ upperBound: parseBucketBound(le), count }));

const positive = histogram([['0', 0], ['0.1', 50], ['.2', 70], ['1e0', 110], ['+Inf', 110]]);
const negative = histogram([['-.25', 0], ['-.2', 10], ['-0.1', 20], ['0.3', 20], ['+Inf', 20]]);

describe('bucketQuantile', () => {
  it('interpolates inside buckets, starting the lowest positive bucket at 0', () => {
    const phis = [0, 0.25, 0.5, 0.75, 1];
    const expectedPositive = [0, 0.055, 0.125, 0.45, 1];
    const expectedNegative = [-0.25, -0.225, -0.2, -0.15, -0.1];
    phis.forEach((phi, i) => {
      expect(bucketQuantile(phi, positive).value).toBeCloseTo(expectedPositive[i]!, 14);
      expect(bucketQuantile(phi, negative).value).toBeCloseTo(expectedNegative[i]!, 14);
    });
  });

  it('lands on bucket middles', () => {
    const buckets = histogram([['0', 0], ['2', 10], ['4', 20], ['6', 30], ['+Inf', 30]]);
    expect(bucketQuantile(1 / 6, buckets).value).toBeCloseTo(1, 12);
    expect(bucketQuantile(0.5, buckets).value).toBeCloseTo(3, 12);
    expect(bucketQuantile(5 / 6, buckets).value).toBeCloseTo(5, 12);
  });

  it('returns the second-highest bound for a rank in the +Inf bucket', () => {
    const buckets = histogram([['1', 1], ['2', 2], ['+Inf', 10]]);
    expect(bucketQuantile(0.9, buckets).value).toBe(2);
  });

  it('returns the bound of a non-positive lowest bucket', () => {
    const buckets = histogram([['-1', 5], ['0', 6], ['+Inf', 6]]);
    expect(bucketQuantile(0.5, buckets).value).toBe(-1);
  });

  it('handles edge cases like Prometheus', () => {
    expect(bucketQuantile(-0.1, positive).value).toBe(-Infinity);
    expect(bucketQuantile(1.01, positive).value).toBe(Infinity);
    expect(bucketQuantile(NaN, positive).value).toBeNaN();
    expect(bucketQuantile(0.5, histogram([['1', 1], ['2', 2]])).value).toBeNaN(); // no +Inf bucket
    expect(bucketQuantile(0.5, histogram([['+Inf', 3]])).value).toBeNaN(); // one bucket
    expect(bucketQuantile(0.5, histogram([['1', 0], ['+Inf', 0]])).value).toBeNaN(); // no observations
    expect(bucketQuantile(0.5, []).value).toBeNaN();
  });

  it('sorts and coalesces buckets with equal bounds written differently', () => {
    const mixed = histogram([['0.1', 1], ['0.2', 1], ['2e-1', 1], ['2.0e-1', 1], ['+Inf', 4]].reverse() as [string, number][]);
    expect(bucketQuantile(0.5, mixed.map((b) => ({ ...b, count: b.count / 600 }))).value).toBeCloseTo(0.15, 12);
    expect(bucketQuantile(0.5, histogram([['+inf', 0], ['+Inf', 0]])).value).toBeNaN();
  });

  it('forces monotonic counts and reports it', () => {
    const nonmonotonic = histogram([['0.1', 20], ['1', 10], ['10', 50], ['100', 40], ['1000', 90], ['+Inf', 80]]);
    const low = bucketQuantile(0.01, nonmonotonic);
    expect(low.value).toBeCloseTo(0.0045, 15);
    expect(low.forcedMonotonic).toBe(true);
    expect(low).toMatchObject({ minBucket: 1, maxBucket: Infinity, maxDiff: 10 });
    expect(bucketQuantile(0.5, nonmonotonic).value).toBeCloseTo(8.5, 12);
    expect(bucketQuantile(0.99, nonmonotonic).value).toBeCloseTo(979.75, 12);
    expect(nonmonotonic.map((b) => b.count)).toEqual([20, 10, 50, 40, 90, 80]); // input untouched
    expect(bucketQuantile(0.5, positive).forcedMonotonic).toBe(false);
  });

  it('smooths float noise silently', () => {
    const noisy = histogram([['1', 10], ['2', 10 - 1e-14], ['+Inf', 20]]);
    const result = bucketQuantile(0.5, noisy);
    expect(result).toMatchObject({ forcedMonotonic: false, fixedPrecision: true });
    expect(result.value).toBe(1);
  });
});

describe('bucketFraction', () => {
  const evenly = histogram([['0', 0], ['2', 10], ['4', 20], ['6', 30], ['+Inf', 30]]);
  const upToThree = histogram([['1', 1], ['2', 3], ['3', 6], ['+Inf', 100]]);
  const negativeBounds = histogram([['-3', 10], ['-2', 12], ['-1', 15], ['+Inf', 100]]);

  it('interpolates linearly inside buckets', () => {
    expect(bucketFraction(0, 4, evenly)).toBeCloseTo(0.6666666666666666, 15);
    expect(bucketFraction(0, 6, evenly)).toBe(1);
    expect(bucketFraction(0, 3.5, evenly)).toBeCloseTo(0.5833333333333334, 15);
    expect(bucketFraction(0, 0.2, positive)).toBeCloseTo(0.6363636363636364, 15);
    expect(bucketFraction(0, 0.2, negative)).toBe(0);
    expect(bucketFraction(0, 1.5, upToThree)).toBeCloseTo(0.02, 15);
  });

  it('cannot interpolate in the infinite buckets', () => {
    expect(bucketFraction(-4, -2, negativeBounds)).toBeCloseTo(0.02, 15);
    expect(bucketFraction(-Infinity, -1.5, negativeBounds)).toBeCloseTo(0.135, 15);
    expect(bucketFraction(-Infinity, Infinity, upToThree)).toBe(1);
    expect(bucketFraction(-Infinity, Infinity, negativeBounds)).toBe(1);
    expect(bucketFraction(4, 5, upToThree)).toBe(0);
    expect(bucketFraction(0, 1, negativeBounds)).toBe(0);
    expect(bucketFraction(2, 5, upToThree)).toBeCloseTo(0.03, 15);
  });

  it('handles edge cases like Prometheus', () => {
    expect(bucketFraction(2, 2, upToThree)).toBe(0);
    expect(bucketFraction(3, 2, upToThree)).toBe(0);
    expect(bucketFraction(NaN, 1, upToThree)).toBeNaN();
    expect(bucketFraction(0, NaN, upToThree)).toBeNaN();
    expect(bucketFraction(0, 5, histogram([['1', 0], ['+Inf', 0]]))).toBeNaN();
    expect(bucketFraction(0, 1, histogram([['1', 1], ['2', 2]]))).toBeNaN();
    expect(bucketFraction(0, 1, [])).toBeNaN();
  });
});

describe('helpers', () => {
  it('parses le values as Go floats', () => {
    expect(['+Inf', '+inf', 'Inf', '-Inf', '0.1', '.2', '1e0', '2.0e-1', '1_000'].map(parseBucketBound)).toEqual([
      Infinity, Infinity, Infinity, -Infinity, 0.1, 0.2, 1, 0.2, 1000,
    ]);
    expect(parseBucketBound('NaN')).toBeNaN();
    for (const bad of ['', 'x', ' 1', '1s', '0x']) expect(parseBucketBound(bad), bad).toBeNaN();
  });

  it('compares almost-equal counts relative to their size', () => {
    expect(almostEqual(1e12, 1e12 + 1e-1, 1e-12)).toBe(true);
    expect(almostEqual(10, 10.0001, 1e-12)).toBe(false);
    expect(almostEqual(0, 1e-300, 1e-12)).toBe(false);
    expect(almostEqual(0, 1e-320, 1e-12)).toBe(true);
    expect(almostEqual(NaN, NaN, 1e-12)).toBe(true);
  });

  it('words annotations as Prometheus does', () => {
    expect(histogramQuantileForcedMonotonicityInfo()).toBe(
      'PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)',
    );
    expect(histogramQuantileForcedMonotonicityInfo('foo_bucket')).toMatch(/ for metric name "foo_bucket"$/);
    expect(badBucketLabelWarning('x', 'foo')).toBe('PromQL warning: bucket label "le" is missing or has a malformed value of "x" for metric name "foo"');
  });
});
