import { isResolvedAt, type NotifierAlert } from './alerts.js';
import type { InhibitRule } from './config.js';
import { matchesAll } from './matchers.js';

/**
 * Alertmanager's inhibition: a target alert is muted while a firing source alert matches a
 * rule's source matchers and has the same values (missing = empty) for every `equal` label. An
 * alert never inhibits itself, and an alert matching both sides of a rule is only inhibited by
 * sources that do not also match the target side, so two such alerts cannot mute each other.
 * Silenced sources still inhibit, as in Alertmanager.
 */
export function inhibitedBy(
  target: NotifierAlert,
  rules: readonly InhibitRule[],
  sources: Iterable<NotifierAlert>,
  nowMs: number,
): string | undefined {
  const candidates = [...sources].filter((source) => !isResolvedAt(source, nowMs) && source.fingerprint !== target.fingerprint);
  for (const rule of rules) {
    if (!matchesAll(rule.targetMatchers, target.labels)) continue;
    const twoSided = matchesAll(rule.sourceMatchers, target.labels);
    for (const source of candidates) {
      if (!matchesAll(rule.sourceMatchers, source.labels)) continue;
      if (twoSided && matchesAll(rule.targetMatchers, source.labels)) continue;
      if (rule.equal.every((name) => (source.labels[name] ?? '') === (target.labels[name] ?? ''))) return source.fingerprint;
    }
  }
  return undefined;
}
