import type { Appendable, Engine, EngineOptions, Queryable } from '@firedrill/promql';
import { AlertingRuleState } from './alerting-rule-state.js';
import { GroupState, type GroupEvaluation } from './group-state.js';
import { engineQueryFunc, queryableQueryFunc, type RuleQueryFunc } from './rule-query.js';
import type { ActiveAlert, AlertTransition, RuleGroup } from './types.js';

export interface RulesManagerOptions {
  groups: readonly RuleGroup[];
  /** Where rule queries run. Give one of `query`, `engine` or `queryable`. */
  query?: RuleQueryFunc;
  engine?: Engine;
  queryable?: Queryable;
  engineOptions?: EngineOptions;
  /** Receives recorded series, ALERTS / ALERTS_FOR_STATE and staleness markers. */
  appendable: Appendable;
  externalLabels?: Record<string, string>;
  externalUrl?: string;
  /** Interval of groups that set none (Prometheus's global evaluation_interval, default 1m). */
  defaultIntervalMs?: number;
  /**
   * Where a group's slots fall. 'interval' (default): at multiples of its interval, so every
   * group with the same interval evaluates at the same instants, which keeps drills and tests
   * easy to reason about. 'hash': offset by a hash of the group name, as Prometheus spreads
   * groups to avoid load spikes.
   */
  slotAlignment?: 'interval' | 'hash';
  /** The source file of each group, by group name (shown by the rules API). */
  files?: Readonly<Record<string, string>>;
  onTransition?: TransitionListener;
  /** Measures evaluation durations; defaults to performance.now. Never used as rule time. */
  stopwatch?: () => number;
}

export type TransitionListener = (transition: AlertTransition) => void;

export const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

/**
 * Prometheus's rules manager, driven by explicit timestamps: `evaluateDue(t)` runs every group
 * whose next slot has come (the latest slot ≤ t, counting skipped slots as missed iterations),
 * `evaluateGroup(name, t)` runs one group at exactly `t`. Alert transitions go to listeners
 * after each group evaluation.
 */
export class RulesManager {
  private readonly groups: GroupState[];
  private readonly query: RuleQueryFunc;
  private readonly listeners = new Set<TransitionListener>();

  constructor(private readonly options: RulesManagerOptions) {
    this.query = options.query ?? (options.engine ? engineQueryFunc(options.engine) : undefined) ?? queryableQueryFunc(requireQueryable(options), options.engineOptions);
    const defaultInterval = options.defaultIntervalMs ?? DEFAULT_EVALUATION_INTERVAL_MS;
    this.groups = options.groups.map((group) => {
      const interval = group.intervalMs ?? defaultInterval;
      const offset = options.slotAlignment === 'hash' ? fnv1a(`${options.files?.[group.name] ?? ''};${group.name}`) % interval : 0;
      return new GroupState(group, interval, offset, options.files?.[group.name]);
    });
    if (options.onTransition) this.listeners.add(options.onTransition);
  }

  /** Subscribes to alert transitions; returns the unsubscribe function. */
  onTransition(listener: TransitionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Groups in load order (their evaluation order within one `evaluateDue`). */
  groupStates(): readonly GroupState[] {
    return this.groups;
  }

  evaluateGroup(name: string, timeMs: number): GroupEvaluation {
    const group = this.groups.find((g) => g.name === name);
    if (!group) throw new Error(`no rule group named "${name}"`);
    return this.run(group, timeMs);
  }

  /** Evaluates every group, in order, at exactly `timeMs` (the promtool test loop). */
  evaluateAll(timeMs: number): GroupEvaluation[] {
    return this.groups.map((group) => this.run(group, timeMs));
  }

  /** Evaluates every group whose next slot is ≤ t, at its latest slot ≤ t. */
  evaluateDue(timeMs: number): GroupEvaluation[] {
    const evaluations: GroupEvaluation[] = [];
    for (const group of this.groups) {
      const slot = group.slotAtOrBefore(timeMs);
      if (group.nextEvaluation !== undefined) {
        if (slot < group.nextEvaluation) continue;
        group.missedIterations += Math.floor((slot - group.nextEvaluation) / group.intervalMs);
      }
      evaluations.push(this.run(group, slot));
    }
    return evaluations;
  }

  /** When `evaluateDue` next has work: the earliest next slot (undefined before the first run). */
  nextDueAt(): number | undefined {
    const next = this.groups.map((g) => g.nextEvaluation).filter((t): t is number => t !== undefined);
    return next.length === this.groups.length && next.length > 0 ? Math.min(...next) : undefined;
  }

  /** Pending and firing alerts of every alerting rule. */
  alerts(): ActiveAlert[] {
    return this.alertingRules().flatMap((rule) => rule.activeAlerts());
  }

  /** Resolved alerts still retained (15m), for notifiers that report resolution. */
  resolvedAlerts(): ActiveAlert[] {
    return this.alertingRules().flatMap((rule) => rule.resolvedAlerts());
  }

  private alertingRules(): AlertingRuleState[] {
    return this.groups.flatMap((g) => g.rules.filter((r): r is AlertingRuleState => r instanceof AlertingRuleState));
  }

  private run(group: GroupState, timeMs: number): GroupEvaluation {
    const evaluation = group.evaluate(timeMs, {
      query: this.query,
      appendable: this.options.appendable,
      externalLabels: this.options.externalLabels ?? {},
      externalUrl: this.options.externalUrl ?? '',
      stopwatch: this.options.stopwatch ?? (() => performance.now()),
    });
    for (const transition of evaluation.transitions) {
      for (const listener of this.listeners) {
        // A listener's failure must not stop rule evaluation or the other listeners.
        try {
          listener(transition);
        } catch {
          /* ignored */
        }
      }
    }
    return evaluation;
  }
}

function requireQueryable(options: RulesManagerOptions): Queryable {
  if (!options.queryable) throw new Error('RulesManager needs one of query, engine or queryable');
  return options.queryable;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
