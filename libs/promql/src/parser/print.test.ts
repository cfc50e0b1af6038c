import { describe, expect, it } from 'vitest';
import type { Expr } from '../ast.js';
import { exprToString, parseExpr } from './parser.js';

function withoutPositions(expr: Expr): unknown {
  return JSON.parse(JSON.stringify(expr, (key, value) => (key === 'pos' ? undefined : value)));
}

const roundTrips = [
  'up',
  'http_requests_total{job="api", code!="200", path=~"/v1/.*", method!~"GET|HEAD"}',
  '{__name__=~"up|down", job!=""}',
  '{"my.metric", "a.b"="x"}',
  'foo offset 5m',
  'foo offset -1h30m',
  'foo @ 1234.5 offset 1m',
  'foo @ start()',
  'foo[5m] @ end() offset 10s53ms',
  'rate(foo[5m])[30m:1m]',
  'foo[30m:] offset 1m',
  '(a + b)[5m:]',
  'sum by (job, "a.b") (rate(x[5m]))',
  'avg without (instance) (x)',
  'sum without () (x)',
  'topk(3, x)',
  'count_values("v", x)',
  'quantile(0.9, x)',
  'histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))',
  'a / ignoring (code) group_left (team) b',
  'a >= bool on (x) group_right b',
  'a + on () b',
  'a and on (job) b or c unless d',
  '1 == bool 2',
  '-(a + b)',
  '-1 ^ 2',
  '2 ^ -1',
  '1 - -1',
  '-foo offset 5m',
  'a offset 15m or b offset 45m',
  'Inf + -Inf',
  '1e+21 * 1e-7',
  '0.1 + 123.456',
  '"a\\"b\\n\\x01"',
  "'single'",
  'label_join(x, "d", ",", "a", "b")',
  'time()',
  'a atan2 b',
  'vector(1) % 2',
  'abs(-foo)',
];

describe('exprToString', () => {
  it.each(roundTrips)('%s re-parses to the same AST', (query) => {
    const expr = parseExpr(query);
    const printed = exprToString(expr);
    expect(withoutPositions(parseExpr(printed))).toEqual(withoutPositions(expr));
  });

  it('prints in Prometheus style', () => {
    expect(exprToString(parseExpr('sum(rate(x{a="b"}[5m])) by (job)'))).toBe('sum by (job) (rate(x{a="b"}[5m]))');
    expect(exprToString(parseExpr('foo offset 1m @ 100'))).toBe('foo @ 100.000 offset 1m');
    expect(exprToString(parseExpr('a + ON(x) GROUP_LEFT(y) b'))).toBe('a + on (x) group_left (y) b');
    expect(exprToString(parseExpr('foo[90s:]'))).toBe('foo[1m30s:]');
    expect(exprToString(parseExpr("'it\\'s'"))).toBe('"it\'s"');
    expect(exprToString(parseExpr('NaN'))).toBe('NaN');
  });
});
