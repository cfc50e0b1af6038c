import type { Expr } from '../ast.js';
import { FUNCTION_SIGNATURES } from '../functions/signatures.js';
import type { Labels } from '../labels.js';
import { labelsMatch } from '../storage/label-matching.js';
import { vectorSelectors } from './ast-walk.js';

/**
 * Why a case is not run: features this project leaves out on purpose (native histograms,
 * experimental syntax Prometheus only enables behind flags). Each reason is reported and counted.
 */
const KEYWORDS_BEFORE_PAREN = new Set([
  'sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile',
  'count_values', 'limitk', 'limit_ratio', 'by', 'without', 'on', 'ignoring', 'group_left',
  'group_right', 'bool', 'and', 'or', 'unless', 'atan2', 'offset',
]);

/** Checks on the query text alone; null when nothing in it is out of scope. */
export function unsupportedSyntax(expr: string): string | null {
  // `@ start()` / `@ end()` are standard; only the bare start()/end() functions are experimental.
  const code = withoutStrings(expr).replace(/@\s*(start|end)\s*\(\s*\)/g, '@');
  if (/\b(step|range)\s*\(\s*\)/.test(code)) return 'experimental duration expressions (step()/range())';
  if (/\b(start|end)\s*\(\s*\)/.test(code)) {
    return 'experimental start()/end() functions';
  }
  if (/\[[^\]:]*[-+*/%^()][^\]]*\]/.test(code) || /\boffset\s*[-+]?\s*\(/.test(code)) {
    return 'experimental duration expressions (arithmetic in ranges or offsets)';
  }
  if (/\b(min_of|max_of)\s*\(/.test(code)) return 'experimental duration expressions (min_of()/max_of())';
  if (/\binfo\s*\(/.test(code)) return 'experimental info() function';
  if (/\b(smoothed|anchored)\b/.test(code)) return 'experimental extended range selectors (smoothed/anchored)';
  if (/\bfill(_left|_right)?\s*\(/.test(code)) return 'experimental binary operator fill modifiers';
  for (const match of code.matchAll(/\b([a-zA-Z_][a-zA-Z0-9_]*)\s*\(/g)) {
    const name = match[1]!;
    // Keywords are case-insensitive in PromQL (`SUM by (x)`), function names are not.
    if (KEYWORDS_BEFORE_PAREN.has(name.toLowerCase()) || FUNCTION_SIGNATURES.has(name)) continue;
    return `uses ${name}(), which this engine does not support (experimental in Prometheus, or native histograms only)`;
  }
  return null;
}

/**
 * Whether the query reads a series that holds native histogram samples in the test data: with
 * the parsed expression the selectors are matched exactly, otherwise any mention of such a
 * metric's name counts.
 */
export function readsNativeHistograms(expr: string, parsed: Expr | null, histogramSeries: readonly Labels[]): string | null {
  if (histogramSeries.length === 0) return null;
  if (parsed) {
    for (const selector of vectorSelectors(parsed)) {
      const hit = histogramSeries.find((labels) => labelsMatch(selector.matchers, labels));
      if (hit) return `native histogram data (${hit.__name__ ?? 'series'})`;
    }
    return null;
  }
  const words = new Set(withoutStrings(expr).match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []);
  const hit = histogramSeries.find((labels) => labels.__name__ !== undefined && words.has(labels.__name__));
  return hit ? `native histogram data (${hit.__name__})` : null;
}

/** Blanks out string literals so words inside them are not taken for functions or metrics. */
function withoutStrings(expr: string): string {
  return expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
}
