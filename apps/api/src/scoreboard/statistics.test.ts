import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './statistics.js';

describe('scoreboard statistics', () => {
  it('interpolates percentiles between the closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(/within/);
  });

  it('summarizes only the values present: a drill that never reached a mark is missing, not zero', () => {
    expect(summarize([30, null, 90, undefined, 60])).toEqual({ count: 3, mean: 60, median: 60, p90: 84 });
    expect(summarize([null, null])).toEqual({ count: 0, mean: null, median: null, p90: null });
    expect(summarize([])).toEqual({ count: 0, mean: null, median: null, p90: null });
  });

  it('rounds to milliseconds so float noise never reaches JSON or CSV', () => {
    expect(summarize([0.1, 0.2]).mean).toBe(0.15);
    expect(summarize([1, 2, 2]).mean).toBe(1.667);
  });

  it('ignores values that are not finite numbers', () => {
    expect(summarize([1, Number.NaN, Number.POSITIVE_INFINITY, 3]).count).toBe(2);
  });
});
