import type { LabelMatcher } from '../ast.js';
import type { Labels } from '../labels.js';

/**
 * The samples of one series within a requested time range, column-wise so a store can hand out
 * views of its own arrays without copying. Timestamps are ascending integer ms.
 */
export interface StoredSeries {
  readonly labels: Labels;
  readonly t: ArrayLike<number>;
  readonly v: ArrayLike<number>;
  /**
   * Non-zero where the sample is a staleness marker (Prometheus's StaleNaN, which a JS number
   * cannot carry). Omitted when the series has no markers in range. `v` is NaN at those indexes.
   */
  readonly stale?: ArrayLike<number>;
}

/** The read side the engine needs; both the scrape store and the test store implement it. */
export interface Queryable {
  /** Every series matching all matchers that has at least one sample in [minT, maxT]. */
  select(matchers: readonly LabelMatcher[], minT: number, maxT: number): Iterable<StoredSeries>;
  /** Label names of series matching the matchers (all series when empty), sorted. */
  labelNames(matchers: readonly LabelMatcher[], minT: number, maxT: number): string[];
  /** Values of a label over series matching the matchers, sorted. */
  labelValues(name: string, matchers: readonly LabelMatcher[], minT: number, maxT: number): string[];
}

/** The write side: the scraper, the rules manager (recording rules, ALERTS) and test loaders use it. */
export interface Appendable {
  append(labels: Labels, t: number, v: number): void;
  /** Writes a staleness marker: the series ends at `t` for instant queries. */
  appendStale(labels: Labels, t: number): void;
}
