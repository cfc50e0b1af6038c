import type { Labels } from '../labels.js';
import { unquoteGoString } from './go-strings.js';
import { parseSeriesLine, type SeriesValue } from './series-notation.js';

/**
 * Prometheus's promqltest file format (promql/promqltest/README.md): `load`, `clear` and `eval`
 * commands in blocks separated by blank lines, `#` comments. Line numbers are 1-based.
 */
export type TestCommand = LoadCommand | ClearCommand | EvalCommand;

export interface LoadedSeries {
  labels: Labels;
  values: SeriesValue[];
  /** Steps holding native histogram samples (`{{...}}`), which are not loaded. */
  histogramIndexes: number[];
  line: number;
}

export interface LoadCommand {
  kind: 'load';
  line: number;
  intervalMs: number;
  /** `load_with_nhcb`: Prometheus also loads the buckets as native histograms with custom buckets. */
  withNhcb: boolean;
  series: LoadedSeries[];
}

export interface ClearCommand {
  kind: 'clear';
  line: number;
}

/** An `expect warn|info|fail` line: `message` for `msg:`, `pattern` for `regex:`, neither for any. */
export interface ExpectedMessage {
  message?: string;
  pattern?: RegExp;
}

export interface ExpectedSeries {
  labels: Labels;
  values: SeriesValue[];
  /** 1-based position among the expected lines, for `expect ordered`. */
  position: number;
  line: number;
  hasHistograms: boolean;
}

export interface EvalCommand {
  kind: 'eval';
  line: number;
  expr: string;
  range: boolean;
  /** Instant queries: the evaluation time (with `expect range vector`, its `to`). */
  evalMs: number;
  /** Range queries: the query range. Instant queries: where expected values lie (see rangeVector). */
  startMs: number;
  endMs: number;
  stepMs: number;
  /** `expect range vector from … to … step …`: an instant query whose result is a matrix. */
  rangeVector: boolean;
  fail: ExpectedMessage | null;
  warn: ExpectedMessage[];
  info: ExpectedMessage[];
  /** Old `eval_warn` / `eval_info`: at least one annotation of that kind, any message. */
  anyWarn: boolean;
  anyInfo: boolean;
  noWarn: boolean;
  noInfo: boolean;
  ordered: boolean;
  expectedScalar: number | null;
  expectedString: string | null;
  expectedSeries: ExpectedSeries[];
  /** Expected output mentions native histograms. */
  expectsHistograms: boolean;
}

export class TestFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'TestFileError';
  }
}

const LOAD = /^load(?:_(with_nhcb))?\s+(.+?)$/;
const EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const EXPECT_RANGE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;

export function parseTestFile(text: string, file = '<input>'): TestCommand[] {
  const lines = text.split('\n').map((raw) => {
    const line = raw.trim();
    return line.startsWith('#') ? '' : line;
  });
  const fail = (index: number, message: string): never => {
    throw new TestFileError(file, index + 1, message);
  };
  const commands: TestCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const word = line.split(/[\t ]+/, 1)[0]!.toLowerCase();
    try {
      if (word === 'clear') {
        commands.push({ kind: 'clear', line: i + 1 });
      } else if (word.startsWith('load')) {
        const [next, command] = parseLoad(lines, i);
        commands.push(command);
        i = next;
      } else if (word.startsWith('eval')) {
        const [next, command] = parseEval(lines, i);
        commands.push(command);
        i = next;
      } else {
        fail(i, `invalid command "${line}"`);
      }
    } catch (error) {
      if (error instanceof TestFileError) throw error;
      const at = error instanceof BlockError ? error.index : i;
      fail(at, (error as Error).message);
    }
  }
  return commands;
}

/** A problem on a specific line inside a block. */
class BlockError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

function parseLoad(lines: string[], start: number): [number, LoadCommand] {
  const match = LOAD.exec(lines[start]!);
  if (!match) throw new Error('invalid load command. (load[_with_nhcb] <step:duration>)');
  const command: LoadCommand = {
    kind: 'load',
    line: start + 1,
    intervalMs: parseTestDuration(match[2]!, 'step'),
    withNhcb: match[1] === 'with_nhcb',
    series: [],
  };
  let i = start;
  while (i + 1 < lines.length && lines[i + 1] !== '') {
    i++;
    try {
      const { labels, values, histogramIndexes } = parseSeriesLine(lines[i]!);
      command.series.push({ labels, values, histogramIndexes, line: i + 1 });
    } catch (error) {
      throw new BlockError(i, (error as Error).message);
    }
  }
  return [i, command];
}

function parseEval(lines: string[], start: number): [number, EvalCommand] {
  const header = lines[start]!;
  const instant = EVAL_INSTANT.exec(header);
  const ranged = instant ? null : EVAL_RANGE.exec(header);
  if (!instant && !ranged) {
    throw new Error(
      "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant [at <offset:duration>] <query>' or 'eval[_fail|_warn] range from <from> to <to> step <step> <query>'",
    );
  }
  const modifier = (instant ?? ranged)![1];
  const command: EvalCommand = {
    kind: 'eval',
    line: start + 1,
    expr: instant ? instant[3]! : ranged![5]!,
    range: !instant,
    evalMs: 0,
    startMs: 0,
    endMs: 0,
    stepMs: 0,
    rangeVector: false,
    fail: modifier === 'fail' ? {} : null,
    warn: [],
    info: [],
    anyWarn: modifier === 'warn',
    anyInfo: modifier === 'info',
    noWarn: false,
    noInfo: false,
    ordered: modifier === 'ordered',
    expectedScalar: null,
    expectedString: null,
    expectedSeries: [],
    expectsHistograms: false,
  };
  if (instant) {
    command.evalMs = command.startMs = command.endMs = parseTestDuration(instant[2] ?? '0s', 'timestamp');
  } else {
    setRange(command, ranged![2]!, ranged![3]!, ranged![4]!);
  }

  let i = start;
  let position = 0;
  while (i + 1 < lines.length && lines[i + 1] !== '') {
    i++;
    const line = lines[i]!;
    try {
      if (command.fail && line.startsWith('expected_fail_message')) {
        command.fail = { message: line.slice('expected_fail_message'.length).trim() };
        break;
      }
      if (command.fail && line.startsWith('expected_fail_regexp')) {
        command.fail = { pattern: goRegex(line.slice('expected_fail_regexp'.length).trim()) };
        break;
      }
      if (line.startsWith('expect range vector')) {
        const match = EXPECT_RANGE.exec(line);
        if (!match) throw new Error(`invalid range vector definition "${line}"`);
        setRange(command, match[1]!, match[2]!, match[3]!);
        command.rangeVector = true;
        // As promqltest: the instant query then runs at the end of the expected range.
        command.evalMs = command.endMs;
        continue;
      }
      if (line.startsWith('expect string')) {
        const literal = line.slice('expect string'.length).trim();
        if (literal === '') throw new Error('expected string literal not valid - a quoted string literal is required');
        command.expectedString = unquoteGoString(literal);
        continue;
      }
      if (line.split(' ', 1)[0] === 'expect') {
        addExpectation(command, line);
        continue;
      }
      const scalar = parseGoNumber(line);
      if (scalar !== null) {
        command.expectedScalar = scalar;
        break;
      }
      const series = parseSeriesLine(line);
      if (series.values.length > 1 && !command.range && !command.rangeVector) {
        throw new Error(
          "expecting multiple values in instant evaluation not allowed. consider using 'expect range vector' directive to enable a range vector result for an instant query",
        );
      }
      position++;
      const hasHistograms = series.histogramIndexes.length > 0;
      command.expectsHistograms ||= hasHistograms;
      command.expectedSeries.push({ labels: series.labels, values: series.values, position, line: i + 1, hasHistograms });
    } catch (error) {
      throw new BlockError(i, (error as Error).message);
    }
  }
  return [i, command];
}

function setRange(command: EvalCommand, from: string, to: string, step: string): void {
  command.startMs = parseTestDuration(from, 'start timestamp');
  command.endMs = parseTestDuration(to, 'end timestamp');
  if (command.endMs < command.startMs) {
    throw new Error(`invalid test definition, end timestamp (${to}) is before start timestamp (${from})`);
  }
  command.stepMs = parseTestDuration(step, 'step');
}

function addExpectation(command: EvalCommand, line: string): void {
  const match = EXPECT.exec(line.trim());
  if (!match) throw new Error('invalid expect statement, must match `expect <type> <match_type>: <string>` format');
  const [, type, matchType, text] = match;
  const expected: ExpectedMessage =
    matchType === 'msg' ? { message: text!.trim() } : matchType === 'regex' ? { pattern: goRegex(text!.trim()) } : {};
  switch (type) {
    case 'ordered':
      command.ordered = true;
      break;
    case 'fail':
      if (command.fail && Object.keys(command.fail).length > 0) {
        throw new Error('invalid expect lines, multiple expect fail lines are not allowed');
      }
      command.fail = expected;
      break;
    case 'warn':
      command.warn.push(expected);
      break;
    case 'info':
      command.info.push(expected);
      break;
    case 'no_warn':
      command.noWarn = true;
      break;
    case 'no_info':
      command.noInfo = true;
      break;
  }
  if (command.warn.length > 0 && command.noWarn) throw new Error('invalid expect lines, warn and no_warn cannot be used together');
  if (command.info.length > 0 && command.noInfo) throw new Error('invalid expect lines, info and no_info cannot be used together');
}

/** Go regexes as test files write them; unanchored (Go's MatchString). */
function goRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new Error(`invalid regex ${pattern}: ${(error as Error).message}`);
  }
}

const DURATION_UNITS: ReadonlyArray<[string, number]> = [
  ['y', 365 * 24 * 3600_000],
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Prometheus's model.ParseDuration: `0`, `90s`, `1h30m`, `10s53ms`; units in decreasing order. */
export function parseTestDuration(text: string, what: string): number {
  if (text === '0') return 0;
  const match = text === '' ? null : DURATION.exec(text);
  if (!match) throw new Error(`invalid ${what} definition "${text}": not a valid duration string: "${text}"`);
  let ms = 0;
  DURATION_UNITS.forEach(([, unitMs], index) => {
    const count = match[index + 1];
    if (count !== undefined) ms += Number(count) * unitMs;
  });
  return ms;
}

/** Go's parseNumber of promqltest: ParseInt with base prefixes, then ParseFloat; null if neither. */
export function parseGoNumber(text: string): number | null {
  const integer = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|\d+)$/.exec(text);
  if (integer) {
    const digits = integer[2]!;
    const sign = integer[1] === '-' ? -1 : 1;
    if (/^0[xX]/.test(digits)) return sign * parseInt(digits.slice(2), 16);
    if (/^0[bB]/.test(digits)) return sign * parseInt(digits.slice(2), 2);
    if (/^0[oO]?[0-7]+$/.test(digits) && digits.length > 1) return sign * parseInt(digits.replace(/^0[oO]?/, ''), 8);
    return sign * Number(digits);
  }
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  return null;
}
