import { formatDurationMs, tryParseDuration } from '../common/duration.js';
import { TimeScaler, type TimeScaleOptions } from '../common/time-scale.js';
import type { AlertingRule, RecordingRule, Rule, RuleGroup } from '../rules/types.js';
import { BURN_RATE_ALERT_WINDOWS, SLI_WINDOWS_MS, type BurnRateAlertWindow } from './burn-rate-policy.js';
import { errorRatioExpr } from './sli-queries.js';
import { parseSloSpec, type SloSpec, type SloSpecInput } from './spec.js';

export const SLO_SERIES = {
  errorRatio: 'slo:sli_error:ratio_rate',
  burnRate: 'slo:burn_rate:ratio_rate',
  budgetRemaining: 'slo:error_budget:remaining',
  objective: 'slo:objective:ratio',
} as const;

export interface SloGeneratorOptions extends TimeScaleOptions {
  /** Written as the group's `interval`; the manager's global interval applies when absent. */
  groupIntervalMs?: number;
}

/**
 * One rule group per SLO: error ratios over every alert window and the SLO window, burn rates,
 * the remaining error budget, the objective, and the four burn-rate alerts. Series names carry
 * the nominal (scenario-time) window, e.g. `slo:sli_error:ratio_rate1h`, whatever the time scale,
 * so dashboards and tests do not depend on the speed; only the `[...]` ranges are scaled.
 */
export function generateSloRuleGroups(specs: readonly (SloSpec | SloSpecInput)[], options: SloGeneratorOptions = {}): RuleGroup[] {
  const names = new Set<string>();
  return specs.map((input) => {
    const spec = parseSloSpec(input);
    if (names.has(spec.name)) throw new Error(`duplicate SLO name "${spec.name}"`);
    names.add(spec.name);
    return generateSloRuleGroup(spec, options);
  });
}

export function generateSloRuleGroup(input: SloSpec | SloSpecInput, options: SloGeneratorOptions = {}): RuleGroup {
  const spec = parseSloSpec(input);
  const scaler = new TimeScaler(options);
  const sloWindowMs = tryParseDuration(spec.window)!;
  const windows = [...new Set([...SLI_WINDOWS_MS, sloWindowMs])].sort((a, b) => a - b);
  const labels = { ...spec.labels, slo: spec.name, service: spec.service };
  const own = `{slo="${spec.name}"}`;
  const budget = `(1 - ${spec.objective})`;
  const record = (name: string, expr: string): RecordingRule => ({ kind: 'record', record: name, expr, labels: { ...labels } });

  const rules: Rule[] = [
    ...windows.map((ms) => record(errorRatioName(ms, spec), errorRatioExpr(spec.sli, scaler.window(ms)))),
    ...windows.map((ms) => record(burnRateName(ms, spec), `${errorRatioName(ms, spec)}${own} / ${budget}`)),
    record(SLO_SERIES.budgetRemaining, `1 - (${errorRatioName(sloWindowMs, spec)}${own} / ${budget})`),
    record(SLO_SERIES.objective, `vector(${spec.objective})`),
  ];
  if (!spec.alerting.disabled) {
    rules.push(...BURN_RATE_ALERT_WINDOWS.map((policy) => burnRateAlert(spec, policy, sloWindowMs, scaler, labels)));
  }
  return { name: `slo:${spec.name}`, ...(options.groupIntervalMs ? { intervalMs: options.groupIntervalMs } : {}), rules };
}

/** `slo:sli_error:ratio_rate1h`; the SLO window keeps the spelling of the spec (`7d`, not `1w`). */
export function errorRatioName(nominalWindowMs: number, spec?: Pick<SloSpec, 'window'>): string {
  return `${SLO_SERIES.errorRatio}${windowSuffix(nominalWindowMs, spec)}`;
}

export function burnRateName(nominalWindowMs: number, spec?: Pick<SloSpec, 'window'>): string {
  return `${SLO_SERIES.burnRate}${windowSuffix(nominalWindowMs, spec)}`;
}

function windowSuffix(nominalWindowMs: number, spec?: Pick<SloSpec, 'window'>): string {
  if (spec && tryParseDuration(spec.window) === nominalWindowMs) return spec.window;
  return formatDurationMs(nominalWindowMs);
}

/** `checkout-availability` → `CheckoutAvailabilityErrorBudgetBurn`. */
export function defaultSloAlertName(sloName: string): string {
  const pascal = sloName
    .split(/[-_]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return `${pascal}ErrorBudgetBurn`;
}

function burnRateAlert(
  spec: SloSpec,
  policy: BurnRateAlertWindow,
  sloWindowMs: number,
  scaler: TimeScaler,
  labels: Record<string, string>,
): AlertingRule {
  const own = `{slo="${spec.name}"}`;
  const threshold = `${policy.factor} * (1 - ${spec.objective})`;
  const long = formatDurationMs(policy.longWindowMs);
  const short = formatDurationMs(policy.shortWindowMs);
  const exhaustion = formatDurationMs(Math.round(sloWindowMs / policy.factor / 60_000) * 60_000);
  const budgetShare = percent((policy.factor * policy.longWindowMs) / sloWindowMs);
  const scaledNote =
    scaler.timeScale === 1
      ? ''
      : ` Windows are scenario time; at time scale ${scaler.timeScale} the data windows are ${scaler.window(policy.longWindowMs)} and ${scaler.window(policy.shortWindowMs)}.`;
  const severityLabels = policy.severity === 'page' ? spec.alerting.pageLabels : spec.alerting.ticketLabels;
  return {
    kind: 'alert',
    alert: spec.alerting.name ?? defaultSloAlertName(spec.name),
    expr: `(${errorRatioName(policy.longWindowMs, spec)}${own} > ${threshold}) and (${errorRatioName(policy.shortWindowMs, spec)}${own} > ${threshold})`,
    // The two windows already debounce the signal; the Workbook's rules have no `for`.
    forMs: 0,
    keepFiringForMs: 0,
    labels: { ...labels, ...severityLabels, severity: policy.severity, long_window: long, short_window: short },
    annotations: {
      summary: `${spec.service}: SLO ${spec.name} is burning its error budget at over ${policy.factor}x`,
      description:
        `The error ratio of ${spec.name} is {{ $value | humanizePercentage }} over ${long} (and still above the threshold over ${short}); ` +
        `the objective ${percent(spec.objective)} allows ${percent(1 - spec.objective)}. At ${policy.factor}x the ${spec.window} budget ` +
        `is gone in about ${exhaustion}; this window alone has used ${budgetShare} of it.${scaledNote}`,
      ...spec.alerting.annotations,
    },
  };
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(10))}%`;
}
