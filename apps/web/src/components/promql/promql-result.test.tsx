import { describe, expect, it } from 'vitest';
import { errorPointer, formatSampleValue, parseErrorPosition, seriesName, toChartData, toTableRows, type PromData } from './promql-result.js';
import { queryRangeEnding, rangeChoice, stepFor, TARGET_POINTS } from './time-range.js';

describe('seriesName', () => {
  it('writes the metric name and sorted labels as PromQL does', () => {
    expect(seriesName({ service: 'checkout', __name__: 'up', instance: 'a:1' })).toBe('up{instance="a:1", service="checkout"}');
  });
  it('has braces for an aggregated series without labels or name', () => {
    expect(seriesName({})).toBe('{}');
    expect(seriesName({ service: 'x' })).toBe('{service="x"}');
  });
  it('escapes quotes in label values', () => {
    expect(seriesName({ msg: 'say "hi"' })).toBe('{msg="say \\"hi\\""}');
  });
});

describe('formatSampleValue', () => {
  it('drops float noise and keeps integers whole', () => {
    expect(formatSampleValue('0.30000000000000004')).toBe('0.3');
    expect(formatSampleValue('2.7857142857142856')).toBe('2.78571');
    expect(formatSampleValue('1795263890')).toBe('1795263890');
  });
  it('leaves NaN and infinities as Prometheus wrote them', () => {
    expect(formatSampleValue('NaN')).toBe('NaN');
    expect(formatSampleValue('+Inf')).toBe('+Inf');
  });
  it('uses exponents for very small values', () => {
    expect(formatSampleValue('0.0000123')).toBe('1.2300e-5');
  });
});

describe('toTableRows', () => {
  it('lists a vector sorted by series', () => {
    const data: PromData = {
      resultType: 'vector',
      result: [
        { metric: { service: 'payments' }, value: [100, '0.25'] },
        { metric: { service: 'checkout' }, value: [100, '1'] },
      ],
    };
    expect(toTableRows(data).map((row) => [row.series, row.value])).toEqual([
      ['{service="checkout"}', '1'],
      ['{service="payments"}', '0.25'],
    ]);
  });
  it('shows a scalar as one row', () => {
    expect(toTableRows({ resultType: 'scalar', result: [100, '42.5'] })).toEqual([{ key: 'scalar', series: 'scalar', value: '42.5', raw: '42.5' }]);
  });
  it('lists every sample of a range selector with its time', () => {
    const rows = toTableRows({ resultType: 'matrix', result: [{ metric: { __name__: 'up' }, values: [[0, '1'], [15, '0']] }] });
    expect(rows[0]!.value).toBe('1 @ 00:00:00\n0 @ 00:00:15');
  });
  it('is empty when nothing matches', () => {
    expect(toTableRows({ resultType: 'vector', result: [] })).toEqual([]);
  });
});

describe('toChartData', () => {
  it('aligns series on the union of their times, with gaps as null', () => {
    const chart = toChartData({
      resultType: 'matrix',
      result: [
        { metric: { service: 'b' }, values: [[10, '1'], [20, '2']] },
        { metric: { service: 'a' }, values: [[20, '5'], [30, 'NaN']] },
      ],
    });
    expect(chart.names).toEqual(['{service="a"}', '{service="b"}']);
    expect(chart.times).toEqual([10, 20, 30]);
    expect(chart.values).toEqual([
      [null, 5, null],
      [1, 2, null],
    ]);
  });
  it('draws at most maxSeries series', () => {
    const result = Array.from({ length: 5 }, (_, index) => ({ metric: { i: String(index) }, values: [[1, '1']] as Array<[number, string]> }));
    expect(toChartData({ resultType: 'matrix', result }, 3).names).toHaveLength(3);
  });
});

describe('parse errors', () => {
  it('finds line and column in the engine message, behind a prefix', () => {
    expect(parseErrorPosition('query: 1:9: parse error: unknown function with name "service"')).toEqual({
      line: 1,
      column: 9,
      message: 'unknown function with name "service"',
    });
  });
  it('has no position for execution errors', () => {
    expect(parseErrorPosition('query processing would load too many samples into memory')).toBeNull();
  });
  it('points a caret under the column', () => {
    const query = 'sum by (service (rate(x[1m]))';
    expect(errorPointer(query, { line: 1, column: 9, message: '' })).toEqual({ line: query, caret: '        ^' });
  });
  it('points at the right line of a multi-line query and clamps past the end', () => {
    expect(errorPointer('sum(\n  rate(x[1m]', { line: 2, column: 99, message: '' })).toEqual({ line: '  rate(x[1m]', caret: `${' '.repeat(12)}^` });
    expect(errorPointer('up', { line: 3, column: 1, message: '' })).toBeNull();
  });
});

describe('time ranges', () => {
  it('picks nice steps that keep a range near the target number of points', () => {
    expect(stepFor(5 * 60)).toBe(2);
    expect(stepFor(3600)).toBe(15);
    expect(3600 / stepFor(3600)).toBeLessThanOrEqual(TARGET_POINTS);
    expect(stepFor(7 * 24 * 3600)).toBe(3600);
  });
  it('ends the window at drill time, aligned to the step', () => {
    // 15 minutes / 250 points = 3.6 s, so a 5 s step; 1,000,007.5 s rounds down to 1,000,005.
    expect(queryRangeEnding(1_000_007_500, 15 * 60)).toEqual({ start: 1_000_005 - 900, end: 1_000_005, step: 5 });
  });
  it('falls back to the default choice for unknown ids', () => {
    expect(rangeChoice('nope').id).toBe('15m');
    expect(rangeChoice('1h').seconds).toBe(3600);
  });
});
