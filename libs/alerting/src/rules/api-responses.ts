import { AlertingRuleState } from './alerting-rule-state.js';
import type { GroupState } from './group-state.js';
import type { RulesManager } from './manager.js';
import type { ActiveAlert } from './types.js';

/** Shapes the manager's state as Prometheus's `/api/v1/rules` and `/api/v1/alerts` JSON. */

export interface PrometheusAlertJson {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  activeAt: string;
  keepFiringSince?: string;
  value: string;
}

export interface PrometheusRuleJson {
  type: 'alerting' | 'recording';
  name: string;
  query: string;
  labels: Record<string, string>;
  health: string;
  lastError?: string;
  evaluationTime: number;
  lastEvaluation: string;
  state?: 'inactive' | 'pending' | 'firing';
  duration?: number;
  keepFiringFor?: number;
  annotations?: Record<string, string>;
  alerts?: PrometheusAlertJson[];
}

export interface PrometheusRuleGroupJson {
  name: string;
  file: string;
  rules: PrometheusRuleJson[];
  interval: number;
  limit: number;
  evaluationTime: number;
  lastEvaluation: string;
}

export interface RulesResponseOptions {
  /** Prometheus's `type` parameter: only alerting or only recording rules. */
  type?: 'alert' | 'record';
}

const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** Go's RFC3339Nano as encoding/json writes time.Time: fraction without trailing zeros. */
export function rfc3339(ms: number | undefined): string {
  if (ms === undefined) return GO_ZERO_TIME;
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.?0+Z$/, 'Z').replace(/\.Z$/, 'Z');
}

/** strconv.FormatFloat(v, 'e', -1, 64), the alert `value` string of the API. */
export function formatAlertValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const [mantissa, exponent] = v.toExponential().split('e') as [string, string];
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

export function toPrometheusAlert(alert: ActiveAlert): PrometheusAlertJson {
  const json: PrometheusAlertJson = {
    labels: alert.labels,
    annotations: alert.annotations,
    state: alert.state,
    activeAt: rfc3339(alert.activeAt),
    value: formatAlertValue(alert.value),
  };
  if (alert.keepFiringSince !== undefined) json.keepFiringSince = rfc3339(alert.keepFiringSince);
  return json;
}

export function toPrometheusAlertsResponse(manager: RulesManager): { status: 'success'; data: { alerts: PrometheusAlertJson[] } } {
  return { status: 'success', data: { alerts: manager.alerts().map(toPrometheusAlert) } };
}

export function toPrometheusRulesResponse(
  manager: RulesManager,
  options: RulesResponseOptions = {},
): { status: 'success'; data: { groups: PrometheusRuleGroupJson[] } } {
  const groups = manager.groupStates().map((group) => groupJson(group, options));
  return { status: 'success', data: { groups: options.type ? groups.filter((g) => g.rules.length > 0) : groups } };
}

function groupJson(group: GroupState, options: RulesResponseOptions): PrometheusRuleGroupJson {
  const rules: PrometheusRuleJson[] = [];
  for (const rule of group.rules) {
    const isAlerting = rule instanceof AlertingRuleState;
    if (options.type === 'alert' && !isAlerting) continue;
    if (options.type === 'record' && isAlerting) continue;
    const common = {
      name: rule.name,
      query: rule.expr,
      labels: rule.labels,
      health: rule.health,
      ...(rule.lastError ? { lastError: rule.lastError } : {}),
      evaluationTime: rule.evaluationDurationMs / 1000,
      lastEvaluation: rfc3339(rule.lastEvaluation),
    };
    if (rule instanceof AlertingRuleState) {
      rules.push({
        state: rule.state(),
        ...common,
        duration: rule.rule.forMs / 1000,
        keepFiringFor: rule.rule.keepFiringForMs / 1000,
        annotations: rule.rule.annotations,
        alerts: rule.activeAlerts().map(toPrometheusAlert),
        type: 'alerting',
      });
    } else rules.push({ ...common, type: 'recording' });
  }
  return {
    name: group.name,
    file: group.file ?? '',
    rules,
    interval: group.intervalMs / 1000,
    limit: group.group.limit ?? 0,
    evaluationTime: group.evaluationDurationMs / 1000,
    lastEvaluation: rfc3339(group.lastEvaluation),
  };
}
