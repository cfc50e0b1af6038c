/** One classic-histogram bucket: the `le` bound and its cumulative count. */
export interface ClassicBucket {
  upperBound: number;
  count: number;
}

export interface BucketQuantileResult {
  value: number;
  /** Counts decreased somewhere and were raised to the envelope: drives Prometheus's info annotation. */
  forcedMonotonic: boolean;
  /** Tiny (relative < 1e-12) count differences were smoothed over silently. */
  fixedPrecision: boolean;
  /** Lowest and highest upper bound whose count was raised, and the largest raise (0 when none). */
  minBucket: number;
  maxBucket: number;
  maxDiff: number;
}

/** Differences below this relative size are float noise (e.g. from sharded sums), not bad data. */
const smallDeltaTolerance = 1e-12;
const minNormal = 2.2250738585072014e-308;

/** Prometheus's util/almost.Equal: relative comparison, absolute near zero. */
export function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < minNormal) return diff < epsilon * minNormal;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/** Parses an `le` label value (`+Inf`, `0.5`, `1e3`) as Go's ParseFloat would; NaN when invalid. */
export function parseBucketBound(le: string): number {
  const text = le.trim() === le ? le : '';
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (text === '' || !/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$|^[+-]?0[xX]/.test(text)) return NaN;
  const value = Number(text.replace(/_/g, ''));
  return value;
}

function sortedCoalesced(buckets: readonly ClassicBucket[]): ClassicBucket[] {
  const sorted = buckets.map((b) => ({ upperBound: b.upperBound, count: b.count }));
  sorted.sort((a, b) => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0));
  const merged: ClassicBucket[] = [];
  for (const bucket of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.upperBound === bucket.upperBound) last.count += bucket.count;
    else merged.push(bucket);
  }
  return merged;
}

/**
 * Smooths float-noise differences in either direction, then raises any real decrease to the
 * previous count (the "envelope"); the binary search below needs monotonic counts.
 */
function ensureMonotonic(buckets: ClassicBucket[]): Omit<BucketQuantileResult, 'value'> {
  const fix = { forcedMonotonic: false, fixedPrecision: false, minBucket: Infinity, maxBucket: -Infinity, maxDiff: 0 };
  let previous = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    const current = bucket.count;
    if (current === previous) continue;
    if (almostEqual(previous, current, smallDeltaTolerance)) {
      bucket.count = previous;
      fix.fixedPrecision = true;
      continue;
    }
    if (current < previous) {
      bucket.count = previous;
      fix.forcedMonotonic = true;
      fix.minBucket = Math.min(fix.minBucket, bucket.upperBound);
      fix.maxBucket = Math.max(fix.maxBucket, bucket.upperBound);
      fix.maxDiff = Math.max(fix.maxDiff, previous - current);
      continue;
    }
    previous = current;
  }
  if (!fix.forcedMonotonic) {
    fix.minBucket = 0;
    fix.maxBucket = 0;
  }
  return fix;
}

/** Go's sort.Search: the binary search matters when NaN counts make the predicate non-monotonic. */
function searchFirst(n: number, predicate: (i: number) => boolean): number {
  let low = 0;
  let high = n;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (!predicate(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

const noFix = { forcedMonotonic: false, fixedPrecision: false, minBucket: 0, maxBucket: 0, maxDiff: 0 };

/**
 * histogram_quantile on one classic histogram: linear interpolation inside the bucket holding the
 * rank; the lowest bucket starts at 0 when its bound is positive; a rank in the +Inf bucket gives
 * the second-highest bound. NaN without a +Inf bucket, with < 2 buckets or no observations.
 * φ < 0 → -Inf, φ > 1 → +Inf, NaN φ → NaN. The input is not modified.
 */
export function bucketQuantile(phi: number, input: readonly ClassicBucket[]): BucketQuantileResult {
  if (Number.isNaN(phi)) return { value: NaN, ...noFix };
  if (phi < 0) return { value: -Infinity, ...noFix };
  if (phi > 1) return { value: Infinity, ...noFix };
  if (input.length === 0) return { value: NaN, ...noFix };
  const buckets = sortedCoalesced(input);
  if (buckets[buckets.length - 1]!.upperBound !== Infinity) return { value: NaN, ...noFix };
  const fix = ensureMonotonic(buckets);
  if (buckets.length < 2) return { value: NaN, ...noFix };
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return { value: NaN, ...noFix };

  let rank = phi * observations;
  const b = searchFirst(buckets.length - 1, (i) => buckets[i]!.count >= rank);

  if (b === buckets.length - 1) return { value: buckets[buckets.length - 2]!.upperBound, ...fix };
  if (b === 0 && buckets[0]!.upperBound <= 0) return { value: buckets[0]!.upperBound, ...fix };
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return { value: bucketStart + (bucketEnd - bucketStart) * (rank / count), ...fix };
}

/**
 * histogram_fraction on one classic histogram: the share of observations in (lower, upper],
 * interpolating linearly inside buckets; the lowest bucket starts at 0 when its bound is positive
 * (else at -Inf, where no interpolation is possible). NaN without a +Inf bucket, without
 * observations or with a NaN bound; 0 when lower >= upper.
 */
export function bucketFraction(lower: number, upper: number, input: readonly ClassicBucket[]): number {
  if (input.length === 0) return NaN;
  const buckets = sortedCoalesced(input);
  if (buckets[buckets.length - 1]!.upperBound !== Infinity) return NaN;
  const total = buckets[buckets.length - 1]!.count;
  if (total === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;

  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  let lowerBound = buckets[0]!.upperBound <= 0 ? -Infinity : 0;
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    if (i > 0) lowerBound = buckets[i - 1]!.upperBound;
    const upperBound = bucket.upperBound;
    // Counts are cumulative, so the bucket's own weight is count - rank.
    const interpolate = (at: number): number =>
      lowerBound === -Infinity ? bucket.count : rank + ((bucket.count - rank) * (at - lowerBound)) / (upperBound - lowerBound);

    if (!lowerSet && lowerBound >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lowerBound >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lowerBound < lower && upperBound > lower) {
      lowerRank = interpolate(lower);
      lowerSet = true;
    }
    if (!upperSet && lowerBound < upper && upperBound > upper) {
      upperRank = interpolate(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = bucket.count;
  }
  if (!lowerSet || lowerRank > total) lowerRank = total;
  if (!upperSet || upperRank > total) upperRank = total;
  return (upperRank - lowerRank) / total;
}

function forMetricName(metricName: string | undefined): string {
  return metricName ? ` for metric name ${JSON.stringify(metricName)}` : '';
}

/**
 * Prometheus's info text when bucketQuantile had to force monotonicity; the engine appends the
 * position. Prometheus 3 names the metric only with delayed name removal, so pass it only then.
 */
export function histogramQuantileForcedMonotonicityInfo(metricName?: string): string {
  return `PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)${forMetricName(metricName)}`;
}

/** Prometheus's warning for a bucket series whose `le` label is missing or not a float. */
export function badBucketLabelWarning(le: string, metricName?: string): string {
  return `PromQL warning: bucket label "le" is missing or has a malformed value of ${JSON.stringify(le)}${forMetricName(metricName)}`;
}
