import type { EvalCommand, ExpectedMessage } from './test-file.js';

function matches(expected: ExpectedMessage, text: string): boolean {
  if (expected.message !== undefined) return text === expected.message;
  if (expected.pattern) return expected.pattern.test(text);
  return true;
}

function describe(expected: ExpectedMessage): string {
  if (expected.message !== undefined) return `message "${expected.message}"`;
  if (expected.pattern) return `pattern ${expected.pattern.source}`;
  return 'anything';
}

/** The error a query raised against `expect fail` (null when it is the expected one). */
export function checkExpectedFailure(expected: ExpectedMessage, message: string): string | null {
  return matches(expected, message) ? null : `expected error matching ${describe(expected)}, but got: ${message}`;
}

/** Warnings and infos against `expect warn|info|no_warn|no_info` and the old `eval_warn|eval_info`. */
export function checkAnnotations(command: EvalCommand, warnings: readonly string[], infos: readonly string[]): string | null {
  if (command.anyWarn && warnings.length === 0) return 'expected warnings but got none';
  if (command.anyInfo && infos.length === 0) return 'expected info annotations but got none';
  const problem = checkOfType('warn', command.warn, warnings) ?? checkOfType('info', command.info, infos);
  if (problem) return problem;
  if (command.noWarn && warnings.length > 0) return `unexpected warning annotations: ${warnings.join('; ')}`;
  if (command.noInfo && infos.length > 0) return `unexpected info annotations: ${infos.join('; ')}`;
  return null;
}

function checkOfType(kind: string, expected: readonly ExpectedMessage[], actual: readonly string[]): string | null {
  if (expected.length === 0) return null;
  if (actual.length === 0) return `expected ${kind} annotations but none were found`;
  for (const e of expected) {
    if (!actual.some((text) => matches(e, text))) {
      return `expected ${kind} annotation matching ${describe(e)} but found: ${actual.join('; ')}`;
    }
  }
  for (const text of actual) {
    if (!expected.some((e) => matches(e, text))) return `unexpected ${kind} annotation "${text}"`;
  }
  return null;
}
