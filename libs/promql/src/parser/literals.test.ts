import { describe, expect, it } from 'vitest';
import { LiteralError, parseNumberText, quoteString, unquoteString } from './literals.js';

describe('parseNumberText', () => {
  it.each([
    ['42', 42], ['0x1F', 31], ['0X1f', 31], ['010', 8], ['019', 19], ['0o17', 15], ['0b101', 5], ['1_000', 1000],
    ['2.', 2], ['.5', 0.5], ['2.e3', 2000], ['1E-3', 0.001], ['inf', Infinity], ['Infinity', Infinity], ['1m30s', 90],
  ])('%s → %d', (text, value) => {
    expect(parseNumberText(text)).toBe(value);
  });

  it('refuses garbage', () => {
    expect(() => parseNumberText('1.2.3')).toThrow(LiteralError);
  });
});

describe('unquoteString', () => {
  it.each([
    ['"plain"', 'plain'], ["'single \"ok\"'", 'single "ok"'], ['"\\a\\b\\f\\n\\r\\t\\v"', '\x07\b\f\n\r\t\v'],
    ['"\\101\\x42\\u0043\\U00000044"', 'ABCD'], ['"\\xe2\\x82\\xac"', '€'], ['`no \\escapes`', 'no \\escapes'], ['"日本"', '日本'],
  ])('%s', (token, value) => {
    expect(unquoteString(token)).toBe(value);
  });

  it.each([
    ['"\\q"', "unknown escape sequence U+0071 'q'"],
    ["'\\\"'", 'unknown escape sequence U+0022 \'"\''],
    ['"\\xZ1"', 'illegal character in escape sequence'],
    ['"\\uD800"', 'escape sequence is an invalid Unicode code point'],
    ['"\\400"', 'escape sequence is an invalid Unicode code point'],
    ['"open', 'unterminated quoted string'],
  ])('refuses %s', (token, message) => {
    expect(() => unquoteString(token)).toThrow(message);
  });
});

describe('quoteString', () => {
  it('quotes so that unquoting gives the value back', () => {
    for (const value of ['', 'a"b', 'back\\slash', 'line\nbreak\ttab', '\x01\x7f', 'é😀', "it's"]) {
      expect(unquoteString(quoteString(value))).toBe(value);
    }
    expect(quoteString('a"b\n')).toBe('"a\\"b\\n"');
  });
});
