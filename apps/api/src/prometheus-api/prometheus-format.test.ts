import { describe, expect, it } from 'vitest';
import { formatSampleValue, queryData } from './prometheus-format.js';

describe('formatSampleValue', () => {
  it('never uses an exponent, like Go\'s FormatFloat(v, \'f\', -1, 64)', () => {
    expect(formatSampleValue(1e21)).toBe('1000000000000000000000');
    expect(formatSampleValue(1.5e-7)).toBe('0.00000015');
    expect(formatSampleValue(-1.234e-7)).toBe('-0.0000001234');
    expect(formatSampleValue(1.2345e22)).toBe('12345000000000000000000');
    expect(formatSampleValue(0.1)).toBe('0.1');
    expect(formatSampleValue(42)).toBe('42');
  });

  it('spells the special values as Prometheus does', () => {
    expect(formatSampleValue(Infinity)).toBe('+Inf');
    expect(formatSampleValue(-Infinity)).toBe('-Inf');
    expect(formatSampleValue(NaN)).toBe('NaN');
  });
});

describe('queryData', () => {
  it('renders vectors and matrices with second timestamps and string values', () => {
    expect(queryData({ type: 'vector', samples: [{ labels: { a: '1' }, t: 1500, v: 2 }] })).toEqual({
      resultType: 'vector',
      result: [{ metric: { a: '1' }, value: [1.5, '2'] }],
    });
    expect(queryData({ type: 'matrix', series: [{ labels: {}, points: [{ t: 0, v: 1 }, { t: 15000, v: NaN }] }] })).toEqual({
      resultType: 'matrix',
      result: [{ metric: {}, values: [[0, '1'], [15, 'NaN']] }],
    });
    expect(queryData({ type: 'scalar', t: 2000, v: 3 })).toEqual({ resultType: 'scalar', result: [2, '3'] });
  });
});
