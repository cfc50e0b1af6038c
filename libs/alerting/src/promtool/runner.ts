import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Engine, MemoryStorage, formatDuration, parseMetric, type Labels, type Sample } from '@firedrill/promql';
import { RulesManager } from '../rules/manager.js';
import { loadRuleFile } from '../rules/rule-file.js';
import { engineQueryFunc } from '../rules/rule-query.js';
import { loadSeriesNotation } from '../rules/series-loader.js';
import type { RuleGroup } from '../rules/types.js';
import { formatFloatE, goLabelsString, indentLines } from './go-strings.js';
import { parseUnitTestFile, type AlertRuleTest, type PromqlExprTest, type TestGroup, type UnitTestFile } from './unit-test-file.js';

export type TestCaseStatus = 'passed' | 'failed' | 'skipped';

/** One `alert_rule_test` or `promql_expr_test` entry. */
export interface TestCaseResult {
  title: string;
  status: TestCaseStatus;
  /** The promtool-style failure text, or the skip reason. */
  message?: string;
}

export interface UnitTestFileResult {
  file: string;
  /** A problem that stopped the whole file (unreadable test file or rule file). */
  fileError?: string;
  cases: TestCaseResult[];
}

/** Runs one `promtool test rules` file; never throws for problems in the files themselves. */
export async function runRuleUnitTestFile(file: string): Promise<UnitTestFileResult> {
  let spec: UnitTestFile;
  let groups: RuleGroup[];
  try {
    spec = parseUnitTestFile(await readFile(file, 'utf8'));
    groups = await loadGroups(spec, dirname(file));
  } catch (error) {
    return { file, fileError: (error as Error).message, cases: [] };
  }
  const cases = spec.tests.flatMap((group, i) => runTestGroup(spec, groups, group, i));
  return { file, cases };
}

async function loadGroups(spec: UnitTestFile, baseDir: string): Promise<RuleGroup[]> {
  const groups: RuleGroup[] = [];
  for (const pattern of spec.ruleFiles) {
    for (const path of await expandGlob(resolve(baseDir, pattern))) groups.push(...(await loadRuleFile(path)));
  }
  if (spec.groupEvalOrder.length === 0) return groups;
  const byName = new Map(groups.map((g) => [g.name, g]));
  for (const name of spec.groupEvalOrder) {
    if (!byName.has(name)) throw new Error(`group name provided in group_eval_order not present in rule files: ${name}`);
  }
  const ordered = spec.groupEvalOrder.map((name) => byName.get(name)!);
  return [...ordered, ...groups.filter((g) => !spec.groupEvalOrder.includes(g.name))];
}

/** `*` and `?` in the last path element, as rule_files allows; other paths are taken as they are. */
async function expandGlob(path: string): Promise<string[]> {
  const name = basename(path);
  if (!/[*?]/.test(name)) return [path];
  const pattern = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const dir = dirname(path);
  return (await readdir(dir)).filter((entry) => pattern.test(entry)).sort().map((entry) => join(dir, entry));
}

interface PendingCase {
  result: TestCaseResult;
}

function runTestGroup(spec: UnitTestFile, groups: RuleGroup[], test: TestGroup, index: number): TestCaseResult[] {
  const label = test.name ? `${test.name} (tests[${index}])` : `tests[${index}]`;
  const alertCases = test.alertRuleTests.map((t, i) => ({ test: t, result: newCase(`${label} alert_rule_test[${i}] ${t.alertname} at ${formatDuration(t.evalTimeMs)}`) }));
  const exprCases = test.promqlExprTests.map((t, i) => ({ test: t, result: newCase(`${label} promql_expr_test[${i}] ${t.expr} at ${formatDuration(t.evalTimeMs)}`) }));
  const all: PendingCase[] = [...alertCases, ...exprCases];
  const failAll = (message: string): TestCaseResult[] => {
    for (const c of all) if (c.result.status !== 'failed') Object.assign(c.result, { status: 'failed', message });
    return all.map((c) => c.result);
  };

  const storage = new MemoryStorage();
  try {
    loadSeriesNotation(storage, test.inputSeries.map((s) => `${s.series} ${s.values}`), test.intervalMs);
  } catch (error) {
    return failAll(`    input_series: ${(error as Error).message}`);
  }
  const engine = new Engine(storage, { defaultSubqueryStepMs: spec.evaluationIntervalMs });
  const query = engineQueryFunc(engine);
  const manager = new RulesManager({
    groups,
    query,
    appendable: storage,
    externalLabels: test.externalLabels,
    externalUrl: test.externalUrl,
    defaultIntervalMs: spec.evaluationIntervalMs,
    stopwatch: () => 0,
  });

  const namePrefix = test.name ? `    name: ${test.name},\n` : '';
  const alertTimes = [...new Set(test.alertRuleTests.map((t) => t.evalTimeMs))].sort((a, b) => a - b);
  const maxTime = Math.max(0, ...alertTimes, ...test.promqlExprTests.map((t) => t.evalTimeMs));
  let next = 0;
  for (let t = 0; t <= maxTime; t += spec.evaluationIntervalMs) {
    const failures = manager.evaluateAll(t).flatMap((e) => e.failures);
    if (failures.length > 0) {
      return failAll(failures.map((f) => `    rule: ${f.rule}, time: ${formatDuration(t)}, err: ${f.error}`).join('\n'));
    }
    while (next < alertTimes.length && alertTimes[next]! >= t && alertTimes[next]! < t + spec.evaluationIntervalMs) {
      for (const c of alertCases.filter((c) => c.test.evalTimeMs === alertTimes[next])) checkAlerts(manager, c.test, c.result, namePrefix);
      next++;
    }
  }
  for (const c of exprCases) checkExpr(query, c.test, c.result, spec.fuzzyCompare);
  return all.map((c) => c.result);
}

function newCase(title: string): TestCaseResult {
  return { title, status: 'passed' };
}

interface LabelsAndAnnotations {
  labels: Labels;
  annotations: Labels;
}

function describeAlerts(list: LabelsAndAnnotations[]): string {
  if (list.length === 0) return '[]';
  const items = list.map((a, i) => `${i}:${indentLines(`\nLabels:${goLabelsString(a.labels)}\nAnnotations:${goLabelsString(a.annotations)}`, '  ')}`);
  return `[\n${items.join(',\n')}\n]`;
}

const alertOrder = (a: LabelsAndAnnotations, b: LabelsAndAnnotations): number => {
  const x = goLabelsString(a.labels) + goLabelsString(a.annotations);
  const y = goLabelsString(b.labels) + goLabelsString(b.annotations);
  return x < y ? -1 : x > y ? 1 : 0;
};

function checkAlerts(manager: RulesManager, test: AlertRuleTest, result: TestCaseResult, namePrefix: string): void {
  const got = manager
    .alerts()
    .filter((a) => a.rule === test.alertname && a.state === 'firing')
    .map((a) => ({ labels: a.labels, annotations: a.annotations }))
    .sort(alertOrder);
  const expected = test.expAlerts.map((a) => ({ labels: { ...a.labels, alertname: test.alertname }, annotations: a.annotations })).sort(alertOrder);
  const same = got.length === expected.length && got.every((a, i) => alertOrder(a, expected[i]!) === 0);
  if (same) return;
  result.status = 'failed';
  result.message =
    `${namePrefix}    alertname: ${test.alertname}, time: ${formatDuration(test.evalTimeMs)}, \n` +
    `        exp:${indentLines(describeAlerts(expected), '            ')}, \n` +
    `        got:${indentLines(describeAlerts(got), '            ')}`;
}

function checkExpr(query: ReturnType<typeof engineQueryFunc>, test: PromqlExprTest, result: TestCaseResult, fuzzy: boolean): void {
  const where = `    expr: ${JSON.stringify(test.expr)}, time: ${formatDuration(test.evalTimeMs)}`;
  if (test.expSamples.some((s) => s.histogram !== undefined)) {
    Object.assign(result, { status: 'skipped', message: 'native histograms are not supported' });
    return;
  }
  let got: Sample[];
  try {
    got = query(test.expr, test.evalTimeMs);
  } catch (error) {
    Object.assign(result, { status: 'failed', message: `${where}, err: ${(error as Error).message}` });
    return;
  }
  const expected: { labels: Labels; value: number }[] = [];
  for (const sample of test.expSamples) {
    try {
      expected.push({ labels: parseExpectedLabels(sample.labels), value: sample.value });
    } catch (error) {
      Object.assign(result, { status: 'failed', message: `${where}, err: labels ${JSON.stringify(sample.labels)}: ${(error as Error).message}` });
      return;
    }
  }
  const order = (a: { labels: Labels }, b: { labels: Labels }): number => (goLabelsString(a.labels) < goLabelsString(b.labels) ? -1 : 1);
  const actual = got.map((s) => ({ labels: s.labels, value: s.v })).sort(order);
  expected.sort(order);
  const same =
    actual.length === expected.length &&
    actual.every((s, i) => goLabelsString(s.labels) === goLabelsString(expected[i]!.labels) && valuesEqual(s.value, expected[i]!.value, fuzzy));
  if (same) return;
  const describe = (list: { labels: Labels; value: number }[]): string =>
    list.length === 0 ? 'nil' : list.map((s) => `${goLabelsString(s.labels)} ${formatFloatE(s.value)}`).join(', ');
  Object.assign(result, { status: 'failed', message: `${where},\n        exp: ${describe(expected)}\n        got: ${describe(actual)}` });
}

function parseExpectedLabels(text: string): Labels {
  if (text.trim() === '') return {};
  const { labels, end } = parseMetric(text.trim());
  if (text.trim().slice(end).trim() !== '') throw new Error(`unexpected "${text.trim().slice(end)}" after the labels`);
  return labels;
}

function valuesEqual(a: number, b: number, fuzzy: boolean): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return fuzzy && Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}
