import { describe, expect, it } from 'vitest';
import { FUNCTION_SIGNATURES } from './signatures.js';
import { clampReturnsEmpty, frexp, goLog2, roundToNearest, SAMPLE_FUNCTIONS } from './sample-functions.js';

const apply = (name: string, value: number, args: number[] = []): number => {
  const fn = SAMPLE_FUNCTIONS.get(name);
  if (!fn) throw new Error(`no kernel ${name}`);
  return fn(value, args, 0);
};

describe('SAMPLE_FUNCTIONS', () => {
  it('covers every per-sample function the parser knows', () => {
    const perSample = [
      'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'deg', 'exp', 'floor', 'ln', 'log10',
      'log2', 'rad', 'sgn', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'clamp', 'clamp_min', 'clamp_max', 'round',
      'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year',
    ];
    expect([...SAMPLE_FUNCTIONS.keys()].sort()).toEqual([...perSample].sort());
    for (const name of perSample) expect(FUNCTION_SIGNATURES.has(name), name).toBe(true);
  });
});

describe('math', () => {
  it('matches functions.test for exp, ln, sqrt, log2, log10', () => {
    expect(apply('exp', 10)).toBeCloseTo(22026.465794806718, 9);
    expect(apply('exp', 20) / 485165195.4097903).toBeCloseTo(1, 14);
    expect(apply('exp', -10)).toBeCloseTo(4.5399929762484854e-5, 18);
    expect(apply('ln', 10)).toBe(2.302585092994046);
    expect(apply('ln', 0)).toBe(-Infinity);
    expect(apply('ln', -10)).toBeNaN();
    expect(apply('sqrt', 10)).toBe(3.1622776601683795);
    expect(apply('log2', 10)).toBeCloseTo(3.3219280948873626, 14);
    expect(apply('log2', 20)).toBeCloseTo(4.321928094887363, 14);
    expect(apply('log2', 0)).toBe(-Infinity);
    expect(apply('log10', 10)).toBeCloseTo(1, 14);
    expect(apply('log10', 20)).toBeCloseTo(1.301029995663981, 14);
    expect(apply('log10', -10)).toBeNaN();
  });

  it('gives exact log2 for powers of two, as Go does', () => {
    expect(goLog2(8)).toBe(3);
    expect(goLog2(0.25)).toBe(-2);
    expect(goLog2(2 ** -1070)).toBe(-1070);
    expect(frexp(12)).toEqual({ fraction: 0.75, exponent: 4 });
    expect(frexp(-5e-324)).toEqual({ fraction: -0.5, exponent: -1073 });
  });

  it('follows Prometheus for sgn, deg, rad', () => {
    expect([-Infinity, Infinity, -50, 0, 100].map((v) => apply('sgn', v))).toEqual([-1, 1, -1, 0, 1]);
    expect(apply('sgn', NaN)).toBeNaN();
    expect(apply('deg', Math.PI)).toBe(180);
    expect(apply('rad', 180)).toBe(Math.PI);
  });

  it('rounds ties up, to a multiple of to_nearest', () => {
    expect([2.5, 2, -2.5, -2, 0, Infinity, -Infinity].map((v) => apply('round', v))).toEqual([3, 2, -2, -2, 0, Infinity, -Infinity]);
    expect(Object.is(apply('round', -0), 0)).toBe(true);
    expect(roundToNearest(2.26, 0.1)).toBe(2.3);
    expect(roundToNearest(17, 5)).toBe(15);
    // 1.005 is stored as 1.00499999999999989..., so Prometheus too rounds it down.
    expect(roundToNearest(1.005, 0.01)).toBe(1);
  });

  it('clamps, with NaN bounds giving NaN and min > max giving no samples', () => {
    expect([-50, 0, 100].map((v) => apply('clamp', v, [-25, 75]))).toEqual([-25, 0, 75]);
    expect(apply('clamp_max', 100, [75])).toBe(75);
    expect(apply('clamp_min', -50, [-20])).toBe(-20);
    expect(apply('clamp', 10, [0, NaN])).toBeNaN();
    expect(apply('clamp', 10, [NaN, 0])).toBeNaN();
    expect(apply('clamp_min', NaN, [Infinity])).toBe(Infinity);
    expect(clampReturnsEmpty(5, -5)).toBe(true);
    expect(clampReturnsEmpty(-5, 5)).toBe(false);
  });
});

describe('date functions', () => {
  it('reads unix seconds in UTC, matching functions.test', () => {
    const at = 1136239445; // 2006-01-02T22:04:05Z, a Monday
    expect(apply('year', at)).toBe(2006);
    expect(apply('month', at)).toBe(1);
    expect(apply('day_of_month', at)).toBe(2);
    expect(apply('day_of_year', at)).toBe(2);
    expect(apply('day_of_week', at)).toBe(1);
    expect(apply('hour', at)).toBe(22);
    expect(apply('minute', at)).toBe(4);
    expect(apply('days_in_month', at)).toBe(31);
    expect(apply('day_of_week', 0)).toBe(4);
    expect(apply('year', 1230767999)).toBe(2008);
    expect(apply('year', 1230768000)).toBe(2009);
    expect(apply('month', 1456790399) + apply('day_of_month', 1456790399) / 100).toBe(2.29);
    expect(apply('month', 1456790400) + apply('day_of_month', 1456790400) / 100).toBe(3.01);
    expect(apply('day_of_year', 1483191420)).toBe(366);
    expect(apply('day_of_year', 1672493820)).toBe(365);
    expect(apply('days_in_month', 1454284800)).toBe(29);
    expect(apply('days_in_month', 1485907200)).toBe(28);
  });

  it('truncates towards zero, then counts before 1970 like Go', () => {
    expect(apply('minute', 59.9)).toBe(0);
    expect(apply('year', -0.5)).toBe(1970);
    expect(apply('year', -1)).toBe(1969);
    expect(apply('hour', -1)).toBe(23);
    expect(apply('day_of_week', -1)).toBe(3);
    expect(apply('year', 253402300800)).toBe(10000);
    expect(apply('days_in_month', Date.UTC(2000, 1, 10) / 1000)).toBe(29);
    expect(apply('days_in_month', Date.UTC(1900, 1, 10) / 1000)).toBe(28);
  });

  it('agrees with Date across a spread of instants', () => {
    for (let seconds = -2e9; seconds < 5e9; seconds += 7_777_777) {
      const date = new Date(seconds * 1000);
      expect(apply('year', seconds)).toBe(date.getUTCFullYear());
      expect(apply('month', seconds)).toBe(date.getUTCMonth() + 1);
      expect(apply('day_of_month', seconds)).toBe(date.getUTCDate());
      expect(apply('day_of_week', seconds)).toBe(date.getUTCDay());
      expect(apply('hour', seconds)).toBe(date.getUTCHours());
      expect(apply('minute', seconds)).toBe(date.getUTCMinutes());
      const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
      const startOfDay = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
      expect(apply('day_of_year', seconds)).toBe((startOfDay - startOfYear) / 86_400_000 + 1);
    }
  });

  it('gives NaN for values without a date', () => {
    expect(apply('year', NaN)).toBeNaN();
    expect(apply('hour', Infinity)).toBeNaN();
  });
});
