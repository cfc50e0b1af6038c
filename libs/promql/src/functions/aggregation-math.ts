/** A Kahan-compensated running sum; the value is sum + c. */
export interface KahanSum {
  sum: number;
  c: number;
}

/**
 * One step of Neumaier's variant of Kahan summation, in Prometheus's arithmetic order so results
 * match bit for bit. Once the sum overflows, the compensation is dropped (it would only add NaN).
 */
export function kahanSumInc(inc: number, sum: number, c: number): KahanSum {
  const t = sum + inc;
  if (t === Infinity || t === -Infinity) {
    c = 0;
  } else if (Math.abs(sum) >= Math.abs(inc)) {
    c += sum - t + inc;
  } else {
    c += inc - t + sum;
  }
  return { sum: t, c };
}

/** Kahan sum as the `sum` aggregation computes it: the first value seeds the sum. */
export class SumAccumulator {
  private sum = 0;
  private c = 0;
  private started = false;

  add(value: number): void {
    if (!this.started) {
      this.sum = value;
      this.started = true;
      return;
    }
    const next = kahanSumInc(value, this.sum, this.c);
    this.sum = next.sum;
    this.c = next.c;
  }

  value(): number {
    return this.sum + this.c;
  }
}

/**
 * Running mean as Prometheus's avg aggregation computes it: a direct Kahan sum while it stays
 * finite (more accurate), switching to an incremental mean once the sum would overflow.
 */
export class MeanAccumulator {
  count = 0;
  private sum = 0;
  private c = 0;
  private mean = 0;
  private incremental = false;

  add(value: number): void {
    this.count++;
    if (this.count === 1) {
      this.sum = value;
      this.mean = value;
      return;
    }
    if (!this.incremental) {
      const next = kahanSumInc(value, this.sum, this.c);
      if (Number.isFinite(next.sum) || Number.isNaN(next.sum)) {
        this.sum = next.sum;
        this.c = next.c;
        return;
      }
      this.incremental = true;
      this.mean = this.sum / (this.count - 1);
      this.c /= this.count - 1;
    }
    if (this.mean === Infinity || this.mean === -Infinity) {
      // Inf - Inf would turn a correct infinite mean into NaN.
      if ((value === Infinity || value === -Infinity) && this.mean > 0 === value > 0) return;
      if (Number.isFinite(value)) return;
    }
    const currentMean = this.mean + this.c;
    const next = kahanSumInc(value / this.count - currentMean / this.count, this.mean, this.c);
    this.mean = next.sum;
    this.c = next.c;
  }

  value(): number {
    if (this.count === 0) return NaN;
    if (this.incremental) return this.mean + this.c;
    return (this.sum + this.c) / this.count;
  }
}

/** Welford's running variance as Prometheus's stddev/stdvar aggregations compute it (no Kahan). */
export class VarianceAccumulator {
  count = 0;
  private mean = 0;
  private m2 = 0;

  add(value: number): void {
    this.count++;
    if (this.count === 1) {
      this.mean = value;
      this.m2 = Number.isFinite(value) ? 0 : NaN;
      return;
    }
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
  }

  /** Population variance (stdvar). */
  variance(): number {
    if (this.count === 0) return NaN;
    return this.m2 / this.count;
  }

  stddev(): number {
    return Math.sqrt(this.variance());
  }
}

/** Ascending order with NaN first, the order Prometheus's quantile sorts values into. */
export function compareNaNFirst(a: number, b: number): number {
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Prometheus's quantile over plain values (the quantile aggregation, quantile_over_time):
 * linear interpolation between the closest ranks. `values` is sorted in place.
 * Empty input or NaN φ gives NaN; φ < 0 gives -Inf; φ > 1 gives +Inf.
 */
export function quantile(phi: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(phi)) return NaN;
  if (phi < 0) return -Infinity;
  if (phi > 1) return Infinity;
  values.sort(compareNaNFirst);
  const n = values.length;
  const rank = phi * (n - 1);
  const lowerIndex = Math.max(0, Math.floor(rank));
  const upperIndex = Math.min(n - 1, lowerIndex + 1);
  const weight = rank - Math.floor(rank);
  return values[lowerIndex]! * (1 - weight) + values[upperIndex]! * weight;
}

/** Comparator for topk and sort_desc: larger first, NaN last. */
export function compareForTopK(a: number, b: number): number {
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  return a > b ? -1 : a < b ? 1 : 0;
}

/** Comparator for bottomk and sort: smaller first, NaN last. */
export function compareForBottomK(a: number, b: number): number {
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
