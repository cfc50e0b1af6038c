import { describe, expect, it } from 'vitest';
import { formatGoFloat } from './go-format.js';

describe('formatGoFloat', () => {
  it('prints floats like Go %g', () => {
    const cases: [number, string][] = [
      [NaN, 'NaN'], [Infinity, '+Inf'], [-Infinity, '-Inf'], [0, '0'], [-0, '-0'], [1.5, '1.5'], [-0.5, '-0.5'],
      [123456, '123456'], [1e6, '1e+06'], [1234567, '1.234567e+06'], [0.0001, '0.0001'], [1e-5, '1e-05'],
      [1.25e-7, '1.25e-07'], [1e21, '1e+21'], [1e100, '1e+100'], [5e-324, '5e-324'], [100, '100'], [0.1, '0.1'],
    ];
    for (const [value, text] of cases) expect(formatGoFloat(value), text).toBe(text);
  });
});
