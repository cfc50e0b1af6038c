export interface ClassicBucket {
  upperBound: number;
  count: number;
}

export interface BucketQuantileResult {
  value: number;
  /** True when counts were not monotonic and had to be fixed (drives Prometheus's info annotation). */
  forcedMonotonic: boolean;
}

export function bucketQuantile(phi: number, buckets: ClassicBucket[]): BucketQuantileResult {
  void phi;
  void buckets;
  return { value: NaN, forcedMonotonic: false };
}

export function bucketFraction(lower: number, upper: number, buckets: ClassicBucket[]): number {
  void lower;
  void upper;
  void buckets;
  return NaN;
}

/** Parses an `le` label value (`+Inf`, `0.5`, `1e3`); NaN when it is not a float. */
export function parseBucketBound(le: string): number {
  return Number(le);
}
