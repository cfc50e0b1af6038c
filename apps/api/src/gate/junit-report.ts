import type { ExpectationResult } from './expectations.js';
import type { GateReport, ScenarioReport } from './gate-report.js';

/**
 * JUnit XML as CI systems read it (GitHub, GitLab, Jenkins): one <testsuite> per scenario, one
 * <testcase> per expectation; a failed one carries `<failure message>` with what was measured
 * against what was required. A scenario whose run broke gets one failing `run` test case.
 */
export function junitReport(report: GateReport): string {
  const suites = report.scenarios.map(suite);
  const tests = report.scenarios.reduce((sum, scenario) => sum + testCount(scenario), 0);
  const failures = report.scenarios.reduce((sum, scenario) => sum + failureCount(scenario), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="firedrill gate" tests="${tests}" failures="${failures}" time="${seconds(report.wallMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(scenario: ScenarioReport): string {
  const attributes = `name="${xml(scenario.scenarioId)}" tests="${testCount(scenario)}" failures="${failureCount(scenario)}" errors="0" skipped="0" time="${seconds(scenario.wallMs)}"`;
  const properties = [
    property('title', scenario.title),
    ...(scenario.file === null ? [] : [property('file', scenario.file)]),
    ...(scenario.drillId === null ? [] : [property('drill', scenario.drillId)]),
    ...(scenario.errorBudgetBurned === null ? [] : [property('errorBudgetBurned', String(scenario.errorBudgetBurned))]),
  ];
  const cases = scenario.expectations.map((result) => testCase(scenario, result));
  if (scenario.verdict === 'error') {
    const message = scenario.error ?? 'the run failed';
    cases.push(`    <testcase classname="${classname(scenario)}" name="run" time="0">\n      <failure message="${xml(message)}" type="error">${xml(message)}</failure>\n    </testcase>`);
  }
  const robot = scenario.robot.map((action) => `robot ${action.action}${action.service ? ` ${action.service}` : ''}: ${action.ok ? 'ok' : 'failed'}: ${action.detail}`);
  return [
    `  <testsuite ${attributes}>`,
    `    <properties>\n${properties.join('\n')}\n    </properties>`,
    ...cases,
    ...(robot.length === 0 ? [] : [`    <system-out>${xml(robot.join('\n'))}</system-out>`]),
    '  </testsuite>',
  ].join('\n');
}

function testCase(scenario: ScenarioReport, result: ExpectationResult): string {
  const open = `    <testcase classname="${classname(scenario)}" name="${xml(result.name)}" time="0"`;
  if (result.verdict === 'passed') return `${open}>\n      <system-out>${xml(result.message ?? '')}</system-out>\n    </testcase>`;
  const message = result.message ?? `${result.name}: not decided when the run ended`;
  return `${open}>\n      <failure message="${xml(message)}" type="${result.kind}">${xml(message)}</failure>\n    </testcase>`;
}

function testCount(scenario: ScenarioReport): number {
  return scenario.expectations.length + (scenario.verdict === 'error' ? 1 : 0);
}

function failureCount(scenario: ScenarioReport): number {
  return scenario.expectations.filter((result) => result.verdict !== 'passed').length + (scenario.verdict === 'error' ? 1 : 0);
}

function classname(scenario: ScenarioReport): string {
  return xml(`firedrill.gate.${scenario.scenarioId}`);
}

function property(name: string, value: string): string {
  return `      <property name="${xml(name)}" value="${xml(value)}"/>`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Escapes text and attribute values, and drops the characters XML 1.0 cannot hold at all. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
