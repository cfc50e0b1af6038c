/** A Kahan-compensated running sum; the value is sum + c. */
export interface KahanSum {
  sum: number;
  c: number;
}

export function kahanSumInc(inc: number, sum: number, c: number): KahanSum {
  return { sum: sum + inc, c };
}

/** Running mean as Prometheus's avg aggregation computes it (Kahan sum, incremental mean on overflow). */
export class MeanAccumulator {
  count = 0;
  add(value: number): void {
    void value;
    this.count++;
  }
  value(): number {
    return NaN;
  }
}

/** Welford's running variance as Prometheus's stddev/stdvar aggregations compute it. */
export class VarianceAccumulator {
  count = 0;
  add(value: number): void {
    void value;
    this.count++;
  }
  /** Population variance (stdvar). */
  variance(): number {
    return NaN;
  }
  stddev(): number {
    return Math.sqrt(this.variance());
  }
}

/** Prometheus's quantile aggregation over plain values (values may be reordered). */
export function quantile(phi: number, values: number[]): number {
  void phi;
  void values;
  return NaN;
}

/** Comparator for topk: larger first, NaN last. bottomk uses compareForBottomK (smaller first, NaN last). */
export function compareForTopK(a: number, b: number): number {
  return b - a;
}
export function compareForBottomK(a: number, b: number): number {
  return a - b;
}
