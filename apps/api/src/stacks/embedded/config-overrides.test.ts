import { describe, expect, it } from 'vitest';
import { mergeConfig } from './config-overrides.js';

describe('mergeConfig', () => {
  it('keeps earlier changes and lets later values win per key', () => {
    const first = mergeConfig(undefined, { pool: { max: 20 } });
    const second = mergeConfig(first, { cache: { warm: true } });
    expect(mergeConfig(second, { pool: { acquireTimeoutMs: 3000 } })).toEqual({ pool: { max: 20, acquireTimeoutMs: 3000 }, cache: { warm: true } });
    expect(mergeConfig(second, { pool: { max: 30 } }).pool).toEqual({ max: 30 });
  });
});
