import { METRIC_NAME, labelsKey } from '@firedrill/promql';
import { RuleStateBase, type RuleEvalContext, type RuleEvalOutput } from './rule-state.js';
import type { RecordingRule } from './types.js';

/** A recording rule: the result, renamed to `record` and relabelled, becomes new series. */
export class RecordingRuleState extends RuleStateBase {
  readonly name: string;
  readonly labels: Record<string, string>;

  constructor(
    readonly rule: RecordingRule,
    groupLabels: Record<string, string> = {},
  ) {
    super(rule.expr);
    this.name = rule.record;
    this.labels = { ...groupLabels, ...rule.labels };
  }

  evaluate(context: RuleEvalContext): RuleEvalOutput {
    const t = context.timeMs - context.queryOffsetMs;
    const seen = new Set<string>();
    const samples = this.runQuery(context).map((sample) => {
      const labels = { ...sample.labels, [METRIC_NAME]: this.name, ...this.labels };
      const key = labelsKey(labels);
      if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying rule labels');
      seen.add(key);
      return { labels, t, v: sample.v };
    });
    if (context.limit > 0 && samples.length > context.limit) {
      throw new Error(`exceeded limit of ${context.limit} with ${samples.length} series`);
    }
    return { samples, transitions: [] };
  }
}
