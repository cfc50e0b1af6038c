import { parseExpr, type Expr, type Labels } from '@firedrill/promql';
import type { RuleQueryFunc } from './rule-query.js';
import type { AlertTransition, RuleHealth } from './types.js';

/** What a rule needs from its group and manager for one evaluation. */
export interface RuleEvalContext {
  group: string;
  /** The evaluation timestamp (ms); queries and written samples use `timeMs - queryOffsetMs`. */
  timeMs: number;
  queryOffsetMs: number;
  limit: number;
  query: RuleQueryFunc;
  externalLabels: Record<string, string>;
  externalUrl: string;
}

/** What one rule evaluation produced: samples to append and alert state changes. */
export interface RuleEvalOutput {
  samples: { labels: Labels; t: number; v: number }[];
  transitions: AlertTransition[];
}

/** Health bookkeeping shared by recording and alerting rules. */
export abstract class RuleStateBase {
  health: RuleHealth = 'unknown';
  lastError: string | undefined;
  lastEvaluation: number | undefined;
  evaluationDurationMs = 0;
  protected readonly parsed: Expr | undefined;
  protected readonly parseError: string | undefined;

  constructor(readonly expr: string) {
    try {
      this.parsed = parseExpr(expr);
    } catch (error) {
      this.parseError = (error as Error).message;
    }
  }

  abstract readonly name: string;

  /** Throws on a failed query or a rule error; the group records it as health. */
  protected runQuery(context: RuleEvalContext): ReturnType<RuleQueryFunc> {
    if (this.parsed === undefined) throw new Error(this.parseError ?? 'unparsable expression');
    return context.query(this.parsed, context.timeMs - context.queryOffsetMs);
  }

  abstract evaluate(context: RuleEvalContext): RuleEvalOutput;
}
