import { describe, expect, it } from 'vitest';
import { PromqlError } from '../errors.js';
import { parseExpr } from './parser.js';

function errorOf(query: string, enableExperimental = false): PromqlError {
  try {
    parseExpr(query, { enableExperimental });
  } catch (error) {
    if (error instanceof PromqlError) return error;
    throw error;
  }
  throw new Error(`expected ${query} to fail`);
}

describe('parse errors: syntax', () => {
  it.each([
    ['1 +', '1:4: parse error: unexpected end of input'],
    ['*1', '1:1: parse error: unexpected <op:*>'],
    ['foo bar', '1:5: parse error: unexpected identifier "bar"'],
    ['(1', '1:3: parse error: unclosed left parenthesis'],
    ['sum by (a', '1:10: parse error: unclosed left parenthesis'],
    ['1)', '1:2: parse error: unexpected right parenthesis \')\''],
    ['foo[5m', '1:7: parse error: unclosed left bracket'],
    ['foo]', '1:4: parse error: unexpected right bracket \']\''],
    ['foo{a="b"', '1:10: parse error: unexpected end of input inside braces'],
    ['foo § bar', "1:5: parse error: unexpected character: '§'"],
    ['foo{a!b}', "1:6: parse error: unexpected character after '!' inside braces: 'b'"],
    ['foo{a:"b"}', "1:6: parse error: unexpected character inside braces: ':'"],
    ['"unterminated', '1:1: parse error: unterminated quoted string'],
    ['`raw', '1:1: parse error: unterminated raw string'],
    ['foo{a="b\\q"}', "1:7: parse error: unknown escape sequence U+0071 'q'"],
    ['1a', '1:1: parse error: bad number or duration syntax: "1a"'],
    ['foo[5m1m]', '1:5: parse error: not a valid duration string: "5m1m"'],
    ['foo[0m]', '1:5: parse error: duration must be greater than 0'],
    ['foo["5m"]', `1:5: parse error: unexpected character inside brackets: '"'`],
    ['sum(x,)', '1:6: parse error: trailing commas not allowed in function call args'],
    ['', '1:1: parse error: no expression found in input'],
    ['foo(bar)', '1:1: parse error: unknown function with name "foo"'],
    ['RATE(x[5m])', '1:1: parse error: unknown function with name "RATE"'],
    ['foo[5m+1m]', '1:5: parse error: experimental duration expression is not enabled'],
  ])('%s → %s', (query, message) => {
    const error = errorOf(query);
    expect(error.message).toBe(message);
    expect(error.errorType).toBe('bad_data');
  });

  it('reports line and column on multi-line queries', () => {
    expect(errorOf('sum(\n  rate(x[5m])\n) +').message).toBe('3:4: parse error: unexpected end of input');
  });

  it('carries the position range', () => {
    expect(errorOf('foo(bar)').position).toEqual({ start: 0, end: 3 });
  });
});

describe('parse errors: modifiers and selectors', () => {
  it.each([
    ['foo offset 5m offset 1m', 'offset may not be set multiple times'],
    ['foo @ 1 @ 2', '@ <timestamp> may not be set multiple times'],
    ['foo @ start() @ end()', '@ <timestamp> may not be set multiple times'],
    ['rate(foo[5m]) @ 100', '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
    ['(foo) offset 5m', 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
    ['(foo)[5m]', 'ranges only allowed for vector selectors'],
    ['foo offset 1m [5m]', 'no offset modifiers allowed before range'],
    ['foo @ 1 [5m]', 'no @ modifiers allowed before range'],
    ['foo[0]', 'duration must be greater than 0'],
    ['foo offset 0s', 'duration must be greater than 0'],
    ['{a=""}', 'vector selector must contain at least one non-empty matcher'],
    ['{a=~".*"}', 'vector selector must contain at least one non-empty matcher'],
    ['foo{__name__="bar"}', 'metric name must not be set twice: "foo" or "bar"'],
    ['foo @ Inf', 'timestamp out of bounds for @ modifier: +Inf'],
  ])('%s → %s', (query, message) => {
    expect(errorOf(query).message).toMatch(new RegExp(`^\\d+:\\d+: parse error: ${escape(message)}$`));
  });

  it('points at the bracket for a misplaced range', () => {
    expect(errorOf('foo offset 1m [5m]').message).toBe('1:15: parse error: no offset modifiers allowed before range');
  });

  it('rejects an invalid regular expression at the matcher', () => {
    const error = errorOf('foo{a=~"(x"}');
    expect(error.message).toMatch(/^1:5: parse error: error parsing regexp: invalid regular expression "\(x"/);
    expect(errorOf('foo{a!~"[z-a]"}').message).toMatch(/invalid regular expression/);
  });
});

describe('parse errors: types', () => {
  it.each([
    ['1 == 1', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
    ['foo + bool 1', '1:5: parse error: bool modifier can only be used on comparison operators'],
    ['1 and 1', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    ['foo or 1', '1:1: parse error: set operator "or" not allowed in binary scalar expression'],
    ['foo and on(a) group_left bar', '1:1: parse error: no grouping allowed for "and" operation'],
    ['foo + on(a) group_left(a) bar', '1:5: parse error: label "a" must not occur in ON and GROUP clause at once'],
    ['1 + on(a) foo', '1:1: parse error: vector matching only allowed between instant vectors'],
    ['foo[5m] + 1', '1:1: parse error: binary expression must contain only scalar and instant vector types'],
    ['1 + "a"', '1:5: parse error: binary expression must contain only scalar and instant vector types'],
    ['a + b[5m:]', '1:5: parse error: binary expression must contain only scalar and instant vector types'],
    ['-"foo"', '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"'],
    ['-foo[5m]', '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"'],
    ['rate(foo[5m], 1)', '1:1: parse error: expected 1 argument(s) in call to "rate", got 2'],
    ['rate(foo)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ['abs()', '1:1: parse error: expected 1 argument(s) in call to "abs", got 0'],
    ['round(foo, 1, 2)', '1:1: parse error: expected at most 2 argument(s) in call to "round", got 3'],
    ['label_join(foo, "a")', '1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 2'],
    ['label_join(foo, "a", ",", 1)', '1:27: parse error: expected type string in call to function "label_join", got scalar'],
    ['mad_over_time(foo[5m])', '1:1: parse error: function "mad_over_time" is not enabled'],
    ['sum()', '1:1: parse error: no arguments for aggregate expression provided'],
    ['sum(x, y)', '1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2'],
    ['topk(x)', '1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1'],
    ['topk(foo, bar)', '1:6: parse error: expected type scalar in aggregation parameter, got instant vector'],
    ['count_values(1, foo)', '1:14: parse error: expected type string in aggregation parameter, got scalar'],
    ['sum(foo[5m])', '1:5: parse error: expected type instant vector in aggregation expression, got range vector'],
    [
      'limitk(1, foo)',
      '1:1: parse error: limitk() and limit_ratio() are experimental and must be enabled with --enable-feature=promql-experimental-functions',
    ],
    ['1[5m:]', '1:1: parse error: subquery is only allowed on instant vector, got scalar instead'],
    ['foo[5m][5m:]', '1:1: parse error: subquery is only allowed on instant vector, got matrix instead'],
  ])('%s → %s', (query, message) => {
    expect(errorOf(query).message).toBe(message);
  });

  it('accepts experimental functions when enabled', () => {
    expect(() => parseExpr('sort_by_label(foo, "a")', { enableExperimental: true })).not.toThrow();
    expect(() => parseExpr('foo[5m+1m]', { enableExperimental: true })).not.toThrow();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
