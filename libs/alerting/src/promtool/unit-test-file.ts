import { parse } from 'yaml';
import { parseDuration } from '@firedrill/promql';

/**
 * The `promtool test rules` file format (Prometheus docs: unit_testing_rules.md), with
 * durations in ms and defaults applied.
 */
export interface UnitTestFile {
  ruleFiles: string[];
  evaluationIntervalMs: number;
  groupEvalOrder: string[];
  fuzzyCompare: boolean;
  tests: TestGroup[];
}

export interface TestGroup {
  name: string;
  intervalMs: number;
  inputSeries: { series: string; values: string }[];
  externalLabels: Record<string, string>;
  externalUrl: string;
  alertRuleTests: AlertRuleTest[];
  promqlExprTests: PromqlExprTest[];
}

export interface AlertRuleTest {
  evalTimeMs: number;
  alertname: string;
  expAlerts: { labels: Record<string, string>; annotations: Record<string, string> }[];
}

export interface PromqlExprTest {
  expr: string;
  evalTimeMs: number;
  expSamples: { labels: string; value: number; histogram?: string }[];
}

export class UnitTestFileError extends Error {}

type Raw = Record<string, unknown>;

const asObject = (value: unknown, where: string): Raw => {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new UnitTestFileError(`${where}: expected a mapping`);
  return value as Raw;
};

const asList = (value: unknown, where: string): unknown[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new UnitTestFileError(`${where}: expected a list`);
  return value;
};

const asString = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function duration(value: unknown, where: string, fallbackMs: number): { ms: number } {
  if (value === undefined || value === null) return { ms: fallbackMs };
  const text = String(value);
  try {
    return { ms: parseDuration(text) };
  } catch (error) {
    throw new UnitTestFileError(`${where}: ${(error as Error).message}`);
  }
}

function stringMap(value: unknown, where: string): Record<string, string> {
  return Object.fromEntries(Object.entries(asObject(value, where)).map(([k, v]) => [k, asString(v)]));
}

function checkKeys(raw: Raw, known: readonly string[], where: string): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) throw new UnitTestFileError(`${where}: field ${key} not found`);
  }
}

const MINUTE = 60_000;

function sampleValue(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const text = String(value).trim().toLowerCase();
  if (/^[+-]?inf$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (text === 'nan') return NaN;
  return Number(text);
}

export function parseUnitTestFile(text: string): UnitTestFile {
  let root: Raw;
  try {
    root = asObject(parse(text), 'file');
  } catch (error) {
    throw new UnitTestFileError(error instanceof UnitTestFileError ? error.message : `yaml: ${(error as Error).message.split('\n')[0]}`);
  }
  checkKeys(root, ['rule_files', 'evaluation_interval', 'group_eval_order', 'tests', 'fuzzy_compare'], 'file');
  return {
    ruleFiles: asList(root.rule_files, 'rule_files').map(asString),
    evaluationIntervalMs: duration(root.evaluation_interval, 'evaluation_interval', MINUTE).ms,
    groupEvalOrder: asList(root.group_eval_order, 'group_eval_order').map(asString),
    fuzzyCompare: root.fuzzy_compare === true,
    tests: asList(root.tests, 'tests').map((raw, i) => testGroup(asObject(raw, `tests[${i}]`), `tests[${i}]`)),
  };
}

function testGroup(raw: Raw, where: string): TestGroup {
  checkKeys(raw, ['name', 'interval', 'input_series', 'external_labels', 'external_url', 'alert_rule_test', 'promql_expr_test'], where);
  return {
    name: asString(raw.name),
    intervalMs: duration(raw.interval, `${where}.interval`, MINUTE).ms || MINUTE,
    inputSeries: asList(raw.input_series, `${where}.input_series`).map((item, i) => {
      const series = asObject(item, `${where}.input_series[${i}]`);
      return { series: asString(series.series), values: asString(series.values) };
    }),
    externalLabels: stringMap(raw.external_labels, `${where}.external_labels`),
    externalUrl: asString(raw.external_url),
    alertRuleTests: asList(raw.alert_rule_test, `${where}.alert_rule_test`).map((item, i) => {
      const test = asObject(item, `${where}.alert_rule_test[${i}]`);
      const evalTime = duration(test.eval_time, `${where}.alert_rule_test[${i}].eval_time`, 0);
      return {
        evalTimeMs: evalTime.ms,
        alertname: asString(test.alertname),
        expAlerts: asList(test.exp_alerts, `${where}.alert_rule_test[${i}].exp_alerts`).map((alert, k) => {
          const exp = asObject(alert, `${where}.alert_rule_test[${i}].exp_alerts[${k}]`);
          return { labels: stringMap(exp.exp_labels, 'exp_labels'), annotations: stringMap(exp.exp_annotations, 'exp_annotations') };
        }),
      };
    }),
    promqlExprTests: asList(raw.promql_expr_test, `${where}.promql_expr_test`).map((item, i) => {
      const test = asObject(item, `${where}.promql_expr_test[${i}]`);
      const evalTime = duration(test.eval_time, `${where}.promql_expr_test[${i}].eval_time`, 0);
      return {
        expr: asString(test.expr),
        evalTimeMs: evalTime.ms,
        expSamples: asList(test.exp_samples, `${where}.promql_expr_test[${i}].exp_samples`).map((sample, k) => {
          const exp = asObject(sample, `${where}.promql_expr_test[${i}].exp_samples[${k}]`);
          const histogram = exp.histogram === undefined ? undefined : asString(exp.histogram);
          return { labels: asString(exp.labels), value: sampleValue(exp.value), ...(histogram ? { histogram } : {}) };
        }),
      };
    }),
  };
}
