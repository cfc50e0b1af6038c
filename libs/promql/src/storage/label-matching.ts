import type { LabelMatcher } from '../ast.js';
import type { Labels } from '../labels.js';
import { matcherMatches } from '../parser/matchers.js';

export { matcherMatches };

/** Whether a label set satisfies every matcher; a missing label matches as the empty string. */
export function labelsMatch(matchers: readonly LabelMatcher[], labels: Labels): boolean {
  for (const matcher of matchers) {
    if (!matcherMatches(matcher, labels[matcher.name] ?? '')) return false;
  }
  return true;
}
