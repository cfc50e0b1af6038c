import { describe, expect, it } from 'vitest';
import { PromqlError } from '../errors.js';
import { durationSeconds } from './range-rate.js';
import { call, windowOf } from './testing/window-fixture.js';

// Cases hand-translated from Prometheus's promql/promqltest/testdata/functions.test.

const s = 1000;
const m = 60 * s;

describe('increase and rate', () => {
  const foo = '0+10x10';
  const bar = '0+18x5 0+18x5';
  const dings = '10+10x10';
  const bumms = '1+10x10';

  it('measures the increase over the whole window without extrapolating past zero', () => {
    expect(call('increase', windowOf(foo, 5 * m, 50 * m, 50 * m))).toBeCloseTo(100, 9);
    expect(call('increase', windowOf(bar, 5 * m, 50 * m, 50 * m))).toBeCloseTo(160, 9);
    expect(call('increase', windowOf(dings, 5 * m, 50 * m, 50 * m))).toBeCloseTo(100, 9);
    expect(call('increase', windowOf(bumms, 5 * m, 50 * m, 50 * m))).toBeCloseTo(100, 9);
  });

  it('extrapolates by half an interval, or only to the zero point of a counter', () => {
    expect(call('increase', windowOf(foo, 5 * m, 50 * m, 100 * m))).toBeCloseTo(100, 9);
    expect(call('increase', windowOf(bar, 5 * m, 50 * m, 100 * m))).toBeCloseTo(162, 9);
    expect(call('increase', windowOf(dings, 5 * m, 50 * m, 100 * m))).toBeCloseTo(105, 9);
    expect(call('increase', windowOf(bumms, 5 * m, 50 * m, 100 * m))).toBeCloseTo(101, 9);
  });

  it('treats a decrease as a counter reset to zero', () => {
    expect(call('increase', windowOf('0 1 2 3 2 3 4', 5 * m, 30 * m, 30 * m))).toBeCloseTo(7, 9);
    expect(call('rate', windowOf('0+27x4 0+27x5', 5 * m, 50 * m, 50 * m))).toBeCloseTo(0.08, 12);
  });

  it('needs two samples, so a reset in the last sample is ignored', () => {
    const series = '0+10x9 0 10';
    expect(call('rate', windowOf(series, 5 * m, 50 * m, 5 * m))).toBeUndefined();
    expect(call('rate', windowOf(series, 5 * m, 50 * m, 6 * m))).toBe(0);
  });

  it('divides by the range in seconds', () => {
    expect(call('rate', windowOf('0+80x10', 5 * m, 50 * m, 50 * m))).toBeCloseTo(0.26666666666666666, 15);
    // rate(x[10m] offset 5m) at 50m: the window ends at 45m.
    expect(call('rate', windowOf('0+10x10', 5 * m, 45 * m, 10 * m))).toBeCloseTo(0.03333333333333333, 15);
    expect(call('rate', windowOf('0+20x10', 5 * m, 45 * m, 10 * m))).toBeCloseTo(0.06666666666666667, 15);
  });

  it('cuts left extrapolation at the zero point until half an interval', () => {
    const expected = [0.5, 0.55, 0.6, 0.6, 0.6, 0.6];
    expected.forEach((rate, i) => {
      const series = `${i * 60}+240x10`;
      expect(call('rate', windowOf(series, 4 * m, 10 * m, 20 * m))).toBeCloseTo(rate, 12);
      expect(call('rate', windowOf(series, 4 * m, 50 * m, 20 * m))).toBeCloseTo(0.6, 12);
    });
  });

  it('flags metric names that do not look like counters', () => {
    const notes: string[] = [];
    const annotate = (_kind: string, message: string) => notes.push(message);
    call('rate', windowOf('0+1x5', m, 5 * m, 5 * m), [], { metricName: 'requests', annotate });
    call('increase', windowOf('0+1x5', m, 5 * m, 5 * m), [], { metricName: 'requests_total', annotate });
    call('rate', windowOf('0+1x5', m, 5 * m, 5 * m), [], { metricName: undefined, annotate });
    call('rate', windowOf('1', m, 5 * m, 5 * m), [], { metricName: 'single', annotate });
    expect(notes).toEqual([
      'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "requests"',
    ]);
  });

  it('delta does not treat decreases as resets', () => {
    expect(call('delta', windowOf('0 50 100 50', 5 * m, 15 * m, 20 * m))).toBeCloseTo(66.66666666666667, 9);
  });

  it('follows Go for Duration.Seconds', () => {
    expect(durationSeconds(15001)).toBe(15 + 1e6 / 1e9);
    expect(durationSeconds(300000)).toBe(300);
  });
});

describe('irate and idelta', () => {
  it('uses the last two samples, a drop counting as a reset', () => {
    expect(call('irate', windowOf('0+10x10', 5 * m, 50 * m, 50 * m))).toBeCloseTo(0.03333333333333333, 15);
    expect(call('irate', windowOf('0+10x5 0+10x5', 5 * m, 30 * m, 50 * m))).toBe(0);
  });

  it('propagates NaN', () => {
    const series = '1 NaN NaN 5 11';
    const at = (minute: number) => call('irate', windowOf(series, 5 * m, minute * m, 15 * m + 1));
    expect([0, 5, 10, 15, 20].map(at)).toEqual([undefined, NaN, NaN, NaN, 0.02]);
    const delta = (minute: number) => call('idelta', windowOf(series, 5 * m, minute * m, 15 * m + 1));
    expect([0, 5, 10, 15, 20].map(delta)).toEqual([undefined, NaN, NaN, NaN, 6]);
  });

  it('idelta keeps the sign', () => {
    expect(call('idelta', windowOf('0 50 100 150', 5 * m, 20 * m, 20 * m))).toBe(50);
    expect(call('idelta', windowOf('0 50 100 50', 5 * m, 20 * m, 20 * m))).toBe(-50);
  });
});

describe('deriv and predict_linear', () => {
  const resetMiddle = '0+10x4 0+10x5';

  it('fits a least-squares slope', () => {
    expect(call('deriv', windowOf('0+80x10', 5 * m, 50 * m, 50 * m))).toBeCloseTo(0.26666666666666666, 14);
    expect(call('deriv', windowOf(resetMiddle, 5 * m, 50 * m, 100 * m))).toBeCloseTo(0.010606060606060607, 15);
    expect(call('deriv', windowOf('-Inf 0+80x10 Inf', 5 * m, 100 * m, 100 * m))).toBeNaN();
    expect(call('deriv', windowOf('5', 5 * m, 0, 100 * m))).toBeUndefined();
  });

  it('predicts from the evaluation time, not the @-shifted window end', () => {
    const w = windowOf(resetMiddle, 5 * m, 50 * m, 50 * m);
    expect(call('predict_linear', w, [3600], { evaluationTimeMs: 50 * m })).toBeCloseTo(70, 9);
    const pinned = windowOf(resetMiddle, 5 * m, 50 * m, 55 * m); // [55m] @ 3000
    expect(call('predict_linear', pinned, [3600], { evaluationTimeMs: 50 * m })).toBeCloseTo(76.81818181818181, 9);
    expect(call('predict_linear', pinned, [3600], { evaluationTimeMs: 10 * m })).toBeCloseTo(51.36363636363637, 9);
    expect(call('predict_linear', pinned, [3600], { evaluationTimeMs: 70 * m })).toBeCloseTo(89.54545454545455, 9);
  });

  it('gives slope 0 for a constant series', () => {
    expect(call('deriv', windowOf('3 3 3', m, 2 * m, 5 * m))).toBe(0);
    expect(call('predict_linear', windowOf('3 3 3', m, 2 * m, 5 * m), [100])).toBe(3);
  });
});

describe('double_exponential_smoothing', () => {
  const at8000s = (series: string) => call('double_exponential_smoothing', windowOf(series, 10 * s, 8000 * s, m), [0.01, 0.1]);

  it('follows linear trends', () => {
    expect(at8000s('0+10x1000 100+30x1000')).toBeCloseTo(8000, 6);
    expect(at8000s('0+40x2000')).toBeCloseTo(32000, 6);
    expect(at8000s('8000-10x1000')).toBeCloseTo(0, 6);
    expect(at8000s('0-40x1000 0+40x1000')).toBeCloseTo(-32000, 6);
  });

  it('rejects factors outside (0, 1) with Prometheus error text', () => {
    const w = windowOf('1 2 3', s, 3 * s, m);
    expect(() => call('double_exponential_smoothing', w, [0, 0.5])).toThrow(
      new PromqlError('invalid smoothing factor. Expected: 0 < sf < 1, got: 0.000000'),
    );
    expect(() => call('double_exponential_smoothing', w, [0.5, 1])).toThrow('invalid trend factor. Expected: 0 < tf < 1, got: 1.000000');
  });

  it('needs two samples', () => {
    expect(call('double_exponential_smoothing', windowOf('1', s, 0, m), [0.5, 0.5])).toBeUndefined();
  });
});
