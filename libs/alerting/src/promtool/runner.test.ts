import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUnitTestReport } from './report.js';
import { runRuleUnitTestFile } from './runner.js';

const CONFORMANCE = resolve(import.meta.dirname, '../../../../../shared/conformance/promtool/unittest.yml');

describe.skipIf(!existsSync(CONFORMANCE))('promtool conformance: shared/conformance/promtool/unittest.yml', () => {
  it('passes every test case that does not need native histograms', async () => {
    const result = await runRuleUnitTestFile(CONFORMANCE);
    expect(result.fileError).toBeUndefined();
    const failures = result.cases.filter((c) => c.status === 'failed').map((c) => `${c.title}\n${c.message}`);
    expect(failures).toEqual([]);
    const skipped = result.cases.filter((c) => c.status === 'skipped');
    expect(skipped.map((c) => c.message)).toEqual(skipped.map(() => 'native histograms are not supported'));
    expect(result.cases.filter((c) => c.status === 'passed').length).toBeGreaterThan(20);
  }, 60_000);
});

async function writeFiles(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-promtool-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const RULES = `groups:
  - name: g
    rules:
      - alert: HighErrors
        expr: errors > 5
        for: 2m
        labels: { severity: page }
        annotations: { summary: "{{ $labels.job }} has {{ $value }} errors" }
      - record: job:errors:double
        expr: errors * 2
`;

describe('promtool test rules runner', () => {
  it('reports promtool-style differences and counts cases', async () => {
    const dir = await writeFiles({
      'rules.yml': RULES,
      'test.yml': `rule_files: [rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'errors{job="api"}'
        values: '0 10 10 10 10'
    alert_rule_test:
      - eval_time: 3m
        alertname: HighErrors
        exp_alerts:
          - exp_labels: { severity: page, job: api }
            exp_annotations: { summary: "api has 10 errors" }
      - eval_time: 2m
        alertname: HighErrors
        exp_alerts:
          - exp_labels: { severity: page, job: api }
    promql_expr_test:
      - expr: job:errors:double
        eval_time: 1m
        exp_samples:
          - labels: 'job:errors:double{job="api"}'
            value: 20
      - expr: errors
        eval_time: 1m
        exp_samples:
          - labels: 'errors{job="api"}'
            value: 11
`,
    });
    const result = await runRuleUnitTestFile(join(dir, 'test.yml'));
    expect(result.cases.map((c) => c.status)).toEqual(['passed', 'failed', 'passed', 'failed']);
    expect(result.cases[1]!.message).toBe(
      [
        '    alertname: HighErrors, time: 2m, ',
        '        exp:[',
        '            0:',
        '              Labels:{alertname="HighErrors", job="api", severity="page"}',
        '              Annotations:{}',
        '            ], ',
        '        got:[]',
      ].join('\n'),
    );
    expect(result.cases[3]!.message).toBe(
      '    expr: "errors", time: 1m,\n        exp: {__name__="errors", job="api"} 1.1E+01\n        got: {__name__="errors", job="api"} 1E+01',
    );
    const { text, summary } = formatUnitTestReport([result]);
    expect(summary).toEqual({ passed: 2, failed: 2, skipped: 0 });
    expect(text).toMatch(/^Unit Testing: {2}.*test\.yml\n {2}FAILED:\n/);
    expect(text.endsWith('2 passed, 2 failed\n')).toBe(true);
  });

  it('fails the whole group on a rule evaluation error, and a broken rule file fails the file', async () => {
    const dir = await writeFiles({
      'dup.yml': 'groups:\n  - name: g\n    rules:\n      - alert: Dup\n        expr: x\n        labels: { instance: same }\n',
      'bad.yml': 'groups:\n  - name: g\n    rules:\n      - record: x\n',
      'test.yml': `rule_files: [dup.yml]
tests:
  - input_series:
      - { series: 'x{instance="a"}', values: '1' }
      - { series: 'x{instance="b"}', values: '1' }
    alert_rule_test:
      - { eval_time: 0, alertname: Dup, exp_alerts: [] }
`,
      'broken.yml': 'rule_files: [bad.yml]\ntests: []\n',
    });
    const evalError = await runRuleUnitTestFile(join(dir, 'test.yml'));
    expect(evalError.cases).toMatchObject([
      { status: 'failed', message: '    rule: Dup, time: 0s, err: vector contains metrics with the same labelset after applying alert labels' },
    ]);
    const broken = await runRuleUnitTestFile(join(dir, 'broken.yml'));
    expect(broken.fileError).toMatch(/bad\.yml:4:\d+: group "g", rule 1, "x": field 'expr' must be set in rule/);
    expect(formatUnitTestReport([broken]).summary).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });
});
