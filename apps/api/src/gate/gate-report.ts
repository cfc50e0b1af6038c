import type { ExpectationResult } from './expectations.js';

/** One action of the robot responder, as the API answered it. */
export interface RobotActionReport {
  action: string;
  service?: string;
  params: Record<string, unknown>;
  ok: boolean;
  /** The action's result, or why it was refused or failed. */
  detail: string;
  /** Stack ms after T0 when it was sent. */
  afterT0Ms: number | null;
}

/** What the gate found for one scenario. */
export interface ScenarioReport {
  scenarioId: string;
  title: string;
  /** The scenario file given on the command line, or null for a catalogue id. */
  file: string | null;
  drillId: string | null;
  /** passed: every expectation held; failed: one did not; error: the run itself broke (see `error`). */
  verdict: 'passed' | 'failed' | 'error';
  expectations: ExpectationResult[];
  robot: RobotActionReport[];
  /** Wall ms of the whole run, stack start to clean-up. */
  wallMs: number;
  /** Stack ms from T0 to the end of the run; null when no fault was injected. */
  stackMsAfterT0: number | null;
  errorBudgetBurned: number | null;
  requestsFailed: number | null;
  error?: string;
}

export interface GateReport {
  tool: 'firedrill gate';
  speed: number;
  /** `embedded` or the API's base URL. */
  target: string;
  startedAt: string;
  wallMs: number;
  passed: boolean;
  /** True when Ctrl-C stopped the run: the scenarios after the current one were not run. */
  interrupted: boolean;
  scenarios: ScenarioReport[];
}

/** A scenario passes when it ran and every decided expectation passed (an open one fails it). */
export function scenarioVerdict(expectations: readonly ExpectationResult[]): 'passed' | 'failed' {
  return expectations.every((result) => result.verdict === 'passed') ? 'passed' : 'failed';
}

export function counts(report: GateReport): { scenarios: number; failedScenarios: number; expectations: number; failedExpectations: number } {
  const expectations = report.scenarios.flatMap((scenario) => scenario.expectations);
  return {
    scenarios: report.scenarios.length,
    failedScenarios: report.scenarios.filter((scenario) => scenario.verdict !== 'passed').length,
    expectations: expectations.length,
    failedExpectations: expectations.filter((result) => result.verdict !== 'passed').length,
  };
}
