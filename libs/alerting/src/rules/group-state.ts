import { labelsKey, type Appendable, type Labels } from '@firedrill/promql';
import { AlertingRuleState } from './alerting-rule-state.js';
import { RecordingRuleState } from './recording-rule-state.js';
import type { RuleEvalContext } from './rule-state.js';
import type { AlertTransition, RuleGroup } from './types.js';

export type RuleState = RecordingRuleState | AlertingRuleState;

export interface GroupEvalEnvironment extends Omit<RuleEvalContext, 'group' | 'timeMs' | 'queryOffsetMs' | 'limit'> {
  appendable: Appendable;
  /** Measures how long evaluations take (ms); not a clock for rule time. */
  stopwatch: () => number;
}

/** The outcome of one group evaluation. */
export interface GroupEvaluation {
  group: string;
  timeMs: number;
  transitions: AlertTransition[];
  /** Rules that failed in this evaluation, with their error. */
  failures: { rule: string; error: string }[];
}

/**
 * One rule group: rules run in order at one timestamp, each writing its samples; a failing
 * rule is marked unhealthy and the next rule still runs. Series a rule wrote last time but not
 * this time get a staleness marker, as Prometheus does.
 */
export class GroupState {
  readonly rules: RuleState[];
  lastEvaluation: number | undefined;
  evaluationDurationMs = 0;
  missedIterations = 0;
  /** The next slot `evaluateDue` will run (ms). */
  nextEvaluation: number | undefined;
  private readonly previousSeries: Map<string, Labels>[];

  constructor(
    readonly group: RuleGroup,
    readonly intervalMs: number,
    /** Where slots fall within the interval: slots are `offset + k × interval`. */
    readonly slotOffsetMs: number,
    readonly file?: string,
  ) {
    this.rules = group.rules.map((rule) =>
      rule.kind === 'record' ? new RecordingRuleState(rule, group.labels) : new AlertingRuleState(rule, group.labels),
    );
    this.previousSeries = this.rules.map(() => new Map());
  }

  get name(): string {
    return this.group.name;
  }

  /** The latest slot at or before `timeMs`. */
  slotAtOrBefore(timeMs: number): number {
    const shifted = timeMs - this.slotOffsetMs;
    return shifted - (((shifted % this.intervalMs) + this.intervalMs) % this.intervalMs) + this.slotOffsetMs;
  }

  evaluate(timeMs: number, env: GroupEvalEnvironment): GroupEvaluation {
    const started = env.stopwatch();
    const result: GroupEvaluation = { group: this.name, timeMs, transitions: [], failures: [] };
    const context: RuleEvalContext = {
      ...env,
      group: this.name,
      timeMs,
      queryOffsetMs: this.group.queryOffsetMs ?? 0,
      limit: this.group.limit ?? 0,
    };
    this.rules.forEach((rule, index) => {
      const ruleStarted = env.stopwatch();
      rule.lastEvaluation = timeMs;
      try {
        const output = rule.evaluate(context);
        rule.health = 'ok';
        rule.lastError = undefined;
        result.transitions.push(...output.transitions);
        this.writeSamples(index, output.samples, timeMs - context.queryOffsetMs, env.appendable);
      } catch (error) {
        rule.health = 'err';
        rule.lastError = (error as Error).message;
        result.failures.push({ rule: rule.name, error: rule.lastError });
      } finally {
        rule.evaluationDurationMs = env.stopwatch() - ruleStarted;
      }
    });
    this.lastEvaluation = timeMs;
    this.evaluationDurationMs = env.stopwatch() - started;
    this.nextEvaluation = this.slotAtOrBefore(timeMs) + this.intervalMs;
    return result;
  }

  private writeSamples(ruleIndex: number, samples: { labels: Labels; t: number; v: number }[], staleTime: number, appendable: Appendable): void {
    const written = new Map<string, Labels>();
    for (const sample of samples) {
      // An out-of-order or duplicate sample is the store's business, not a rule failure.
      try {
        appendable.append(sample.labels, sample.t, sample.v);
      } catch {
        /* refused by the store */
      }
      written.set(labelsKey(sample.labels), sample.labels);
    }
    for (const [key, labels] of this.previousSeries[ruleIndex]!) {
      if (written.has(key)) continue;
      try {
        appendable.appendStale(labels, staleTime);
      } catch {
        /* refused by the store */
      }
    }
    this.previousSeries[ruleIndex] = written;
  }
}
