import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/api-process.js';

/**
 * `firedrill gate` as CI runs it: a real process, the API embedded in it, live stacks at speed 30.
 * Shipped scenarios pass (one through the robot's remediation) with a JUnit report that says so;
 * a scenario whose alert rule is broken fails with the alert and the times in the JUnit failure;
 * an invalid file is refused before anything starts; two speeds give the same verdicts.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'gate');
const SPEED = 30;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without a TTY (CI's case), bounded in time. */
function gate(args: string[], { timeoutMs = 120_000, env = {} }: { timeoutMs?: number; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'gate', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`firedrill gate ${args.join(' ')} ran over ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

interface JunitCase {
  suite: string;
  name: string;
  failure: string | null;
}

/** The test cases of a JUnit file, with their failure messages (unescaped). */
function junitCases(xml: string): JunitCase[] {
  const cases: JunitCase[] = [];
  const unescape = (text: string) => text.replace(/&#10;/g, '\n').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const suite of xml.matchAll(/<testsuite name="([^"]*)"[^>]*>([\s\S]*?)<\/testsuite>/g)) {
    for (const testCase of suite[2]!.matchAll(/<testcase [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g)) {
      const failure = /<failure message="([^"]*)"/.exec(testCase[2]!);
      cases.push({ suite: unescape(suite[1]!), name: unescape(testCase[1]!), failure: failure ? unescape(failure[1]!) : null });
    }
  }
  return cases;
}

type Verdicts = Array<[string, string, string]>;

function verdictsOf(jsonFile: string): Verdicts {
  const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { scenarios: Array<{ scenarioId: string; expectations: Array<{ id: string; verdict: string }> }> };
  return report.scenarios.flatMap((scenario) => scenario.expectations.map((result): [string, string, string] => [scenario.scenarioId, result.id, result.verdict]));
}

describe('firedrill gate', () => {
  const out = mkdtempSync(join(tmpdir(), 'firedrill-gate-it-'));

  beforeAll(() => {
    // The test runs the compiled CLI: bring dist up to date (incremental, well under a second when it is).
    spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: root, stdio: 'ignore' });
    expect(existsSync(CLI), `${CLI} (run npx tsc -b)`).toBe(true);
  });

  it('passes three shipped scenarios, one through the robot remediation, with a JUnit report that says so', { timeout: 150_000 }, async () => {
    const junit = join(out, 'shipped.xml');
    const json = join(out, 'shipped.json');
    const markdown = join(out, 'shipped.md');
    const run = await gate(['scrape-failure-false-down', 'db-pool-exhaustion-traffic-spike', 'crash-loop-after-deploy', '--speed', String(SPEED), '--junit', junit, '--json', json, '--markdown', markdown]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    // Without a TTY: one line per event, no status-line redraws.
    expect(run.stdout).not.toContain('\r');
    expect(run.stdout).toMatch(/crash-loop-after-deploy: robot rollback checkout: ok/);
    expect(run.stdout).toMatch(/firedrill gate passed: 3\/3 scenario\(s\)/);

    const cases = junitCases(readFileSync(junit, 'utf8'));
    expect(new Set(cases.map((testCase) => testCase.suite))).toEqual(new Set(['scrape-failure-false-down', 'db-pool-exhaustion-traffic-spike', 'crash-loop-after-deploy']));
    expect(cases.filter((testCase) => testCase.failure !== null)).toEqual([]);
    expect(cases.map((testCase) => `${testCase.suite}: ${testCase.name}`)).toEqual(
      expect.arrayContaining([
        'scrape-failure-false-down: TargetDown fires within 2m',
        'scrape-failure-false-down: HighErrorRatio stays silent',
        'scrape-failure-false-down: error budget burn stays within 50.0%',
        'db-pool-exhaustion-traffic-spike: DbPoolAcquireTimeouts fires within 2m',
        'crash-loop-after-deploy: recovers within 20m after the remediation',
      ]),
    );
    // A test case per expectation: alerts, silences, budget, recovery.
    expect(cases.filter((testCase) => testCase.suite === 'crash-loop-after-deploy')).toHaveLength(2 + 3 + 1);

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.passed).toBe(true);
    const crashLoop = report.scenarios.find((scenario: { scenarioId: string }) => scenario.scenarioId === 'crash-loop-after-deploy');
    expect(crashLoop.robot).toEqual([expect.objectContaining({ action: 'rollback', service: 'checkout', ok: true })]);
    expect(crashLoop.expectations.find((result: { id: string }) => result.id === 'recovery').measured).toBeLessThanOrEqual(20 * 60_000);
    expect(readFileSync(markdown, 'utf8')).toMatch(/^### ✅ Firedrill gate: 3 scenario\(s\) passed/);
  });

  it('fails (exit 1) a scenario whose expected alert rule is broken, naming the alert and the times in JUnit', { timeout: 60_000 }, async () => {
    const junit = join(out, 'broken.xml');
    const run = await gate([join(fixtures, 'broken-alert-rule.scenario.yml'), '--speed', String(SPEED), '--junit', junit]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1);
    const failed = junitCases(readFileSync(junit, 'utf8')).filter((testCase) => testCase.failure !== null);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.suite).toBe('gate-broken-alert-rule');
    expect(failed[0]!.name).toBe('CheckoutErrorsPage fires within 2m');
    expect(failed[0]!.failure).toMatch(/^CheckoutErrorsPage did not fire \(waited 2m\d\ds\); required within 2m of T0$/);
    expect(run.stdout).toMatch(/FAIL {2}gate-broken-alert-rule/);
  });

  it('refuses an invalid scenario file (exit 2) with every problem as file:line:col, starting nothing', { timeout: 30_000 }, async () => {
    const file = join(fixtures, 'invalid.scenario.yml');
    const run = await gate([file, 'scrape-failure-false-down']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:16:13: spec.faults[0].kind: unknown fault kind "meteor-strike"`);
    expect(run.stderr).toMatch(/invalid\.scenario\.yml:24:\d+: spec\.expectations\.alerts\[0\]\.name: unknown alert "CheckoutOnFire"/);
    expect(run.stdout).not.toContain('drill');
  });

  it('answers usage mistakes with exit 2 and a clear message', { timeout: 60_000 }, async () => {
    const cases: Array<[string[], RegExp, Record<string, string | undefined>?]> = [
      [['scrape-failure-false-down', '--fast'], /Unknown option '--fast'/],
      [['scrape-failure-false-down', '--speed', 'fast'], /--speed must be a number from 0\.1 to 1000/],
      [['no-such-scenario'], /unknown scenario "no-such-scenario"/],
      [['scrape-failure-false-down', '--target', 'http://127.0.0.1:9'], /needs the facilitator token in FIREDRILL_TOKEN/, { FIREDRILL_TOKEN: undefined }],
      [['scrape-failure-false-down', '--target', 'http://127.0.0.1:9'], /cannot reach the Firedrill API at http:\/\/127\.0\.0\.1:9/, { FIREDRILL_TOKEN: 'x' }],
    ];
    for (const [args, message, env] of cases) {
      const run = await gate(args, { timeoutMs: 30_000, env: env ?? {} });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('gives the same verdicts at two speeds', { timeout: 90_000 }, async () => {
    // The fastest shipped scenario; the broken fixture's failing verdict is covered at 30× above.
    const scenarios = ['scrape-failure-false-down'];
    const slow = await gate([...scenarios, '--speed', '10', '--json', join(out, 'speed10.json')]);
    const fast = await gate([...scenarios, '--speed', String(SPEED), '--json', join(out, `speed${SPEED}.json`)]);
    expect([slow.code, fast.code], slow.stdout + fast.stdout).toEqual([0, 0]);
    const verdicts = verdictsOf(join(out, 'speed10.json'));
    expect(verdicts).toContainEqual(['scrape-failure-false-down', 'alert:TargetDown', 'passed']);
    expect(verdicts.length).toBeGreaterThanOrEqual(3);
    expect(verdictsOf(join(out, `speed${SPEED}.json`))).toEqual(verdicts);
  });
});
