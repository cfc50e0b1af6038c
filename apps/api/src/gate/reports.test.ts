import { describe, expect, it } from 'vitest';
import type { GateReport } from './gate-report.js';
import { junitReport, xml } from './junit-report.js';
import { markdownReport } from './markdown-report.js';

const report: GateReport = {
  tool: 'firedrill gate',
  speed: 30,
  target: 'embedded',
  startedAt: '2025-01-01T00:00:00.000Z',
  wallMs: 42_000,
  passed: false,
  interrupted: false,
  scenarios: [
    {
      scenarioId: 'error-spike-bad-deploy',
      title: 'Errors <after> a "release" & more',
      file: null,
      drillId: 'drl-1',
      verdict: 'passed',
      expectations: [
        { id: 'alert:HighErrorRatio', kind: 'alert', name: 'HighErrorRatio fires within 4m', verdict: 'passed', measured: 88_000, required: 240_000, message: 'HighErrorRatio fired 1m28s after T0; required within 4m' },
        { id: 'budget', kind: 'budget', name: 'error budget burn stays within 50.0%', verdict: 'passed', measured: 0.02, required: 0.5, message: '2.0% of the error budget burned; limit 50.0%' },
        { id: 'recovery', kind: 'recovery', name: 'recovers within 20m after the remediation', verdict: 'passed', measured: 700_000, required: 1_200_000, message: 'recovered (T4) 11m40s after T0; required within 20m' },
      ],
      robot: [{ action: 'rollback', service: 'checkout', params: {}, ok: true, detail: 'rolled back', afterT0Ms: 60_000 }],
      wallMs: 20_000,
      stackMsAfterT0: 700_000,
      errorBudgetBurned: 0.02,
      requestsFailed: 3,
    },
    {
      scenarioId: 'gate-broken-rule',
      title: 'Broken',
      file: 'test/fixtures/gate/broken.scenario.yml',
      drillId: 'drl-2',
      verdict: 'failed',
      expectations: [
        { id: 'alert:GateCheckoutErrors', kind: 'alert', name: 'GateCheckoutErrors fires within 2m', verdict: 'failed', measured: null, required: 120_000, message: 'GateCheckoutErrors did not fire (waited 2m03s); required within 2m of T0' },
        { id: 'silence:TargetDown', kind: 'silence', name: 'TargetDown stays silent', verdict: 'passed', measured: null, required: null, message: 'TargetDown did not fire' },
      ],
      robot: [],
      wallMs: 10_000,
      stackMsAfterT0: 123_000,
      errorBudgetBurned: null,
      requestsFailed: null,
    },
  ],
};

describe('junitReport', () => {
  const text = junitReport(report);

  it('has a suite per scenario and a case per expectation, with the counts', () => {
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="firedrill gate" tests="5" failures="1" time="42.000">/);
    expect(text.match(/<testsuite /g)).toHaveLength(2);
    expect(text.match(/<testcase /g)).toHaveLength(5);
    expect(text).toContain('<testsuite name="gate-broken-rule" tests="2" failures="1" errors="0" skipped="0" time="10.000">');
  });

  it('says what was measured against what was required in the failure message', () => {
    expect(text).toContain('<failure message="GateCheckoutErrors did not fire (waited 2m03s); required within 2m of T0" type="alert">');
  });

  it('escapes XML in names, messages and properties', () => {
    expect(text).toContain('value="Errors &lt;after&gt; a &quot;release&quot; &amp; more"');
    expect(xml(`a<b>&"c"'\n\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;&#10;');
  });

  it('adds a failing run case when the run itself broke', () => {
    const broken = junitReport({ ...report, scenarios: [{ ...report.scenarios[1]!, verdict: 'error', expectations: [], error: 'cannot reach the API' }] });
    expect(broken).toContain('name="run"');
    expect(broken).toContain('<failure message="cannot reach the API" type="error">');
  });
});

describe('markdownReport', () => {
  const text = markdownReport(report);

  it('gives a headline, a table row per scenario and the failures spelled out', () => {
    expect(text.split('\n')[0]).toBe('### ❌ Firedrill gate: 1 of 2 scenario(s) failed');
    expect(text).toContain('| error-spike-bad-deploy | ✅ pass | ✅ 1/1 (slowest 1m28s) | — | ✅ 2.0% ≤ 50.0% | ✅ 11m40s ≤ 20m00s | 20s |');
    expect(text).toContain('| gate-broken-rule | ❌ fail | ❌ 0/1 | ✅ 1/1 | — | — | 10s |');
    expect(text).toContain('- GateCheckoutErrors fires within 2m: GateCheckoutErrors did not fire (waited 2m03s); required within 2m of T0');
  });

  it('says all passed without a failures section', () => {
    const passed = markdownReport({ ...report, passed: true, scenarios: [report.scenarios[0]!] });
    expect(passed.split('\n')[0]).toBe('### ✅ Firedrill gate: 1 scenario(s) passed');
    expect(passed).not.toContain('Failures');
  });
});
