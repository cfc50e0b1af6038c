import { describe, expect, it } from 'vitest';
import { parseGoNumber, parseTestDuration, parseTestFile, TestFileError, type EvalCommand } from './test-file.js';

const evals = (text: string): EvalCommand[] => parseTestFile(text).filter((c): c is EvalCommand => c.kind === 'eval');

describe('parseTestFile', () => {
  it('reads load blocks with their interval and series, skipping comments', () => {
    const [load, clear] = parseTestFile(`
# a comment
load 5m
  http_requests{job="api"} 0+10x2
  up _ 1 stale

clear
`);
    expect(load).toMatchObject({ kind: 'load', line: 3, intervalMs: 300_000, withNhcb: false });
    expect(load!.kind === 'load' && load!.series.map((s) => [s.labels, s.values, s.line])).toEqual([
      [{ __name__: 'http_requests', job: 'api' }, [0, 10, 20], 4],
      [{ __name__: 'up' }, [null, 1, 'stale'], 5],
    ]);
    expect(clear).toEqual({ kind: 'clear', line: 7 });
    expect(parseTestFile('load_with_nhcb 1m\n  a_bucket{le="1"} 1')[0]).toMatchObject({ withNhcb: true });
  });

  it('reads instant evals with expected series, scalars and strings', () => {
    const [series, scalar, string] = evals(`
eval instant at 50m sum by (job) (http_requests)
  {job="api"} 30
  {job="web"} NaN

eval instant at 1m 1 + 1
  2

eval instant at 0 "Foo"
  expect string " Foo\\n"
`);
    expect(series).toMatchObject({ line: 2, expr: 'sum by (job) (http_requests)', range: false, evalMs: 3_000_000 });
    expect(series!.expectedSeries.map((s) => [s.labels, s.position, s.line])).toEqual([
      [{ job: 'api' }, 1, 3],
      [{ job: 'web' }, 2, 4],
    ]);
    expect(scalar!.expectedScalar).toBe(2);
    expect(string!.expectedString).toBe(' Foo\n');
  });

  it('reads range evals and the expect lines', () => {
    const [command] = evals(`
eval range from 0 to 10m step 5m rate(x[5m])
  expect warn msg: PromQL warning: something (1:1)
  expect info regex: PromQL info: .* \\(1:1\\)
  expect ordered
  {a="1"} 1 _ 3
`);
    expect(command).toMatchObject({ range: true, startMs: 0, endMs: 600_000, stepMs: 300_000, ordered: true });
    expect(command!.warn).toEqual([{ message: 'PromQL warning: something (1:1)' }]);
    expect(command!.info[0]!.pattern!.test('PromQL info: anything (1:1)')).toBe(true);
    expect(command!.expectedSeries[0]!.values).toEqual([1, null, 3]);
  });

  it('reads failure expectations in the old and the new form', () => {
    const [old, oldMessage, modern, anyFailure] = evals(`
eval_fail instant at 0 foo
  expected_fail_regexp vector cannot .*

eval_fail instant at 0 foo
  expected_fail_message exact words

eval instant at 0 foo
  expect fail msg: vector cannot contain metrics with the same labelset

eval_warn range from 0 to 1m step 1m foo
  expect no_info
`);
    expect(old!.fail!.pattern!.source).toBe('vector cannot .*');
    expect(oldMessage!.fail).toEqual({ message: 'exact words' });
    expect(modern!.fail).toEqual({ message: 'vector cannot contain metrics with the same labelset' });
    expect(anyFailure).toMatchObject({ fail: null, anyWarn: true, noInfo: true });
  });

  it('accepts an instant query returning a range vector only with expect range vector', () => {
    const [command] = evals(`
eval instant at 1m m[1m]
  expect range vector from 10s to 1m step 10s
  m{env="a"} 2 3 4 5 6
`);
    expect(command).toMatchObject({ rangeVector: true, evalMs: 60_000, startMs: 10_000, endMs: 60_000, stepMs: 10_000 });
    expect(() => parseTestFile('eval instant at 1m m[1m]\n  m 1 2')).toThrow(/expecting multiple values in instant evaluation/);
  });

  it('flags expected native histograms', () => {
    const [command] = evals('eval instant at 1m h\n  h {{schema:0 sum:1 count:1}}');
    expect(command!.expectsHistograms).toBe(true);
  });

  it('reports errors with file and line', () => {
    const parse = (text: string): unknown => parseTestFile(text, 'x.test');
    expect(() => parse('\n\nfrobnicate 1')).toThrow(new TestFileError('x.test', 3, 'invalid command "frobnicate 1"'));
    expect(() => parse('load 1m\n  m{a="b" 1')).toThrow(/^x\.test:2: /);
    expect(() => parse('eval instant at 1m x\n  expect bogus')).toThrow(/^x\.test:2: invalid expect statement/);
    expect(() => parse('eval range from 5m to 1m step 1m x')).toThrow(/end timestamp \(1m\) is before start timestamp/);
    expect(() => parse('load 1x')).toThrow(/^x\.test:1: invalid step definition "1x"/);
  });
});

describe('parseTestDuration and parseGoNumber', () => {
  it('parses Prometheus durations', () => {
    expect(parseTestDuration('0', 'step')).toBe(0);
    expect(parseTestDuration('1h30m', 'step')).toBe(5_400_000);
    expect(parseTestDuration('10s53ms', 'step')).toBe(10_053);
    expect(() => parseTestDuration('1m1h', 'step')).toThrow();
  });

  it('parses numbers as Go does, and nothing else', () => {
    expect(parseGoNumber('0x1F')).toBe(31);
    expect(parseGoNumber('-Inf')).toBe(-Infinity);
    expect(parseGoNumber('+Inf')).toBe(Infinity);
    expect(parseGoNumber('12.34e-6')).toBe(0.00001234);
    expect(Number.isNaN(parseGoNumber('NaN'))).toBe(true);
    expect(parseGoNumber('{} 1')).toBeNull();
    expect(parseGoNumber('metric 1')).toBeNull();
  });
});
