import type { StatusCheck } from '@firedrill/scenarios';
import type { DrillMeasurements, PromqlEvaluator } from './ports.js';

/**
 * The checkout availability SLO (99.5 % over 30 days, from the demo SLOs) that collateral damage
 * and the budget stop condition are measured against.
 */
export const BUDGET_SLO = { service: 'checkout', objective: 0.995, windowSeconds: 30 * 86_400 };

export interface ChecksResult {
  green: boolean;
  /** Ids of the red checks, in scenario order. */
  failing: string[];
}

/**
 * A status check is green when its query returns anything. A query that fails counts as red: a
 * check that cannot be evaluated cannot tell that users are fine.
 */
export function evaluateChecks(checks: readonly StatusCheck[], query: PromqlEvaluator, atMs: number): ChecksResult {
  const failing = checks
    .filter((check) => {
      try {
        return query(check.query, atMs).length === 0;
      } catch {
        return true;
      }
    })
    .map((check) => check.id);
  return { green: failing.length === 0, failing };
}

/** The first value of a query, or null when it returned nothing or failed. */
export function firstValue(query: PromqlEvaluator, promql: string, atMs: number): number | null {
  try {
    const value = query(promql, atMs)[0];
    return value === undefined || Number.isNaN(value) ? null : value;
  } catch {
    return null;
  }
}

/**
 * The share of the SLO's error budget the failed requests in (from, to] consumed, with the
 * budget sized from the traffic of that interval: failed / (request rate × SLO window ×
 * (1 − objective)). The budget series of a stack minutes old would overstate it (its 30-day ratio
 * only sees the incident), so the burn is measured from requests, as a postmortem would.
 */
export function budgetBurnedBetween(query: PromqlEvaluator, fromMs: number, toMs: number): number | null {
  const seconds = Math.max(1, Math.round((toMs - fromMs) / 1000));
  const selector = `http_requests_total{service="${BUDGET_SLO.service}"`;
  const failed = firstValue(query, `sum(increase(${selector},status=~"5.."}[${seconds}s]))`, toMs) ?? 0;
  const total = firstValue(query, `sum(increase(${selector}}[${seconds}s]))`, toMs);
  if (total === null || total <= 0) return null;
  const budgetRequests = (total / seconds) * BUDGET_SLO.windowSeconds * (1 - BUDGET_SLO.objective);
  return failed / budgetRequests;
}

/** What the drill cost users between T0 and T4. */
export function measureImpact(query: PromqlEvaluator, t0: number, t4: number): DrillMeasurements {
  const windowSeconds = Math.max(1, Math.round((t4 - t0) / 1000));
  const failed = firstValue(query, `sum(increase(http_requests_total{service="gateway",status=~"5.."}[${windowSeconds}s]))`, t4);
  const burned = budgetBurnedBetween(query, t0, t4);
  return {
    ...(burned === null ? {} : { errorBudgetBurned: burned }),
    // No 5xx series at all means none failed.
    requestsFailed: Math.round(failed ?? 0),
  };
}
