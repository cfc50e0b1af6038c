import { describe, expect, it } from 'vitest';
import { PromqlError } from '../errors.js';
import { formatDuration, parseDuration } from './parser.js';

describe('parseDuration', () => {
  it.each([
    ['5m', 300_000], ['1h30m', 5_400_000], ['10s53ms', 10_053], ['1d', 86_400_000], ['2w', 1_209_600_000],
    ['1y', 31_536_000_000], ['1y2w3d4h5m6s7ms', 31_536_000_000 + 1_209_600_000 + 259_200_000 + 14_400_000 + 300_000 + 6_000 + 7],
    ['0', 0], ['0s', 0], ['90s', 90_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'empty duration string'],
    ['5', 'not a valid duration string: "5"'],
    ['1m1h', 'not a valid duration string: "1m1h"'],
    ['5m5m', 'not a valid duration string: "5m5m"'],
    ['1.5h', 'not a valid duration string: "1.5h"'],
    ['-5m', 'not a valid duration string: "-5m"'],
    ['5 m', 'not a valid duration string: "5 m"'],
    ['5x', 'not a valid duration string: "5x"'],
  ])('refuses %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(PromqlError);
    expect(() => parseDuration(text)).toThrow(message);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'], [300_000, '5m'], [5_400_000, '1h30m'], [10_053, '10s53ms'], [86_400_000, '1d'], [1_209_600_000, '2w'],
    [90 * 86_400_000, '90d'], [31_536_000_000, '1y'], [31_536_000_000 + 86_400_000, '366d'], [1, '1ms'], [-300_000, '-5m'],
    [3_661_001, '1h1m1s1ms'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 1000, 61_000, 3_600_000, 7 * 86_400_000, 8 * 86_400_000 + 1]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
