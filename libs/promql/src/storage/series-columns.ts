import type { Labels } from '../labels.js';
import type { StoredSeries } from './storage.js';

const INITIAL_CAPACITY = 16;
/** Timestamp + value + stale flag. */
export const BYTES_PER_SAMPLE_SLOT = 8 + 8 + 1;

export type ColumnAppendOutcome = 'appended' | 'duplicate_ignored' | 'out_of_order' | 'duplicate_timestamp';

/**
 * The samples of one series in growable typed arrays. Live samples are `[start, end)`. Nothing
 * below `end` is ever written again: dropping old samples only moves `start`, growing copies into
 * a fresh buffer. That is what makes the views handed out by `view` safe to keep while appends and
 * compaction go on.
 */
export class SeriesColumns {
  private t = new Float64Array(INITIAL_CAPACITY);
  private v = new Float64Array(INITIAL_CAPACITY);
  private stale = new Uint8Array(INITIAL_CAPACITY);
  private start = 0;
  private end = 0;
  /** Markers among the live samples, so queries skip the stale scan for the usual series without any. */
  private staleCount = 0;

  constructor(
    readonly id: number,
    readonly labels: Labels,
  ) {}

  get length(): number {
    return this.end - this.start;
  }

  get capacity(): number {
    return this.t.length;
  }

  get minTime(): number {
    return this.length > 0 ? this.t[this.start]! : Infinity;
  }

  get maxTime(): number {
    return this.length > 0 ? this.t[this.end - 1]! : -Infinity;
  }

  append(t: number, v: number, isStale: boolean): ColumnAppendOutcome {
    if (this.length > 0) {
      const lastT = this.t[this.end - 1]!;
      if (t < lastT) return 'out_of_order';
      if (t === lastT) {
        const lastStale = this.stale[this.end - 1] === 1;
        const sameValue = isStale ? lastStale : !lastStale && sameBits(this.v[this.end - 1]!, v);
        return sameValue ? 'duplicate_ignored' : 'duplicate_timestamp';
      }
    }
    if (this.end === this.t.length) this.grow();
    this.t[this.end] = t;
    this.v[this.end] = isStale ? NaN : v;
    this.stale[this.end] = isStale ? 1 : 0;
    if (isStale) this.staleCount++;
    this.end++;
    return 'appended';
  }

  /** Drops samples with t < minT; returns how many were dropped. */
  dropBefore(minT: number): number {
    const cut = this.lowerBound(minT);
    const dropped = cut - this.start;
    if (dropped === 0) return 0;
    if (this.staleCount > 0) {
      for (let i = this.start; i < cut; i++) this.staleCount -= this.stale[i]!;
    }
    this.start = cut;
    // Give the dead prefix back once it is most of the buffer.
    if (this.start > this.t.length / 2) this.reallocate(Math.max(INITIAL_CAPACITY, this.length * 2));
    return dropped;
  }

  hasSamplesIn(minT: number, maxT: number): boolean {
    const lo = this.lowerBound(minT);
    return lo < this.end && this.t[lo]! <= maxT;
  }

  /** The samples in [minT, maxT] as views of the columns (no copy), or null when there are none. */
  view(minT: number, maxT: number): StoredSeries | null {
    const lo = this.lowerBound(minT);
    const hi = this.upperBound(maxT);
    if (hi <= lo) return null;
    const t = this.t.subarray(lo, hi);
    const v = this.v.subarray(lo, hi);
    if (this.staleCount > 0) {
      const stale = this.stale.subarray(lo, hi);
      if (stale.indexOf(1) !== -1) return { labels: this.labels, t, v, stale };
    }
    return { labels: this.labels, t, v };
  }

  /** First live index with t >= minT. */
  private lowerBound(minT: number): number {
    let lo = this.start;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.t[mid]! < minT) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First live index with t > maxT. */
  private upperBound(maxT: number): number {
    let lo = this.start;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.t[mid]! <= maxT) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    this.reallocate(Math.max(INITIAL_CAPACITY, this.length * 2));
  }

  private reallocate(capacity: number): void {
    const t = new Float64Array(capacity);
    const v = new Float64Array(capacity);
    const stale = new Uint8Array(capacity);
    t.set(this.t.subarray(this.start, this.end));
    v.set(this.v.subarray(this.start, this.end));
    stale.set(this.stale.subarray(this.start, this.end));
    this.end -= this.start;
    this.start = 0;
    this.t = t;
    this.v = v;
    this.stale = stale;
  }
}

const bitsA = new Float64Array(1);
const bitsB = new Float64Array(1);
const wordsA = new Uint32Array(bitsA.buffer);
const wordsB = new Uint32Array(bitsB.buffer);

/** Prometheus compares sample values bit for bit when deciding "same sample again". */
function sameBits(a: number, b: number): boolean {
  bitsA[0] = a;
  bitsB[0] = b;
  return wordsA[0] === wordsB[0] && wordsA[1] === wordsB[1];
}
