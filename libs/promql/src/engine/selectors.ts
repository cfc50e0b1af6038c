import type { MatrixSelector, VectorSelector } from '../ast.js';
import type { StoredSeries } from '../storage/storage.js';
import type { EvalContext } from './context.js';
import { gridTime, type InstantSeries, type MatrixValue, type RangeSeries, type StepGrid } from './types.js';

/** Per step, the time a selector reads at: the step (or its `@` time) minus the offset. */
export function selectorTimes(ctx: EvalContext, grid: StepGrid, selector: VectorSelector): Float64Array {
  const times = new Float64Array(grid.count);
  const at = ctx.resolveAt(selector.at);
  for (let i = 0; i < grid.count; i++) times[i] = (at ?? gridTime(grid, i)) - selector.offset;
  return times;
}

/** One storage read per selector node, covering every step's window (left-open, hence the +1). */
function fetch(ctx: EvalContext, selector: VectorSelector, times: Float64Array, window: number): StoredSeries[] {
  if (times.length === 0) return [];
  const minT = times[0]! - window + 1;
  const maxT = times[times.length - 1]!;
  return Array.from(ctx.storage.select(selector.matchers, minT, maxT));
}

/**
 * An instant selector: at each step the latest sample in (t - lookback, t], nothing when that sample
 * is a staleness marker. With `sampleTimes` the value is the sample's own timestamp in seconds,
 * which is what `timestamp(selector)` returns.
 */
export function evalVectorSelector(
  ctx: EvalContext,
  grid: StepGrid,
  selector: VectorSelector,
  sampleTimes = false,
): InstantSeries[] {
  const times = selectorTimes(ctx, grid, selector);
  const lookback = ctx.settings.lookbackDeltaMs;
  const out: InstantSeries[] = [];
  let held = 0;
  for (const stored of fetch(ctx, selector, times, lookback)) {
    const { t, v, stale } = stored;
    const n = t.length;
    const values = new Float64Array(grid.count);
    const present = new Uint8Array(grid.count);
    let count = 0;
    let next = 0;
    for (let i = 0; i < grid.count; i++) {
      const time = times[i]!;
      while (next < n && t[next]! <= time) next++;
      const at = next - 1;
      if (at < 0 || t[at]! <= time - lookback || (stale !== undefined && stale[at])) continue;
      values[i] = sampleTimes ? t[at]! / 1000 : v[at]!;
      present[i] = 1;
      count++;
    }
    if (count > 0) {
      out.push({ labels: stored.labels, values, present });
      held += count;
    }
  }
  ctx.hold(held);
  return out;
}

/** A range selector as a function argument: shared sample arrays plus each step's window end. */
export function evalMatrixSelector(ctx: EvalContext, grid: StepGrid, node: MatrixSelector): MatrixValue {
  const windowEnds = selectorTimes(ctx, grid, node.vector);
  const series: RangeSeries[] = [];
  let held = 0;
  for (const stored of fetch(ctx, node.vector, windowEnds, node.range)) {
    const withoutStale = dropStaleMarkers(stored);
    if (withoutStale.t.length === 0) continue;
    series.push(withoutStale);
    held += withoutStale.t.length;
  }
  ctx.hold(held);
  return { type: 'matrix', series, range: node.range, windowEnds };
}

/** Range vectors never contain staleness markers; copy only the rare series that has some. */
function dropStaleMarkers(stored: StoredSeries): RangeSeries {
  const { stale } = stored;
  if (stale === undefined) return stored;
  let markers = 0;
  for (let i = 0; i < stale.length; i++) if (stale[i]) markers++;
  if (markers === 0) return stored;
  const n = stored.t.length - markers;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < stored.t.length; i++) {
    if (stale[i]) continue;
    t[k] = stored.t[i]!;
    v[k] = stored.v[i]!;
    k++;
  }
  return { labels: stored.labels, t, v };
}
