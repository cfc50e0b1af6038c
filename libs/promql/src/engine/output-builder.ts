import { labelsKey, type Labels } from '../labels.js';
import { PromqlError } from '../errors.js';
import { newSeries, type InstantSeries } from './types.js';

export const DUPLICATE_LABELSET = 'vector cannot contain metrics with the same labelset';

/**
 * Collects output samples into one series per distinct label set, the way Prometheus's rangeEval
 * merges the per-step vectors: the same label set at different steps is one series, the same label
 * set twice at one step is an error.
 */
export class OutputBuilder {
  readonly series: InstantSeries[] = [];
  private readonly indexByKey = new Map<string, number>();

  constructor(private readonly stepCount: number) {}

  /** The output index for a label set, created on first use (call once per distinct input, then cache). */
  indexFor(labels: Labels, key = labelsKey(labels)): number {
    let index = this.indexByKey.get(key);
    if (index === undefined) {
      index = this.series.length;
      this.series.push(newSeries(labels, this.stepCount));
      this.indexByKey.set(key, index);
    }
    return index;
  }

  /** Returns false when the series already has a sample at this step (the caller decides the error). */
  trySet(index: number, step: number, value: number): boolean {
    const series = this.series[index]!;
    if (series.present[step]) return false;
    series.present[step] = 1;
    series.values[step] = value;
    return true;
  }

  set(index: number, step: number, value: number): void {
    if (!this.trySet(index, step, value)) throw new PromqlError(DUPLICATE_LABELSET);
  }

  /** The series with at least one sample, in first-seen order. */
  result(): InstantSeries[] {
    return this.series.filter(hasSamples);
  }
}

export function hasSamples(series: InstantSeries): boolean {
  const present = series.present;
  for (let i = 0; i < present.length; i++) if (present[i]) return true;
  return false;
}

export function countSamples(series: readonly InstantSeries[]): number {
  let total = 0;
  for (const s of series) {
    const present = s.present;
    for (let i = 0; i < present.length; i++) total += present[i]!;
  }
  return total;
}
