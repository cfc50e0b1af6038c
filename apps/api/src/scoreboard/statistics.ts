import type { DistributionSummary } from './scoreboard-views.js';

/**
 * The scoreboard's statistics. Percentiles interpolate linearly between the two closest ranks
 * (the "R-7" definition of NumPy's default and spreadsheets' PERCENTILE.INC), so the median of
 * [1, 2, 3, 4] is 2.5 and a single value is its own p90. Values that are null (a drill that never
 * reached the mark) are left out: they are not zero, they are missing.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within [0, 1], got ${p}`);
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (rank - below);
}

/** Three decimals: enough for seconds and scores, and no float noise (0.30000000000000004) in JSON or CSV. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function summarize(values: ReadonlyArray<number | null | undefined>): DistributionSummary {
  const present = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (present.length === 0) return { count: 0, mean: null, median: null, p90: null };
  const mean = present.reduce((sum, value) => sum + value, 0) / present.length;
  return {
    count: present.length,
    mean: round3(mean),
    median: round3(percentile(present, 0.5)!),
    p90: round3(percentile(present, 0.9)!),
  };
}
