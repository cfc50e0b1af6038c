import { describe, expect, it } from 'vitest';
import { latestValue, niceStep, rangeFor, sameSeries, sampleValue, seriesLabel, toAlignedData, toChartData } from './chart-data.js';
import { formatClock, formatValue } from './chart-format.js';

describe('shaping Prometheus range results for uPlot', () => {
  it('joins series on their timestamps, with gaps where one has no point', () => {
    const data = toChartData([
      {
        legend: '{{service}}',
        result: [
          { metric: { service: 'payments' }, values: [[10, '1'], [20, '2'], [30, '3']] },
          { metric: { service: 'checkout' }, values: [[20, '5'], [40, '6']] },
        ],
      },
    ]);
    expect(data.xs).toEqual([10, 20, 30, 40]);
    expect(data.series.map((s) => s.label)).toEqual(['checkout', 'payments']);
    expect(toAlignedData(data)).toEqual([
      [10, 20, 30, 40],
      [null, 5, null, 6],
      [1, 2, 3, null],
    ]);
  });

  it('draws NaN and infinities as gaps', () => {
    expect(sampleValue('NaN')).toBeNull();
    expect(sampleValue('+Inf')).toBeNull();
    expect(sampleValue('0.25')).toBe(0.25);
  });

  it('merges several queries of one panel, each with its own legend', () => {
    const data = toChartData([
      { legend: '{{slo}} 5m', result: [{ metric: { slo: 'availability' }, values: [[10, '2']] }] },
      { legend: '{{slo}} 1h', result: [{ metric: { slo: 'availability' }, values: [[10, '1']] }] },
    ]);
    expect(data.series.map((s) => s.label)).toEqual(['availability 1h', 'availability 5m']);
    expect(new Set(data.series.map((s) => s.key)).size).toBe(2);
  });

  it('labels series without a template by their labels, or their metric name', () => {
    expect(seriesLabel({ __name__: 'up', service: 'gateway', replica: 'gateway-0' })).toBe('replica=gateway-0, service=gateway');
    expect(seriesLabel({ __name__: 'up' })).toBe('up');
    expect(seriesLabel({})).toBe('value');
    expect(seriesLabel({ service: 'payments' }, '{{service}} {{missing}}')).toBe('payments ');
  });

  it('knows when the set of series changed (a replica scaled away)', () => {
    const before = toChartData([{ result: [{ metric: { replica: 'a' }, values: [[1, '1']] }, { metric: { replica: 'b' }, values: [[1, '1']] }] }]);
    const same = toChartData([{ result: [{ metric: { replica: 'b' }, values: [[2, '1']] }, { metric: { replica: 'a' }, values: [[2, '1']] }] }]);
    const fewer = toChartData([{ result: [{ metric: { replica: 'a' }, values: [[2, '1']] }] }]);
    expect(sameSeries(before.series, same.series)).toBe(true);
    expect(sameSeries(before.series, fewer.series)).toBe(false);
  });

  it('gives the legend the newest value that is not a gap', () => {
    expect(latestValue([1, 2, null])).toBe(2);
    expect(latestValue([null, null])).toBeNull();
    expect(latestValue([])).toBeNull();
  });

  it('asks for ranges on a round step grid so refreshes and panels line up', () => {
    expect(niceStep(7.5)).toBe(10);
    expect(niceStep(0.3)).toBe(1);
    expect(niceStep(5000)).toBe(7200);
    const range = rangeFor(1_000_007.3, 900);
    expect(range).toEqual({ start: 1_000_000 - 900, end: 1_000_000, step: 10 });
    expect(rangeFor(1_000_009.9, 900)).toEqual(range);
  });
});

describe('values in their units', () => {
  it('reads as a person on call would write them', () => {
    expect(formatValue(12.345, 'reqps')).toBe('12.3/s');
    expect(formatValue(0.5, 'reqps')).toBe('0.5/s');
    expect(formatValue(0.034, 'ratio')).toBe('3.4%');
    expect(formatValue(0.25, 'seconds')).toBe('250ms');
    expect(formatValue(2.5, 'seconds')).toBe('2.5s');
    expect(formatValue(14.4, 'burn')).toBe('14x');
    expect(formatValue(3, 'count')).toBe('3');
    expect(formatValue(-1.8627, 'percentBudget')).toBe('-186.3%');
    expect(formatValue(-186.27, 'percentBudget')).toBe('-18.6k%');
    expect(formatValue(null, 'count')).toBe('–');
  });

  it('shows stack time in UTC', () => {
    expect(formatClock(Date.UTC(2026, 10, 21, 12, 17, 44) / 1000)).toBe('12:17:44');
  });
});
