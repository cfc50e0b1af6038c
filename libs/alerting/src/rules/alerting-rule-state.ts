import { METRIC_NAME, labelsKey, type Sample } from '@firedrill/promql';
import { AlertTemplate, type AlertTemplateData } from '../templates/alert-template.js';
import { RuleStateBase, type RuleEvalContext, type RuleEvalOutput } from './rule-state.js';
import type { ActiveAlert, AlertState, AlertTransition, AlertingRule } from './types.js';

/** Prometheus keeps a resolved alert this long so notifiers can still report it resolved. */
export const RESOLVED_RETENTION_MS = 15 * 60 * 1000;

/** An alert as the rule tracks it: 'inactive' is a resolved alert still retained. */
export interface TrackedAlert extends Omit<ActiveAlert, 'state'> {
  state: AlertState;
}

type CompiledTemplate = { template: AlertTemplate } | { error: string };

function compile(text: string, name: string): CompiledTemplate {
  try {
    return { template: AlertTemplate.parse(text, name) };
  } catch (error) {
    return { error: `<error expanding template: error parsing template ${name}: ${(error as Error).message}>` };
  }
}

/**
 * An alerting rule with Prometheus's state machine: one alert per label set, pending at the
 * first true evaluation, firing once active for `for`, resolved (and retained 15m) when it
 * stops, kept firing for `keep_firing_for` after the condition clears.
 */
export class AlertingRuleState extends RuleStateBase {
  readonly name: string;
  readonly labels: Record<string, string>;
  private readonly templateName: string;
  private readonly labelTemplates: [string, CompiledTemplate][];
  private readonly annotationTemplates: [string, CompiledTemplate][];
  private readonly tracked = new Map<string, TrackedAlert>();

  constructor(
    readonly rule: AlertingRule,
    groupLabels: Record<string, string> = {},
  ) {
    super(rule.expr);
    this.name = rule.alert;
    this.labels = { ...groupLabels, ...rule.labels };
    this.templateName = `__alert_${rule.alert}`;
    this.labelTemplates = Object.entries(this.labels).map(([k, v]) => [k, compile(v, this.templateName)]);
    this.annotationTemplates = Object.entries(rule.annotations).map(([k, v]) => [k, compile(v, this.templateName)]);
  }

  /** Pending and firing alerts (what Prometheus's ActiveAlerts returns). */
  activeAlerts(): ActiveAlert[] {
    return [...this.tracked.values()].filter((a) => a.state !== 'inactive').map((a) => snapshot(a));
  }

  /** Resolved alerts still retained; `state` is the last active state ('firing'), `resolvedAt` is set. */
  resolvedAlerts(): ActiveAlert[] {
    return [...this.tracked.values()].filter((a) => a.state === 'inactive').map((a) => snapshot(a));
  }

  /** The rule's overall state: the most severe of its active alerts. */
  state(): AlertState {
    let state: AlertState = 'inactive';
    for (const alert of this.tracked.values()) {
      if (alert.state === 'firing') return 'firing';
      if (alert.state === 'pending') state = 'pending';
    }
    return state;
  }

  evaluate(context: RuleEvalContext): RuleEvalOutput {
    const t = context.timeMs;
    const results = this.runQuery(context);
    const before = new Map([...this.tracked].map(([key, alert]) => [key, alert.state]));
    const current = this.alertsFromResults(results, context);

    for (const [key, alert] of current) {
      const existing = this.tracked.get(key);
      if (existing && existing.state !== 'inactive') {
        existing.value = alert.value;
        existing.annotations = alert.annotations;
      } else this.tracked.set(key, alert);
    }

    let activeCount = 0;
    const samples: RuleEvalOutput['samples'] = [];
    const sampleTime = t - context.queryOffsetMs;
    for (const [key, alert] of this.tracked) {
      if (!current.has(key)) {
        let keepFiring = false;
        if (alert.state === 'firing' && this.rule.keepFiringForMs > 0) {
          alert.keepFiringSince ??= t;
          keepFiring = t - alert.keepFiringSince < this.rule.keepFiringForMs;
        }
        if (alert.state === 'pending' || (alert.resolvedAt !== undefined && t - alert.resolvedAt > RESOLVED_RETENTION_MS)) {
          this.tracked.delete(key);
        }
        if (alert.state !== 'inactive' && !keepFiring) {
          alert.state = 'inactive';
          alert.resolvedAt = t;
        }
        if (!keepFiring) continue;
      } else delete alert.keepFiringSince;
      activeCount++;
      if (alert.state === 'pending' && t - alert.activeAt >= this.rule.forMs) {
        alert.state = 'firing';
        alert.firedAt = t;
      }
      const { [METRIC_NAME]: _name, ...alertLabels } = alert.labels;
      samples.push({ labels: { ...alertLabels, [METRIC_NAME]: 'ALERTS', alertstate: alert.state }, t: sampleTime, v: 1 });
      samples.push({ labels: { ...alertLabels, [METRIC_NAME]: 'ALERTS_FOR_STATE' }, t: sampleTime, v: alert.activeAt / 1000 });
    }

    if (context.limit > 0 && activeCount > context.limit) {
      this.tracked.clear();
      throw new Error(`exceeded limit of ${context.limit} with ${activeCount} alerts`);
    }
    return { samples, transitions: this.transitions(before, context.group, t) };
  }

  private alertsFromResults(results: Sample[], context: RuleEvalContext): Map<string, TrackedAlert> {
    const alerts = new Map<string, TrackedAlert>();
    const query = (expr: string) => context.query(expr, context.timeMs - context.queryOffsetMs).map((s) => ({ labels: { ...s.labels }, value: s.v }));
    for (const sample of results) {
      const data: AlertTemplateData = {
        labels: { ...sample.labels },
        externalLabels: context.externalLabels,
        externalUrl: context.externalUrl,
        value: sample.v,
      };
      const expand = (compiled: CompiledTemplate): string => ('error' in compiled ? compiled.error : compiled.template.expand(data, { query }));
      const { [METRIC_NAME]: _name, ...labels }: Record<string, string> = sample.labels;
      for (const [name, compiled] of this.labelTemplates) labels[name] = expand(compiled);
      labels.alertname = this.name;
      const annotations: Record<string, string> = {};
      for (const [name, compiled] of this.annotationTemplates) annotations[name] = expand(compiled);
      const key = labelsKey(labels);
      if (alerts.has(key)) throw new Error('vector contains metrics with the same labelset after applying alert labels');
      alerts.set(key, { rule: this.name, state: 'pending', labels, annotations, value: sample.v, activeAt: context.timeMs });
    }
    return alerts;
  }

  private transitions(before: Map<string, AlertState>, group: string, at: number): AlertTransition[] {
    const transitions: AlertTransition[] = [];
    const keys = new Set([...before.keys(), ...this.tracked.keys()]);
    for (const key of keys) {
      const alert = this.tracked.get(key);
      const from = before.get(key) ?? 'inactive';
      const to = alert?.state ?? 'inactive';
      if (from === to) continue;
      const shown = alert ?? this.lastSeen.get(key);
      if (!shown) continue;
      transitions.push({ group, rule: this.name, labels: { ...shown.labels }, from, to, at, alert: snapshot(shown) });
    }
    this.lastSeen = new Map(this.tracked);
    return transitions;
  }

  /** Alerts as of the previous evaluation, so a deleted pending alert can still be described. */
  private lastSeen = new Map<string, TrackedAlert>();
}

function snapshot(alert: TrackedAlert): ActiveAlert {
  const state = alert.state === 'inactive' ? (alert.firedAt !== undefined ? 'firing' : 'pending') : alert.state;
  return { ...alert, state, labels: { ...alert.labels }, annotations: { ...alert.annotations } };
}
