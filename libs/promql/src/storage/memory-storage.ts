import type { LabelMatcher } from '../ast.js';
import { labelsKey, type Labels } from '../labels.js';
import { labelsMatch } from './label-matching.js';
import { Postings } from './postings.js';
import { BYTES_PER_SAMPLE_SLOT, SeriesColumns } from './series-columns.js';
import type { Appendable, Queryable, StoredSeries } from './storage.js';

export interface MemoryStorageOptions {
  /** Samples older than the newest sample minus this are dropped (and refused). Default: keep all. */
  retentionMs?: number;
  /** New series beyond this many are refused. Default: no cap. */
  maxSeries?: number;
}

/** Why an append was refused, as Prometheus's TSDB words it where it has a word for it. */
export type AppendRejection = 'out_of_order' | 'duplicate_timestamp' | 'series_limit' | 'too_old';

export type AppendOutcome = 'appended' | 'duplicate_ignored' | AppendRejection;

export const APPEND_REJECTION_MESSAGES: Readonly<Record<AppendRejection, string>> = {
  out_of_order: 'out of order sample',
  duplicate_timestamp: 'duplicate sample for timestamp',
  series_limit: 'per-store series limit exceeded',
  too_old: 'out of bounds',
};

export interface MemoryStorageStats {
  series: number;
  samples: number;
  /** Estimate of the heap held: sample columns (allocated capacity), label strings and index. */
  bytes: number;
  rejected: Record<AppendRejection, number>;
  limits: { retentionMs: number; maxSeries: number };
}

/** Rough per-series cost of the object, maps and postings entries besides its columns. */
const SERIES_OVERHEAD_BYTES = 200;
const LABEL_OVERHEAD_BYTES = 96;

/**
 * The in-memory time-series store of a stack (fed by the scraper and the rules manager) and of
 * the PromQL tests. Memory is bounded by `maxSeries × (retention / scrape interval)` samples of
 * 17 bytes each (plus up to 2× slack from array doubling) when both limits are set.
 */
export class MemoryStorage implements Queryable, Appendable {
  readonly retentionMs: number;
  readonly maxSeries: number;
  private readonly byKey = new Map<string, SeriesColumns>();
  private readonly byId = new Map<number, SeriesColumns>();
  private readonly postings = new Postings();
  private nextId = 1;
  private newestT = -Infinity;
  private lastCompactT = -Infinity;
  private rejectedCounts: Record<AppendRejection, number> = emptyRejections();

  constructor(options: MemoryStorageOptions = {}) {
    this.retentionMs = options.retentionMs ?? Infinity;
    this.maxSeries = options.maxSeries ?? Infinity;
  }

  get seriesCount(): number {
    return this.byId.size;
  }

  append(labels: Labels, t: number, v: number): AppendOutcome {
    return this.write(labels, t, v, false);
  }

  appendStale(labels: Labels, t: number): AppendOutcome {
    return this.write(labels, t, NaN, true);
  }

  select(matchers: readonly LabelMatcher[], minT: number, maxT: number): StoredSeries[] {
    const result: StoredSeries[] = [];
    for (const series of this.matching(matchers)) {
      const view = series.view(minT, maxT);
      if (view) result.push(view);
    }
    return result;
  }

  /** Label sets of the matching series with samples in [minT, maxT] (the /series API). */
  series(matchers: readonly LabelMatcher[], minT: number, maxT: number): Labels[] {
    const result: Labels[] = [];
    for (const series of this.matching(matchers)) {
      if (series.hasSamplesIn(minT, maxT)) result.push(series.labels);
    }
    return result;
  }

  labelNames(matchers: readonly LabelMatcher[], minT: number, maxT: number): string[] {
    const names = new Set<string>();
    for (const labels of this.series(matchers, minT, maxT)) {
      for (const name of Object.keys(labels)) names.add(name);
    }
    return [...names].sort();
  }

  labelValues(name: string, matchers: readonly LabelMatcher[], minT: number, maxT: number): string[] {
    const values = new Set<string>();
    if (matchers.length === 0) {
      // Straight from the index: only check that some series with the value has data in range.
      for (const [value, ids] of this.postings.values(name) ?? []) {
        for (const id of ids) {
          if (this.byId.get(id)!.hasSamplesIn(minT, maxT)) {
            values.add(value);
            break;
          }
        }
      }
    } else {
      for (const labels of this.series(matchers, minT, maxT)) {
        const value = labels[name];
        if (value !== undefined && value !== '') values.add(value);
      }
    }
    return [...values].sort();
  }

  /** Drops samples older than `nowMs − retention` and the series left without samples. */
  compact(nowMs: number = this.newestT): void {
    this.lastCompactT = nowMs;
    if (!Number.isFinite(this.retentionMs)) return;
    const cutoff = nowMs - this.retentionMs;
    for (const series of [...this.byId.values()]) {
      series.dropBefore(cutoff);
      if (series.length === 0) this.removeSeries(series);
    }
  }

  clear(): void {
    this.byKey.clear();
    this.byId.clear();
    this.postings.clear();
    this.newestT = -Infinity;
    this.lastCompactT = -Infinity;
    this.rejectedCounts = emptyRejections();
  }

  stats(): MemoryStorageStats {
    let samples = 0;
    let bytes = 0;
    for (const series of this.byId.values()) {
      samples += series.length;
      bytes += series.capacity * BYTES_PER_SAMPLE_SLOT + SERIES_OVERHEAD_BYTES;
      for (const [name, value] of Object.entries(series.labels)) {
        bytes += 2 * (name.length + value.length) + LABEL_OVERHEAD_BYTES;
      }
    }
    return {
      series: this.byId.size,
      samples,
      bytes,
      rejected: { ...this.rejectedCounts },
      limits: { retentionMs: this.retentionMs, maxSeries: this.maxSeries },
    };
  }

  private write(labels: Labels, t: number, v: number, isStale: boolean): AppendOutcome {
    if (t < this.newestT - this.retentionMs) return this.reject('too_old');
    const stored = withoutEmptyValues(labels);
    const key = labelsKey(stored);
    let series = this.byKey.get(key);
    if (!series) {
      if (this.byId.size >= this.maxSeries) return this.reject('series_limit');
      series = new SeriesColumns(this.nextId++, stored);
      this.byKey.set(key, series);
      this.byId.set(series.id, series);
      this.postings.add(series.id, series.labels);
    }
    const outcome = series.append(t, v, isStale);
    if (outcome === 'out_of_order' || outcome === 'duplicate_timestamp') return this.reject(outcome);
    if (outcome === 'appended' && t > this.newestT) {
      this.newestT = t;
      this.compactWhenDue();
    }
    return outcome;
  }

  /** Amortised retention: one pass every tenth of the retention window of data time. */
  private compactWhenDue(): void {
    if (!Number.isFinite(this.retentionMs)) return;
    if (this.lastCompactT === -Infinity) this.lastCompactT = this.newestT;
    if (this.newestT - this.lastCompactT >= Math.max(1000, this.retentionMs / 10)) this.compact(this.newestT);
  }

  private reject(reason: AppendRejection): AppendRejection {
    this.rejectedCounts[reason]++;
    return reason;
  }

  private *matching(matchers: readonly LabelMatcher[]): Iterable<SeriesColumns> {
    const candidates = this.postings.candidates(matchers);
    if (candidates === null) {
      for (const series of this.byId.values()) if (labelsMatch(matchers, series.labels)) yield series;
      return;
    }
    for (const id of candidates) {
      const series = this.byId.get(id)!;
      if (labelsMatch(matchers, series.labels)) yield series;
    }
  }

  private removeSeries(series: SeriesColumns): void {
    this.byKey.delete(labelsKey(series.labels));
    this.byId.delete(series.id);
    this.postings.remove(series.id, series.labels);
  }
}

/** A label with an empty value is the same as no label (Prometheus drops them). */
function withoutEmptyValues(labels: Labels): Labels {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) if (value !== '') copy[name] = value;
  return copy;
}

function emptyRejections(): Record<AppendRejection, number> {
  return { out_of_order: 0, duplicate_timestamp: 0, series_limit: 0, too_old: 0 };
}
