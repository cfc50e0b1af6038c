import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { demoStackRuleGroups, parseRuleFile } from '@firedrill/alerting';
import { describe, expect, it } from 'vitest';
import { rulesCommand } from './rules-command.js';

async function run(args: string[]): Promise<{ code: number; output: string }> {
  const out = new PassThrough();
  let output = '';
  out.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await rulesCommand(args, out);
  return { code, output };
}

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-rules-cli-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const CONFORMANCE_DIR = resolve(import.meta.dirname, '../../../../../shared/conformance/promtool');

describe('firedrill rules', () => {
  it('usage errors exit 2 with a message', async () => {
    expect(await run([])).toMatchObject({ code: 2 });
    expect(await run(['frobnicate'])).toMatchObject({ code: 2, output: expect.stringContaining('unknown rules command "frobnicate"') });
    expect(await run(['test'])).toMatchObject({ code: 2, output: expect.stringContaining('rules test needs at least one FILE') });
    expect(await run(['export'])).toMatchObject({ code: 2, output: expect.stringContaining('needs a rule FILE, --slo SPEC.yml or --defaults') });
    expect(await run(['export', '--nope'])).toMatchObject({ code: 2 });
  });

  it('check reports success and every problem with file:line:col', async () => {
    const good = await tempFile('good.yml', 'groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n');
    expect(await run(['check', good])).toEqual({ code: 0, output: `Checking ${good}\n  SUCCESS: 1 rules found\n\n` });
    const bad = await tempFile('bad.yml', 'groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n        for: 1m\n        bogus: 1\n');
    const result = await run(['check', bad]);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`${bad}:7:9: field bogus not found in type rulefmt.Rule\n`);
    expect(result.output).toContain(`${bad}:4:17: group "g", rule 1, "a": invalid field 'for' in recording rule`);
  });

  it('export prints one loadable rule file from files, SLO specs and the defaults', async () => {
    const rules = await tempFile('rules.yml', 'groups:\n  - name: mine\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 90s\n');
    const slo = await tempFile(
      'slo.yml',
      [
        'slos:',
        '  - name: catalog-availability',
        '    service: catalog',
        '    objective: 0.99',
        '    sli:',
        '      ratio:',
        '        bad: sum(rate(http_requests_total{service="catalog",status=~"5.."}[{{window}}]))',
        '        total: sum(rate(http_requests_total{service="catalog"}[{{window}}]))',
      ].join('\n'),
    );
    const result = await run(['export', rules, '--slo', slo, '--defaults']);
    expect(result.code).toBe(0);
    expect(result.output).toContain('        for: 1m30s\n');
    const groups = parseRuleFile(result.output, 'exported.yml');
    expect(groups.map((g) => g.name)).toEqual(['mine', 'slo:catalog-availability', ...demoStackRuleGroups().map((g) => g.name)]);
  });

  it.skipIf(!existsSync(join(CONFORMANCE_DIR, 'unittest.yml')))('test runs the promtool conformance file', async () => {
    const result = await run(['test', join(CONFORMANCE_DIR, 'unittest.yml')]);
    expect(result.output).toMatch(/\n\d+ passed, 0 failed, 3 skipped\n$/);
    expect(result.code).toBe(0);
  }, 60_000);

  it('export reports every problem of a bad SLO spec file with file, line and path, and prints no rules', async () => {
    const file = await tempFile('slo.yml', '- name: checkout\n  service: checkout\n  objective: 2\n  sli: {}\n');
    const { code, output } = await run(['export', '--slo', file]);
    expect(code).toBe(1);
    expect(output).toContain(`${file}:3:14: [0].objective: the objective is a fraction in (0, 1)`);
    expect(output).toContain(`${file}:4:8: [0].sli: give exactly one of ratio or latency`);
    expect(output).not.toContain('groups:');
  });

  it('export refuses a bad --time-scale or --scrape-interval as a usage error', async () => {
    expect(await run(['export', '--defaults', '--time-scale', '0'])).toMatchObject({ code: 2, output: expect.stringContaining('--time-scale') });
    expect(await run(['export', '--defaults', '--scrape-interval', 'soon'])).toMatchObject({ code: 2, output: expect.stringContaining('--scrape-interval') });
  });

  it('test exits 1 when a case fails', async () => {
    const rules = await tempFile('r.yml', 'groups:\n  - name: g\n    rules:\n      - record: two\n        expr: vector(2)\n');
    const test = await tempFile('t.yml', `rule_files: [${JSON.stringify(rules)}]\ntests:\n  - promql_expr_test:\n      - expr: two\n        eval_time: 0\n        exp_samples: [{ labels: two, value: 3 }]\n`);
    const result = await run(['test', test]);
    expect(result.code).toBe(1);
    expect(result.output).toContain('0 passed, 1 failed\n');
  });
});
