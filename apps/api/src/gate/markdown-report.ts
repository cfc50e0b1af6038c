import { formatMs, formatPercent } from './expectations.js';
import { counts, type GateReport, type ScenarioReport } from './gate-report.js';

/**
 * A summary for a pull-request comment: one headline, a table with a row per scenario, and the
 * failed expectations spelled out underneath (passing details stay in the JUnit/JSON reports).
 */
export function markdownReport(report: GateReport): string {
  const total = counts(report);
  const headline = report.passed
    ? `### ✅ Firedrill gate: ${total.scenarios} scenario(s) passed`
    : `### ❌ Firedrill gate: ${total.failedScenarios} of ${total.scenarios} scenario(s) failed${report.interrupted ? ' (interrupted)' : ''}`;
  const lines = [
    headline,
    '',
    `${total.expectations - total.failedExpectations}/${total.expectations} expectations held · speed ${report.speed}× · ${formatMs(report.wallMs)} wall · target ${cell(report.target)}`,
    '',
    '| Scenario | Result | Detection | Silence | Budget | Recovery | Wall |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.scenarios.map(row),
  ];
  const failed = report.scenarios.filter((scenario) => scenario.verdict !== 'passed');
  if (failed.length > 0) {
    lines.push('', '<details open><summary>Failures</summary>', '');
    for (const scenario of failed) {
      lines.push(`**${cell(scenario.scenarioId)}**`, '');
      if (scenario.error) lines.push(`- run: ${cell(scenario.error)}`);
      for (const result of scenario.expectations.filter((expectation) => expectation.verdict !== 'passed')) {
        lines.push(`- ${cell(result.name)}: ${cell(result.message ?? 'not decided when the run ended')}`);
      }
      lines.push('');
    }
    lines.push('</details>');
  }
  return `${lines.join('\n')}\n`;
}

function row(scenario: ScenarioReport): string {
  const of = (kind: string) => scenario.expectations.filter((result) => result.kind === kind);
  const tally = (kind: string, detail?: string) => {
    const results = of(kind);
    if (results.length === 0) return '—';
    const held = results.filter((result) => result.verdict === 'passed').length;
    return `${held === results.length ? '✅' : '❌'} ${held}/${results.length}${detail ? ` ${detail}` : ''}`;
  };
  const slowest = Math.max(...of('alert').map((result) => result.measured ?? Number.NaN));
  const budget = of('budget')[0];
  const recovery = of('recovery')[0];
  const result = scenario.verdict === 'passed' ? '✅ pass' : scenario.verdict === 'error' ? '⚠️ error' : '❌ fail';
  return [
    '',
    cell(scenario.scenarioId),
    result,
    tally('alert', Number.isFinite(slowest) ? `(slowest ${formatMs(slowest)})` : undefined),
    tally('silence'),
    budget === undefined ? '—' : `${budget.verdict === 'passed' ? '✅' : '❌'} ${budget.measured === null ? 'n/a' : formatPercent(budget.measured)} ≤ ${formatPercent(budget.required ?? 0)}`,
    recovery === undefined ? '—' : `${recovery.verdict === 'passed' ? '✅' : '❌'} ${recovery.measured === null ? 'none' : formatMs(recovery.measured)} ≤ ${formatMs(recovery.required ?? 0)}`,
    formatMs(scenario.wallMs),
    '',
  ].join(' | ').trim();
}

/** Text inside a table cell or list item: no pipes or newlines, no HTML. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
