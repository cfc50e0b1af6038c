import { readFile } from 'node:fs/promises';
import type { Expr } from '../ast.js';
import { Engine, type EngineOptions, type QueryResult } from '../engine/engine.js';
import { PromqlError } from '../errors.js';
import { labelsKey, METRIC_NAME, type Labels } from '../labels.js';
import { parseExpr } from '../parser/parser.js';
import { APPEND_REJECTION_MESSAGES, MemoryStorage, type AppendOutcome } from '../storage/memory-storage.js';
import { formatValue, type QueryValue, type Sample } from '../values.js';
import { atModifierVariants } from './ast-walk.js';
import { compareResult, matrixSortProblem, type ExpectedGrid } from './compare.js';
import { checkAnnotations, checkExpectedFailure } from './expectations.js';
import { readsNativeHistograms, unsupportedSyntax } from './skip-rules.js';
import { parseTestFile, TestFileError, type EvalCommand, type LoadCommand } from './test-file.js';

export interface PromqlTestCase {
  file: string;
  line: number;
  expr: string;
  reason: string;
}

export interface PromqlTestFileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: PromqlTestCase[];
  skips: PromqlTestCase[];
}

/** The part of Engine the runner uses; tests of the runner itself pass a stand-in. */
export type QueryEngine = Pick<Engine, 'instantQuery' | 'rangeQuery'>;

export interface PromqlTestOptions {
  /** Also run promqltest's `@`-pinned variants of instant queries at other times (default true). */
  atModifierVariants?: boolean;
  engine?: EngineOptions;
  createEngine?: (storage: MemoryStorage, options: EngineOptions) => QueryEngine;
}

/** promqltest's engine settings: 5m lookback, 1m default subquery step, experimental syntax on. */
const TEST_ENGINE_OPTIONS: EngineOptions = {
  lookbackDeltaMs: 5 * 60_000,
  defaultSubqueryStepMs: 60_000,
  enableExperimental: true,
};

/** Range-mode re-check of instant queries: [t−1m, t+1m] at 1m, as promqltest does. */
const RANGE_CHECK_MS = 60_000;
const QUERY_CONTEXT_FUNCTIONS = /(start|end|range|step)\(\)/;

export async function runPromqlTestFile(path: string, options: PromqlTestOptions = {}): Promise<PromqlTestFileResult> {
  return runPromqlTestText(await readFile(path, 'utf8'), path, options);
}

export function runPromqlTestText(text: string, file: string, options: PromqlTestOptions = {}): PromqlTestFileResult {
  const result: PromqlTestFileResult = { file, passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
  let commands;
  try {
    commands = parseTestFile(text, file);
  } catch (error) {
    if (!(error instanceof TestFileError)) throw error;
    result.failed++;
    result.failures.push({ file, line: error.line, expr: '', reason: `invalid test file: ${error.message}` });
    return result;
  }
  const storage = new MemoryStorage();
  const engineOptions = { ...TEST_ENGINE_OPTIONS, ...options.engine };
  const engine = options.createEngine ? options.createEngine(storage, engineOptions) : new Engine(storage, engineOptions);
  const context: RunContext = { storage, engine, histogramSeries: [], atVariants: options.atModifierVariants ?? true };
  for (const command of commands) {
    if (command.kind === 'clear') {
      storage.clear();
      context.histogramSeries = [];
    } else if (command.kind === 'load') {
      const problem = load(command, context);
      if (problem) {
        result.failed++;
        result.failures.push({ file, line: command.line, expr: 'load', reason: problem });
      }
    } else {
      const outcome = runEval(command, context);
      const testCase = { file, line: command.line, expr: command.expr, reason: outcome.reason ?? '' };
      result[outcome.status]++;
      if (outcome.status === 'failed') result.failures.push(testCase);
      if (outcome.status === 'skipped') result.skips.push(testCase);
    }
  }
  return result;
}

interface RunContext {
  storage: MemoryStorage;
  engine: QueryEngine;
  /** Label sets of loaded series with native histogram samples (not stored). */
  histogramSeries: Labels[];
  atVariants: boolean;
}

type Outcome = { status: 'passed'; reason?: undefined } | { status: 'failed' | 'skipped'; reason: string };

function load(command: LoadCommand, context: RunContext): string | null {
  const problems: string[] = [];
  // A series listed twice in one block keeps its last definition, as in promqltest.
  const latest = new Map(command.series.map((series) => [labelsKey(series.labels), series]));
  for (const series of latest.values()) {
    if (series.histogramIndexes.length > 0) context.histogramSeries.push(series.labels);
    if (command.withNhcb) context.histogramSeries.push(...nhcbSeries(series.labels));
    series.values.forEach((value, index) => {
      if (value === null) return;
      const t = index * command.intervalMs;
      const outcome: AppendOutcome =
        value === 'stale' ? context.storage.appendStale(series.labels, t) : context.storage.append(series.labels, t, value);
      if (outcome !== 'appended' && outcome !== 'duplicate_ignored') {
        problems.push(`line ${series.line}: ${APPEND_REJECTION_MESSAGES[outcome]} at t=${t}`);
      }
    });
  }
  return problems.length > 0 ? problems.slice(0, 3).join('; ') : null;
}

/** `load_with_nhcb` also creates `foo` (native, custom buckets) from `foo_bucket`/`foo_count`/`foo_sum`. */
function nhcbSeries(labels: Labels): Labels[] {
  const name = labels[METRIC_NAME] ?? '';
  const base = /^(.*)_(bucket|count|sum)$/.exec(name);
  if (!base) return [];
  const { le: _le, ...rest } = labels;
  return [{ ...rest, [METRIC_NAME]: base[1]! }];
}

function runEval(command: EvalCommand, context: RunContext): Outcome {
  if (command.expectsHistograms) return { status: 'skipped', reason: 'native histograms in the expected result' };
  const syntax = unsupportedSyntax(command.expr);
  if (syntax) return { status: 'skipped', reason: syntax };
  const parsed = tryParse(command.expr);
  const histograms = readsNativeHistograms(command.expr, parsed, context.histogramSeries);
  if (histograms) return { status: 'skipped', reason: histograms };

  let problem: string | null;
  try {
    problem = command.range ? runRange(command, context) : runInstantWithVariants(command, parsed, context);
  } catch (error) {
    problem = `engine error (not a PromqlError): ${(error as Error).message}`;
  }
  return problem ? { status: 'failed', reason: problem } : { status: 'passed' };
}

function tryParse(expr: string): Expr | null {
  try {
    return parseExpr(expr, { enableExperimental: true });
  } catch {
    // A parse error is reported by the engine run itself; a missing parser just means no AST checks.
    return null;
  }
}

function runRange(command: EvalCommand, context: RunContext): string | null {
  const grid = { startMs: command.startMs, endMs: command.endMs, stepMs: command.stepMs };
  const run = execute(() => context.engine.rangeQuery(command.expr, grid.startMs, grid.endMs, grid.stepMs));
  return checkRun(command, run, grid);
}

function runInstantWithVariants(command: EvalCommand, parsed: Expr | null, context: RunContext): string | null {
  const problem = runInstant(command, command.expr, command.evalMs, context);
  if (problem || !parsed || !context.atVariants) return problem;
  const variants = atModifierVariants(parsed, command.evalMs);
  for (const t of variants?.times ?? []) {
    const variantProblem = runInstant(command, variants!.expr, t, context);
    if (variantProblem) return `with every selector @ ${command.evalMs / 1000}, evaluated at ${t / 1000}s: ${variantProblem}`;
  }
  return null;
}

function runInstant(command: EvalCommand, query: string | Expr, t: number, context: RunContext): string | null {
  const grid = command.rangeVector
    ? { startMs: command.startMs, endMs: command.endMs, stepMs: command.stepMs }
    : { startMs: t, endMs: t, stepMs: 0 };
  const run = execute(() => context.engine.instantQuery(query, t));
  const problem = checkRun(command, run, grid);
  if (problem || command.fail || !('result' in run)) return problem;

  const excluded = command.rangeVector || command.expectedString !== null || QUERY_CONTEXT_FUNCTIONS.test(command.expr);
  if (excluded) return null;
  const ranged = execute(() => context.engine.rangeQuery(query, t - RANGE_CHECK_MS, t + RANGE_CHECK_MS, RANGE_CHECK_MS));
  if ('error' in ranged) return `error evaluating query in range mode: ${ranged.error.message}`;
  if (command.ordered) return null;
  const value = ranged.result.value;
  if (value.type !== 'matrix') return `range mode: expected a matrix, got a ${value.type}`;
  const unsorted = matrixSortProblem(value.series);
  if (unsorted) return `range mode: ${unsorted}`;
  const samples: Sample[] = [];
  for (const series of value.series) {
    const point = series.points.find((p) => p.t === t);
    if (point) samples.push({ labels: series.labels, t, v: point.v });
  }
  let atStep: QueryValue = { type: 'vector', samples };
  if (run.result.value.type === 'scalar') {
    if (samples.length === 0) return 'range mode: no value at the evaluation time for a scalar query';
    atStep = { type: 'scalar', t, v: samples[0]!.v };
  }
  const mismatch = compareResult(command, atStep, grid);
  return mismatch ? `range mode: ${mismatch}` : null;
}

type Run = { result: QueryResult } | { error: PromqlError };

/** Query errors are PromqlErrors; anything else thrown is an engine bug and escapes to runEval. */
function execute(query: () => QueryResult): Run {
  try {
    return { result: query() };
  } catch (error) {
    if (error instanceof PromqlError) return { error };
    throw error;
  }
}

function checkRun(command: EvalCommand, run: Run, grid: ExpectedGrid): string | null {
  if ('error' in run) {
    if (command.fail) return checkExpectedFailure(command.fail, run.error.message);
    return `error evaluating query: ${run.error.message}`;
  }
  if (command.fail) return `expected error evaluating query but got none (result: ${describeValue(run.result.value)})`;
  return checkAnnotations(command, run.result.warnings, run.result.infos) ?? compareResult(command, run.result.value, grid);
}

function describeValue(value: QueryValue): string {
  switch (value.type) {
    case 'scalar':
      return `scalar ${formatValue(value.v)}`;
    case 'string':
      return `string "${value.v}"`;
    case 'vector':
      return `vector of ${value.samples.length}`;
    case 'matrix':
      return `matrix of ${value.series.length}`;
  }
}
