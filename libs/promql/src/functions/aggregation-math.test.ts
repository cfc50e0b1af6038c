import { describe, expect, it } from 'vitest';
import {
  compareForBottomK,
  compareForTopK,
  compareNaNFirst,
  kahanSumInc,
  MeanAccumulator,
  quantile,
  SumAccumulator,
  VarianceAccumulator,
} from './aggregation-math.js';

// Expected values from Prometheus's aggregators.test unless noted.

const sumOf = (values: number[]): number => {
  const acc = new SumAccumulator();
  values.forEach((value) => acc.add(value));
  return acc.value();
};
const meanOf = (values: number[]): number => {
  const acc = new MeanAccumulator();
  values.forEach((value) => acc.add(value));
  return acc.value();
};
const varianceOf = (values: number[]): VarianceAccumulator => {
  const acc = new VarianceAccumulator();
  values.forEach((value) => acc.add(value));
  return acc;
};

describe('Kahan summation', () => {
  it('keeps small terms next to huge ones', () => {
    expect(sumOf([2, 8, 1e100, -1e100])).toBe(10);
    expect(meanOf([2, 8, 1e100, -1e100])).toBe(2.5);
    expect([2, 8, 1e100, -1e100].reduce((a, b) => a + b)).toBe(0); // what plain addition gives
  });

  it('drops the compensation once the sum is infinite', () => {
    expect(kahanSumInc(Infinity, 1, 0.5)).toEqual({ sum: Infinity, c: 0 });
    expect(sumOf([Infinity, 2])).toBe(Infinity);
    expect(sumOf([-Infinity, 2])).toBe(-Infinity);
    expect(sumOf([Infinity, -Infinity])).toBeNaN();
    expect(sumOf([NaN, 2])).toBeNaN();
  });
});

describe('MeanAccumulator', () => {
  it('averages infinities and NaN like the avg aggregation', () => {
    expect(meanOf([Infinity, 2])).toBe(Infinity);
    expect(meanOf([2, Infinity])).toBe(Infinity);
    expect(meanOf([-Infinity, 2])).toBe(-Infinity);
    expect(meanOf([Infinity, -Infinity])).toBeNaN();
    expect(meanOf([NaN, 2])).toBeNaN();
    expect(meanOf([2, NaN])).toBeNaN();
    expect(meanOf([])).toBeNaN();
  });

  it('is exact for equal values', () => {
    for (let n = 1; n <= 12; n++) expect(meanOf(new Array(n).fill(52))).toBe(52);
  });

  it('switches to an incremental mean instead of overflowing', () => {
    expect(meanOf([1.7e308, 1.7e308, 1.7e308])).toBeCloseTo(1.7e308, -300);
    expect(meanOf([1.7e308, 1.7e308, -1.7e308]) / (1.7e308 / 3)).toBeCloseTo(1, 12);
    expect(meanOf([1.7e308, 1.7e308, Infinity])).toBe(Infinity);
  });
});

describe('VarianceAccumulator', () => {
  it('computes the population variance', () => {
    const acc = varianceOf([100, 200, 300, 400, 500, 600, 700, 800]);
    expect(acc.variance()).toBe(52500);
    expect(acc.stddev()).toBeCloseTo(229.12878474779, 10);
    expect(varianceOf([1, 2]).variance()).toBe(0.25);
    expect(varianceOf([1, 2]).stddev()).toBe(0.5);
    expect(varianceOf([7]).variance()).toBe(0);
    expect(varianceOf([]).variance()).toBeNaN();
  });

  it('is NaN when the first value is not finite', () => {
    expect(varianceOf([Infinity]).variance()).toBeNaN();
    expect(varianceOf([NaN, 1]).variance()).toBeNaN();
    expect(varianceOf([1, Infinity]).variance()).toBeNaN();
  });

  it('stays near zero for equal values with float error', () => {
    expect(varianceOf([13.3, 13.3, 13.3]).variance()).toBe(0);
  });
});

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(quantile(0.8, [0, 1])).toBeCloseTo(0.8, 15);
    expect(quantile(0.8, [2, 0, 1])).toBeCloseTo(1.6, 15);
    expect(quantile(0.8, [0, 4, 1])).toBeCloseTo(2.8, 15);
    expect(quantile(0.2, [0, 1, 2])).toBeCloseTo(0.4, 15);
  });

  it('sorts NaN as the smallest value', () => {
    expect(quantile(0.8, [0, 1, NaN])).toBeCloseTo(0.6, 15);
    expect(quantile(0.2, [0, NaN, 1])).toBeNaN();
    expect(quantile(0, [1, NaN, 0])).toBeNaN();
    expect(quantile(1, [1, NaN, 0])).toBe(1);
  });

  it('handles edge cases like Prometheus', () => {
    expect(quantile(0.5, [])).toBeNaN();
    expect(quantile(NaN, [1])).toBeNaN();
    expect(quantile(-1, [1])).toBe(-Infinity);
    expect(quantile(2, [1])).toBe(Infinity);
    expect(quantile(0.5, [3])).toBe(3);
  });
});

describe('comparators', () => {
  const values = [3, NaN, -1, Infinity, 2, NaN];
  it('order topk descending, bottomk ascending, NaN last in both', () => {
    expect([...values].sort(compareForTopK)).toEqual([Infinity, 3, 2, -1, NaN, NaN]);
    expect([...values].sort(compareForBottomK)).toEqual([-1, 2, 3, Infinity, NaN, NaN]);
    expect([...values].sort(compareNaNFirst)).toEqual([NaN, NaN, -1, 2, 3, Infinity]);
  });
});
