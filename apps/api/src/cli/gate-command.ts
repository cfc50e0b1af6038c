import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { formatScenarioProblem, loadScenarioFile, ScenarioError, type LoadedScenario } from '@firedrill/scenarios/loader';
import { startEmbeddedApi, type GateTarget } from '../gate/embedded-api.js';
import { formatMs, planOf, type GatePlan } from '../gate/expectations.js';
import { ApiError, GateClient, UnreachableError } from '../gate/gate-client.js';
import { counts, type GateReport, type ScenarioReport } from '../gate/gate-report.js';
import { junitReport } from '../gate/junit-report.js';
import { markdownReport } from '../gate/markdown-report.js';
import { LineProgress, TtyProgress, type GateProgress } from '../gate/progress.js';
import { runScenario } from '../gate/scenario-run.js';
import { buildScenarioVocabulary } from '../scenarios/vocabulary.js';

export const GATE_USAGE = `usage: firedrill gate SCENARIO... [--speed N] [--junit FILE] [--json FILE] [--markdown FILE] [--target embedded|URL]

Runs scenarios unattended and checks their expectations: every expected alert fires within its
deadline, no mustNotFire alert fires, the error budget burn stays within its limit and, with an
automated remediation, the system recovers within the deadline.

  SCENARIO          a catalogue id, or a *.scenario.yml file (its runbook beside it)
  --speed N         stack clock speed (default 30; 0.1 to 1000)
  --junit FILE      JUnit XML: a test suite per scenario, a test case per expectation
  --json FILE       the whole report as JSON
  --markdown FILE   a summary table for a pull-request comment
  --target T        embedded (default: boot the API in this process) or the URL of a running
                    API, with the facilitator token in FIREDRILL_TOKEN

exit: 0 every expectation held, 1 one failed, 2 invalid input or usage, 130 interrupted
`;

export const DEFAULT_GATE_SPEED = 30;

export interface GateIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

class UsageError extends Error {}

interface GateOptions {
  scenarios: string[];
  speed: number;
  junit?: string;
  json?: string;
  markdown?: string;
  target: 'embedded' | URL;
}

export function parseGateArgs(args: string[]): GateOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { speed: { type: 'string' }, junit: { type: 'string' }, json: { type: 'string' }, markdown: { type: 'string' }, target: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('gate needs at least one SCENARIO (a catalogue id or a *.scenario.yml file)');
  const speed = values.speed === undefined ? DEFAULT_GATE_SPEED : Number(values.speed);
  if (values.speed !== undefined && (values.speed.trim() === '' || !Number.isFinite(speed) || speed < 0.1 || speed > 1000)) {
    throw new UsageError(`--speed must be a number from 0.1 to 1000, got "${values.speed}"`);
  }
  for (const name of ['junit', 'json', 'markdown'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') throw new UsageError(`--${name} needs a file name`);
  }
  return { scenarios: positionals, speed, ...pick(values, 'junit', 'json', 'markdown'), target: parseTarget(values.target) };
}

function parseTarget(target: string | undefined): 'embedded' | URL {
  if (target === undefined || target === 'embedded') return 'embedded';
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(`--target must be "embedded" or an http(s) URL, got "${target}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--target must be an http(s) URL, got "${target}"`);
  return url;
}

function pick<T extends Record<string, unknown>, K extends keyof T>(values: T, ...keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, values[key]])) as Partial<Pick<T, K>>;
}

/** A SCENARIO argument that names a file rather than a catalogue id. */
export function isScenarioFile(argument: string): boolean {
  return /\.ya?ml$/i.test(argument) || argument.includes('/') || argument.includes('\\');
}

/** Every file argument validated before anything starts; every problem on stderr with file:line:col. */
async function loadFiles(arguments_: string[], stderr: NodeJS.WritableStream): Promise<Map<string, LoadedScenario> | null> {
  const vocabulary = buildScenarioVocabulary();
  const loaded = new Map<string, LoadedScenario>();
  let valid = true;
  for (const argument of arguments_.filter(isScenarioFile)) {
    try {
      loaded.set(argument, await loadScenarioFile(argument, vocabulary));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      valid = false;
      for (const problem of error.problems) stderr.write(`${formatScenarioProblem(problem)}\n`);
    }
  }
  return valid ? loaded : null;
}

interface Planned {
  argument: string;
  plan: GatePlan;
  file: string | null;
}

/** Catalogue ids are looked up on the API, files are uploaded to it: an unknown id or a refused file is exit 2. */
async function planScenarios(client: GateClient, arguments_: string[], files: Map<string, LoadedScenario>): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const argument of arguments_) {
    const loaded = files.get(argument);
    if (loaded) {
      const runbook = await readFile(loaded.runbookFile, 'utf8');
      try {
        await client.uploadScenario(basename(loaded.file), await readFile(loaded.file, 'utf8'), runbook);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
          throw new UsageError(`the API refused ${argument}:\n${error.problems.map((problem) => `  ${problem.field}: ${problem.message}`).join('\n') || error.message}`);
        }
        throw error;
      }
      planned.push({ argument, plan: planOf(loaded.scenario), file: loaded.file });
      continue;
    }
    try {
      const { scenario } = await client.scenario(argument);
      planned.push({ argument, plan: planOf(scenario), file: null });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw new UsageError(`unknown scenario "${argument}": not in the catalogue of ${client.baseUrl} (see firedrill scenarios list)`);
      throw error;
    }
  }
  return planned;
}

async function connect(options: GateOptions, env: NodeJS.ProcessEnv): Promise<GateTarget> {
  if (options.target === 'embedded') return startEmbeddedApi();
  const token = env.FIREDRILL_TOKEN;
  if (!token) throw new UsageError(`--target ${options.target.href} needs the facilitator token in FIREDRILL_TOKEN`);
  return { baseUrl: options.target.href.replace(/\/+$/, ''), token, close: async () => undefined };
}

/** `firedrill gate ...`: 0 all expectations hold, 1 one fails, 2 invalid input or usage, 130 interrupted. */
export async function gateCommand(args: string[], io: GateIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(GATE_USAGE);
    return 0;
  }
  let target: GateTarget | undefined;
  try {
    const options = parseGateArgs(args);
    const files = await loadFiles(options.scenarios, io.stderr);
    if (files === null) {
      io.stderr.write('firedrill gate: invalid scenario file(s); nothing was started\n');
      return 2;
    }
    target = await connect(options, io.env);
    const client = new GateClient(target.baseUrl, target.token);
    const planned = await planScenarios(client, options.scenarios, files);
    const progress: GateProgress = io.stdout.isTTY ? new TtyProgress(io.stdout) : new LineProgress(io.stdout);
    const report = await runAll(client, planned, options, progress, io.signal, options.target === 'embedded' ? 'embedded' : target.baseUrl);
    progress.done();
    await writeReports(report, options);
    io.stdout.write(summary(report));
    if (report.interrupted) return 130;
    return report.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`firedrill gate: ${error.message}\n\n${GATE_USAGE}`);
      return 2;
    }
    if (error instanceof UnreachableError) {
      io.stderr.write(`firedrill gate: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      io.stderr.write(`firedrill gate: the API refused the token (${error.status}); FIREDRILL_TOKEN must be the facilitator token\n`);
      return 2;
    }
    io.stderr.write(`firedrill gate: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await target?.close().catch((error: Error) => io.stderr.write(`firedrill gate: stopping the embedded API: ${error.message}\n`));
  }
}

async function runAll(client: GateClient, planned: Planned[], options: GateOptions, progress: GateProgress, signal: AbortSignal, targetName: string): Promise<GateReport> {
  const startedAt = Date.now();
  const scenarios: ScenarioReport[] = [];
  for (const [index, { plan, file }] of planned.entries()) {
    if (signal.aborted) break;
    scenarios.push(await runScenario({ client, plan, file, speed: options.speed, progress, index: index + 1, total: planned.length, signal }));
  }
  return {
    tool: 'firedrill gate',
    speed: options.speed,
    target: targetName,
    startedAt: new Date(startedAt).toISOString(),
    wallMs: Date.now() - startedAt,
    passed: !signal.aborted && scenarios.length === planned.length && scenarios.every((scenario) => scenario.verdict === 'passed'),
    interrupted: signal.aborted,
    scenarios,
  };
}

async function writeReports(report: GateReport, options: GateOptions): Promise<void> {
  const write = async (file: string | undefined, text: string) => {
    if (!file) return;
    // CI jobs name a reports/ directory that does not exist yet.
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  };
  await write(options.junit, junitReport(report));
  await write(options.json, `${JSON.stringify(report, null, 2)}\n`);
  await write(options.markdown, markdownReport(report));
}

function summary(report: GateReport): string {
  const total = counts(report);
  const lines = report.scenarios.map((scenario) => {
    const failed = scenario.expectations.filter((result) => result.verdict !== 'passed');
    const detail = scenario.error ?? failed.map((result) => result.message ?? result.name).join('; ');
    return `  ${scenario.verdict === 'passed' ? 'PASS' : scenario.verdict === 'error' ? 'ERROR' : 'FAIL'}  ${scenario.scenarioId} (${formatMs(scenario.wallMs)} wall)${detail ? `: ${detail}` : ''}`;
  });
  const verdict = report.interrupted ? 'interrupted' : report.passed ? 'passed' : 'failed';
  return `\nfiredrill gate ${verdict}: ${total.scenarios - total.failedScenarios}/${total.scenarios} scenario(s), ${total.expectations - total.failedExpectations}/${total.expectations} expectation(s) held, speed ${report.speed}×, ${formatMs(report.wallMs)} wall\n${lines.join('\n')}\n`;
}
