import { describe, expect, it } from 'vitest';
import { expandSeriesItems, expandSeriesValues, parseSeriesLine } from './series-notation.js';

describe('expandSeriesValues', () => {
  it('expands increments, decrements and repeats to n+1 values', () => {
    expect(expandSeriesValues('1+2x3')).toEqual([1, 3, 5, 7]);
    expect(expandSeriesValues('5-1x2')).toEqual([5, 4, 3]);
    expect(expandSeriesValues('7x2')).toEqual([7, 7, 7]);
    expect(expandSeriesValues('1+0x2')).toEqual([1, 1, 1]);
    expect(expandSeriesValues('-1-1x2 +3')).toEqual([-1, -2, -3, 3]);
    expect(expandSeriesValues('0x0')).toEqual([0]);
  });

  it('keeps missing samples and staleness markers in their slots', () => {
    expect(expandSeriesValues('1 _ 3 stale _x3 4')).toEqual([1, null, 3, 'stale', null, null, null, 4]);
  });

  it('reads special and exponent numbers', () => {
    const values = expandSeriesValues('NaN Inf -Inf +inf nan 1e3 .5 2. 1.5e-1x1');
    expect(values.slice(1)).toEqual([Infinity, -Infinity, Infinity, NaN, 1000, 0.5, 2, 0.15, 0.15]);
    expect(Number.isNaN(values[0])).toBe(true);
  });

  it('adds increments one by one like Prometheus, so float steps match exactly', () => {
    const values = expandSeriesValues('0+1.33x3') as number[];
    let expected = 0;
    for (const value of values) {
      expect(value).toBe(expected);
      expected += 1.33;
    }
  });

  it('refuses unknown items and native histograms', () => {
    expect(() => expandSeriesValues('1 foo')).toThrow(/unexpected "foo"/);
    expect(() => expandSeriesValues('{{schema:0 sum:1 count:1}}')).toThrow(/native histogram/);
  });
});

describe('expandSeriesItems', () => {
  it('marks native histogram steps, including repeated ones, without losing the float positions', () => {
    const items = expandSeriesItems('1 {{schema:0 sum:5 count:4 buckets:[1 2 1]}}x2 2 {{count:1}}+{{count:1}}x1 3');
    expect(items.values).toEqual([1, null, null, null, 2, null, null, 3]);
    expect(items.histogramIndexes).toEqual([1, 2, 3, 5, 6]);
  });
});

describe('parseSeriesLine', () => {
  it('parses name, labels and values', () => {
    expect(parseSeriesLine('http_requests_total{job="api", instance="0"}\t0+10x2')).toEqual({
      labels: { __name__: 'http_requests_total', job: 'api', instance: '0' },
      values: [0, 10, 20],
      histogramIndexes: [],
    });
  });

  it('accepts bare label sets, quoted metric names, escapes and trailing commas', () => {
    expect(parseSeriesLine('{} 1').labels).toEqual({});
    expect(parseSeriesLine('{group="canary",} 700').labels).toEqual({ group: 'canary' });
    expect(parseSeriesLine('{"my.metric", a=\'x\'} 1').labels).toEqual({ __name__: 'my.metric', a: 'x' });
    expect(parseSeriesLine('m{a="q\\"uote\\n", b=`raw\\n`} 1').labels).toEqual({ __name__: 'm', a: 'q"uote\n', b: 'raw\\n' });
    expect(parseSeriesLine('m{a="{count:20, sum:10, [-2,-1):2}"} 2').labels.a).toBe('{count:20, sum:10, [-2,-1):2}');
  });

  it('reports malformed label sets', () => {
    expect(() => parseSeriesLine('m{a="b" 1')).toThrow(/expected "," or "}"/);
    expect(() => parseSeriesLine('m{a} 1')).toThrow(/expected "="/);
    expect(() => parseSeriesLine('m{a="b} 1')).toThrow(/unterminated/);
  });
});
