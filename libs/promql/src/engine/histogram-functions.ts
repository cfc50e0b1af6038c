import type { Call } from '../ast.js';
import { formatGoFloat } from '../functions/go-format.js';
import {
  badBucketLabelWarning,
  bucketFraction,
  bucketQuantile,
  histogramQuantileForcedMonotonicityInfo,
  parseBucketBound,
  type ClassicBucket,
} from '../functions/histogram-quantile.js';
import { METRIC_NAME, type Labels } from '../labels.js';
import type { Evaluator } from './evaluator.js';
import { OutputBuilder } from './output-builder.js';
import type { EvalValue, InstantSeries } from './types.js';

interface BucketSeries {
  series: InstantSeries;
  upperBound: number;
}

interface HistogramGroup {
  outIndex: number;
  members: BucketSeries[];
}

/**
 * Groups classic bucket series by their labels without `le` (the name still separates groups, as in
 * Prometheus, and is dropped from the output). Series with a malformed `le` are warned about and skipped.
 */
function groupBuckets(ev: Evaluator, call: Call, input: InstantSeries[], out: OutputBuilder): HistogramGroup[] {
  const byKey = new Map<string, HistogramGroup>();
  const vectorPos = call.args[call.args.length - 1]!.pos;
  for (const series of input) {
    const le = series.labels['le'] ?? '';
    const upperBound = parseBucketBound(le);
    if (Number.isNaN(upperBound) && !/^[+-]?nan$/i.test(le)) {
      ev.ctx.annotations.add('warning', badBucketLabelWarning(le, series.labels[METRIC_NAME]), vectorPos);
      continue;
    }
    const rest: Record<string, string> = { ...series.labels };
    delete rest['le'];
    const key = JSON.stringify(Object.entries(rest).sort());
    let group = byKey.get(key);
    if (group === undefined) {
      delete rest[METRIC_NAME];
      group = { outIndex: out.indexFor(rest as Labels), members: [] };
      byKey.set(key, group);
    }
    group.members.push({ series, upperBound });
  }
  return [...byKey.values()];
}

function bucketsAt(group: HistogramGroup, step: number): ClassicBucket[] {
  const buckets: ClassicBucket[] = [];
  for (const { series, upperBound } of group.members) {
    if (series.present[step]) buckets.push({ upperBound, count: series.values[step]! });
  }
  return buckets;
}

export function evalHistogramQuantile(ev: Evaluator, call: Call): EvalValue {
  const phi = ev.evalScalar(call.args[0]!);
  const input = ev.evalVector(call.args[1]!);
  const steps = ev.grid.count;
  const out = new OutputBuilder(steps);
  const groups = groupBuckets(ev, call, input, out);
  const annotations = ev.ctx.annotations;
  for (let i = 0; i < steps; i++) {
    const q = phi[i]!;
    if (Number.isNaN(q) || q < 0 || q > 1) {
      annotations.warn(`quantile value should be between 0 and 1, got ${formatGoFloat(q)}`, call.args[0]!.pos);
    }
    for (const group of groups) {
      const buckets = bucketsAt(group, i);
      if (buckets.length === 0) continue;
      const result = bucketQuantile(q, buckets);
      if (result.forcedMonotonic) {
        const name = group.members[0]!.series.labels[METRIC_NAME];
        annotations.add('info', histogramQuantileForcedMonotonicityInfo(name), call.args[1]!.pos);
      }
      out.set(group.outIndex, i, result.value);
    }
  }
  return { type: 'vector', series: out.result() };
}

export function evalHistogramFraction(ev: Evaluator, call: Call): EvalValue {
  const lower = ev.evalScalar(call.args[0]!);
  const upper = ev.evalScalar(call.args[1]!);
  const input = ev.evalVector(call.args[2]!);
  const steps = ev.grid.count;
  const out = new OutputBuilder(steps);
  const groups = groupBuckets(ev, call, input, out);
  for (let i = 0; i < steps; i++) {
    for (const group of groups) {
      const buckets = bucketsAt(group, i);
      if (buckets.length === 0) continue;
      out.set(group.outIndex, i, bucketFraction(lower[i]!, upper[i]!, buckets));
    }
  }
  return { type: 'vector', series: out.result() };
}
