/**
 * Label matcher semantics as in Prometheus: regexes are fully anchored and `.` matches a newline
 * (Prometheus compiles `^(?s:re)$`), and an absent label matches as the empty string.
 * JavaScript regexes stand in for RE2 (translated by ./re2.ts).
 */
import type { LabelMatcher } from '../ast.js';
import { re2ToJs } from './re2.js';

const MAX_CACHED = 2000;
const compiled = new Map<string, RegExp>();

/** The anchored JavaScript regex for a Prometheus regex; throws SyntaxError when it is invalid. */
export function compileLabelRegex(source: string): RegExp {
  let regex = compiled.get(source);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${re2ToJs(source)})$`, 's');
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(source, regex);
  }
  return regex;
}

/** Prometheus's message for an invalid regex, or null when it compiles. */
export function regexError(source: string): string | null {
  try {
    compileLabelRegex(source);
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `error parsing regexp: invalid regular expression ${JSON.stringify(source)}: ${detail}`;
  }
}

/** Whether a label value (pass "" for an absent label) satisfies the matcher. */
export function matcherMatches(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return compileLabelRegex(matcher.value).test(value);
    case '!~':
      return !compileLabelRegex(matcher.value).test(value);
  }
}
