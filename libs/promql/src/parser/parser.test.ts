import { describe, expect, it } from 'vitest';
import { parseExpr, parseSeriesSelector } from './parser.js';

const name = (value: string) => ({ op: '=', name: '__name__', value });

describe('parseExpr: selectors', () => {
  it('puts a bare metric name first among the matchers and in name', () => {
    expect(parseExpr('up')).toEqual({
      type: 'VectorSelector', name: 'up', matchers: [name('up')], offset: 0, at: null, pos: { start: 0, end: 2 },
    });
  });

  it('reads every matcher operator in order after the name', () => {
    const expr = parseExpr('http_requests_total{job="api", code!="200", path=~"/v1/.*", method!~"GET|HEAD",}');
    expect(expr).toMatchObject({
      name: 'http_requests_total',
      matchers: [
        name('http_requests_total'),
        { op: '=', name: 'job', value: 'api' },
        { op: '!=', name: 'code', value: '200' },
        { op: '=~', name: 'path', value: '/v1/.*' },
        { op: '!~', name: 'method', value: 'GET|HEAD' },
      ],
    });
  });

  it('accepts metric names with colons and selectors without a name', () => {
    expect(parseExpr('job:rate5m:sum')).toMatchObject({ name: 'job:rate5m:sum' });
    expect(parseExpr('{__name__=~"up|down", job!=""}')).toMatchObject({ name: null, matchers: [{ op: '=~', name: '__name__' }, { op: '!=' }] });
  });

  it('reads quoted UTF-8 metric and label names', () => {
    expect(parseExpr('{"my.metric", "a.b"="x"}')).toMatchObject({
      name: null,
      matchers: [name('my.metric'), { op: '=', name: 'a.b', value: 'x' }],
    });
  });

  it('reads offsets, negative offsets and @ in either order', () => {
    expect(parseExpr('foo offset 5m')).toMatchObject({ offset: 300_000, at: null, pos: { start: 0, end: 13 } });
    expect(parseExpr('foo offset -1h')).toMatchObject({ offset: -3_600_000 });
    expect(parseExpr('foo @ 1234.5')).toMatchObject({ at: { kind: 'timestamp', ms: 1_234_500 } });
    expect(parseExpr('foo @ 1.0005')).toMatchObject({ at: { kind: 'timestamp', ms: 1001 } });
    expect(parseExpr('foo @ -1.0005')).toMatchObject({ at: { kind: 'timestamp', ms: -1001 } });
    expect(parseExpr('foo @ start() offset 1m')).toMatchObject({ at: { kind: 'start' }, offset: 60_000 });
    expect(parseExpr('foo offset 1m @ end()')).toMatchObject({ at: { kind: 'end' }, offset: 60_000 });
    expect(parseExpr('foo offset 90')).toMatchObject({ offset: 90_000 });
  });

  it('reads matrix selectors with their modifiers on the inner selector', () => {
    expect(parseExpr('rate_me{a="b"}[1h30m] offset 5m @ 100')).toMatchObject({
      type: 'MatrixSelector',
      range: 5_400_000,
      vector: { type: 'VectorSelector', name: 'rate_me', offset: 300_000, at: { kind: 'timestamp', ms: 100_000 } },
    });
    expect(parseExpr('foo[300]')).toMatchObject({ type: 'MatrixSelector', range: 300_000 });
  });

  it('reads subqueries with and without a step', () => {
    expect(parseExpr('rate(foo[5m])[30m:1m]')).toMatchObject({ type: 'SubqueryExpr', range: 1_800_000, step: 60_000, expr: { type: 'Call' } });
    expect(parseExpr('foo[30m:] offset 1m @ start()')).toMatchObject({
      type: 'SubqueryExpr', range: 1_800_000, step: 0, offset: 60_000, at: { kind: 'start' }, expr: { type: 'VectorSelector', offset: 0 },
    });
  });

  it('binds postfix modifiers tighter than any operator, as Prometheus does', () => {
    expect(parseExpr('a offset 15m or b offset 45m')).toMatchObject({
      type: 'BinaryExpr', op: 'or', lhs: { offset: 900_000 }, rhs: { name: 'b', offset: 2_700_000 },
    });
    expect(parseExpr('a @ 1 + b @ 2')).toMatchObject({ lhs: { at: { ms: 1000 } }, rhs: { at: { ms: 2000 } } });
    expect(parseExpr('-foo offset 5m')).toMatchObject({ type: 'UnaryExpr', expr: { type: 'VectorSelector', offset: 300_000 } });
  });
});

describe('parseExpr: literals', () => {
  it.each([
    ['1', 1], ['1.5', 1.5], ['.5', 0.5], ['2.', 2], ['1e3', 1000], ['12.34e-6', 0.00001234], ['0x1F', 31], ['0X1f', 31],
    ['010', 8], ['1_000', 1000], ['Inf', Infinity], ['+inF', Infinity], ['-Inf', -Infinity], ['-0.2e-6', -0.0000002], ['+0.2', 0.2],
    ['5m', 300], ['1h30m', 5400], ['- 1', -1],
  ])('reads %s as %d', (text, value) => {
    expect(parseExpr(text)).toMatchObject({ type: 'NumberLiteral', value });
  });

  it('reads NaN in any case', () => {
    const expr = parseExpr('nAn');
    expect(expr.type === 'NumberLiteral' && Number.isNaN(expr.value)).toBe(true);
  });

  it('folds a sign into a number literal with the sign in its position', () => {
    expect(parseExpr('1 - -1')).toMatchObject({ rhs: { type: 'NumberLiteral', value: -1, pos: { start: 4, end: 6 } } });
  });

  it('binds ^ tighter than a leading sign: -1 ^ 2 is -(1 ^ 2)', () => {
    expect(parseExpr('-1 ^ 2')).toMatchObject({
      type: 'UnaryExpr', op: '-', expr: { type: 'BinaryExpr', op: '^', lhs: { value: 1 }, rhs: { value: 2 } },
    });
    expect(parseExpr('-foo ^ 2')).toMatchObject({ type: 'UnaryExpr', expr: { type: 'BinaryExpr', op: '^' } });
  });

  it.each([
    ['"a\\nb\\t\\\\\\"c"', 'a\nb\t\\"c'],
    ["'it\\'s'", "it's"],
    ['`raw\\n`', 'raw\\n'],
    ['"\\x41\\101\\u00e9\\U0001F600"', 'AAé😀'],
    ['"\\xc3\\xa9"', 'é'],
  ])('reads the string %s', (text, value) => {
    expect(parseExpr(text)).toMatchObject({ type: 'StringLiteral', value });
  });
});

describe('parseExpr: operators', () => {
  it('gives vector-vector operations one-to-one matching and scalar ones none', () => {
    expect(parseExpr('a + b')).toMatchObject({ matching: { card: 'one-to-one', on: false, labels: [], include: [] }, returnBool: false });
    expect(parseExpr('a * 2')).toMatchObject({ matching: null });
    expect(parseExpr('1 + 2')).toMatchObject({ matching: null });
  });

  it('makes set operators many-to-many', () => {
    for (const op of ['and', 'or', 'unless']) {
      expect(parseExpr(`a ${op} on(job) b`)).toMatchObject({ op, matching: { card: 'many-to-many', on: true, labels: ['job'] } });
    }
  });

  it('reads on/ignoring/group_left/group_right and bool', () => {
    expect(parseExpr('a / ignoring(code) group_left(team, owner) b')).toMatchObject({
      op: '/', matching: { card: 'many-to-one', on: false, labels: ['code'], include: ['team', 'owner'] },
    });
    expect(parseExpr('a >= bool on(x) group_right b')).toMatchObject({
      op: '>=', returnBool: true, matching: { card: 'one-to-many', on: true, labels: ['x'], include: [] },
    });
    expect(parseExpr('1 == bool 2')).toMatchObject({ returnBool: true, matching: null });
  });

  it('follows Prometheus precedence', () => {
    expect(parseExpr('a + b * c ^ d ^ e')).toMatchObject({
      op: '+', rhs: { op: '*', rhs: { op: '^', lhs: { name: 'c' }, rhs: { op: '^' } } },
    });
    expect(parseExpr('a or b and c unless d')).toMatchObject({ op: 'or', rhs: { op: 'unless', lhs: { op: 'and' } } });
    expect(parseExpr('a atan2 b')).toMatchObject({ op: 'atan2' });
  });

  it('keeps parentheses and unary operators on vectors', () => {
    expect(parseExpr('-(a + b)')).toMatchObject({ type: 'UnaryExpr', op: '-', expr: { type: 'ParenExpr', expr: { type: 'BinaryExpr' } } });
    expect(parseExpr('-{job="api"}')).toMatchObject({ type: 'UnaryExpr', expr: { type: 'VectorSelector' } });
    expect(parseExpr('+foo')).toMatchObject({ type: 'UnaryExpr', op: '+' });
  });
});

describe('parseExpr: aggregations and calls', () => {
  it('reads by/without before or after the body', () => {
    expect(parseExpr('sum by (job, "a.b") (rate(x[5m]))')).toMatchObject({ op: 'sum', grouping: ['job', 'a.b'], without: false, param: null });
    expect(parseExpr('avg(x) without (instance)')).toMatchObject({ op: 'avg', grouping: ['instance'], without: true });
    expect(parseExpr('SUM BY (a) (x)')).toMatchObject({ op: 'sum', grouping: ['a'] });
  });

  it('reads aggregation parameters', () => {
    expect(parseExpr('topk(3, x)')).toMatchObject({ op: 'topk', param: { value: 3 }, expr: { name: 'x' } });
    expect(parseExpr('quantile(0.9, x)')).toMatchObject({ param: { value: 0.9 } });
    expect(parseExpr('count_values("v", x)')).toMatchObject({ param: { type: 'StringLiteral', value: 'v' } });
    expect(parseExpr('limitk(2, x)', { enableExperimental: true })).toMatchObject({ op: 'limitk' });
    expect(parseExpr('limit_ratio(0.5, x)', { enableExperimental: true })).toMatchObject({ op: 'limit_ratio' });
  });

  it('reads function calls, optional and variadic arguments', () => {
    expect(parseExpr('histogram_quantile(0.9, sum by (le) (rate(x[5m])))')).toMatchObject({
      type: 'Call', func: 'histogram_quantile', args: [{ value: 0.9 }, { type: 'AggregateExpr' }],
    });
    expect(parseExpr('time()')).toMatchObject({ type: 'Call', func: 'time', args: [] });
    expect(parseExpr('round(x)')).toMatchObject({ args: [{}] });
    expect(parseExpr('label_join(x, "d", ",", "a", "b", "c")')).toMatchObject({ args: { length: 6 } });
    expect(parseExpr('mad_over_time(x[5m])', { enableExperimental: true })).toMatchObject({ func: 'mad_over_time' });
  });
});

describe('parseSeriesSelector', () => {
  it('returns the matchers of a plain selector', () => {
    expect(parseSeriesSelector('up{job="x"}')).toEqual([name('up'), { op: '=', name: 'job', value: 'x' }]);
  });

  it('refuses anything else', () => {
    expect(() => parseSeriesSelector('rate(up[5m])')).toThrow(/parse error/);
    expect(() => parseSeriesSelector('up offset 5m')).toThrow(/parse error/);
    expect(() => parseSeriesSelector('{job=""}')).toThrow(/at least one non-empty matcher/);
  });
});
