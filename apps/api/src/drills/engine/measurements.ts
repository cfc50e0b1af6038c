import type { StatusCheck } from '@firedrill/scenarios';
import type { DrillMeasurements, PromqlEvaluator } from './ports.js';

/** The checkout availability budget left, as a fraction (1 = untouched; below 0 = overspent). */
export const ERROR_BUDGET_REMAINING = 'slo:error_budget:remaining{slo="checkout-availability"}';

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

/** Budget burned since a baseline; never negative (a budget that recovers burned nothing). */
export function budgetBurned(baseline: number | null, now: number | null): number | null {
  if (baseline === null || now === null) return null;
  return Math.max(0, baseline - now);
}

/** What the drill cost users between T0 and T4. */
export function measureImpact(query: PromqlEvaluator, t0: number, t4: number, budgetAtT0: number | null): DrillMeasurements {
  const windowSeconds = Math.max(1, Math.round((t4 - t0) / 1000));
  const failed = firstValue(query, `sum(increase(http_requests_total{service="gateway",status=~"5.."}[${windowSeconds}s]))`, t4);
  const burned = budgetBurned(budgetAtT0 ?? firstValue(query, ERROR_BUDGET_REMAINING, t0), firstValue(query, ERROR_BUDGET_REMAINING, t4));
  return {
    ...(burned === null ? {} : { errorBudgetBurned: burned }),
    // No 5xx series at all means none failed.
    requestsFailed: Math.round(failed ?? 0),
  };
}
