import { Document } from 'yaml';
import { formatDuration } from '@firedrill/promql';
import type { Rule, RuleGroup } from './types.js';

/**
 * Renders groups as a Prometheus rule file (`firedrill rules export`): keys in the order of
 * Prometheus's rulefmt structs, durations as Prometheus prints them, empty fields left out.
 */
export function formatRuleFile(groups: readonly RuleGroup[]): string {
  const doc = new Document({ groups: groups.map(groupObject) });
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

function groupObject(group: RuleGroup): Record<string, unknown> {
  const out: Record<string, unknown> = { name: group.name };
  if (group.intervalMs) out.interval = formatDuration(group.intervalMs);
  if (group.queryOffsetMs) out.query_offset = formatDuration(group.queryOffsetMs);
  if (group.limit) out.limit = group.limit;
  out.rules = group.rules.map(ruleObject);
  if (group.labels && Object.keys(group.labels).length > 0) out.labels = { ...group.labels };
  return out;
}

function ruleObject(rule: Rule): Record<string, unknown> {
  const out: Record<string, unknown> = rule.kind === 'record' ? { record: rule.record } : { alert: rule.alert };
  out.expr = rule.expr;
  if (rule.kind === 'alert') {
    if (rule.forMs) out.for = formatDuration(rule.forMs);
    if (rule.keepFiringForMs) out.keep_firing_for = formatDuration(rule.keepFiringForMs);
  }
  if (Object.keys(rule.labels).length > 0) out.labels = { ...rule.labels };
  if (rule.kind === 'alert' && Object.keys(rule.annotations).length > 0) out.annotations = { ...rule.annotations };
  return out;
}
