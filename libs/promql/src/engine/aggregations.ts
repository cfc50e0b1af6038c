import type { AggregateExpr } from '../ast.js';
import { PromqlError } from '../errors.js';
import { formatGoFloat } from '../functions/go-format.js';
import { kahanSumInc, MeanAccumulator, quantile, VarianceAccumulator } from '../functions/aggregation-math.js';
import { labelsKey, type Labels } from '../labels.js';
import type { Evaluator } from './evaluator.js';
import { formatFloatPlain, isValidLabelName } from './format.js';
import { assignGroups, groupingLabels } from './grouping.js';
import { OutputBuilder } from './output-builder.js';
import { evalSelection } from './selection.js';
import { newSeries, type EvalValue, type InstantSeries } from './types.js';

export function evalAggregate(ev: Evaluator, expr: AggregateExpr): EvalValue {
  switch (expr.op) {
    case 'count_values':
      return countValues(ev, expr);
    case 'topk':
    case 'bottomk':
    case 'limitk':
    case 'limit_ratio':
      return evalSelection(ev, expr);
    default:
      return reduce(ev, expr);
  }
}

/** sum avg min max count group stddev stdvar quantile: one output series per group. */
function reduce(ev: Evaluator, expr: AggregateExpr): EvalValue {
  const phi = expr.op === 'quantile' && expr.param ? ev.evalScalar(expr.param) : null;
  const input = ev.evalVector(expr.expr);
  const { groupOf, labels } = assignGroups(input, expr);
  const steps = ev.grid.count;
  const groupCount = labels.length;
  const out: InstantSeries[] = labels.map((l) => newSeries(l, steps));
  const seen = new Uint8Array(groupCount);
  const acc = new Float64Array(groupCount);
  const comp = new Float64Array(groupCount);
  const objects: (MeanAccumulator | VarianceAccumulator | undefined)[] = new Array(groupCount);
  const lists: number[][] = [];
  const op = expr.op;

  for (let i = 0; i < steps; i++) {
    seen.fill(0);
    if (phi !== null) {
      const q = phi[i]!;
      if (Number.isNaN(q) || q < 0 || q > 1) {
        ev.ctx.annotations.warn(`quantile value should be between 0 and 1, got ${formatGoFloat(q)}`, expr.param!.pos);
      }
    }
    for (let s = 0; s < input.length; s++) {
      const series = input[s]!;
      if (!series.present[i]) continue;
      const v = series.values[i]!;
      const g = groupOf[s]!;
      const first = seen[g] === 0;
      seen[g] = 1;
      switch (op) {
        case 'sum':
          if (first) {
            acc[g] = v;
            comp[g] = 0;
          } else {
            const next = kahanSumInc(v, acc[g]!, comp[g]!);
            acc[g] = next.sum;
            comp[g] = next.c;
          }
          break;
        case 'avg':
          if (first) objects[g] = new MeanAccumulator();
          objects[g]!.add(v);
          break;
        case 'stddev':
        case 'stdvar':
          if (first) objects[g] = new VarianceAccumulator();
          objects[g]!.add(v);
          break;
        case 'count':
          acc[g] = first ? 1 : acc[g]! + 1;
          break;
        case 'group':
          acc[g] = 1;
          break;
        case 'max':
          if (first || acc[g]! < v || Number.isNaN(acc[g]!)) acc[g] = v;
          break;
        case 'min':
          if (first || acc[g]! > v || Number.isNaN(acc[g]!)) acc[g] = v;
          break;
        case 'quantile':
          if (first) lists[g] = [];
          lists[g]!.push(v);
          break;
        default:
          throw new PromqlError(`unknown aggregation ${op}`);
      }
    }
    for (let g = 0; g < groupCount; g++) {
      if (!seen[g]) continue;
      const series = out[g]!;
      series.present[i] = 1;
      series.values[i] = finalValue(op, g, acc, comp, objects, lists, phi?.[i] ?? NaN);
    }
  }
  return { type: 'vector', series: out.filter((s) => s.present.some((p) => p === 1)) };
}

function finalValue(
  op: AggregateExpr['op'],
  g: number,
  acc: Float64Array,
  comp: Float64Array,
  objects: (MeanAccumulator | VarianceAccumulator | undefined)[],
  lists: number[][],
  phi: number,
): number {
  switch (op) {
    case 'sum':
      return acc[g]! + comp[g]!;
    case 'avg':
      return (objects[g] as MeanAccumulator).value();
    case 'stdvar':
      return (objects[g] as VarianceAccumulator).variance();
    case 'stddev':
      return (objects[g] as VarianceAccumulator).stddev();
    case 'quantile':
      return quantile(phi, lists[g]!);
    default:
      return acc[g]!;
  }
}

/** count_values: one output series per group and distinct value, the value as a label. */
function countValues(ev: Evaluator, expr: AggregateExpr): EvalValue {
  const valueLabel = ev.evalString(expr.param!);
  if (!isValidLabelName(valueLabel)) throw new PromqlError(`invalid label name ${JSON.stringify(valueLabel)}`);
  const grouping = expr.without ? expr.grouping : [...expr.grouping, valueLabel];
  const input = ev.evalVector(expr.expr);
  const steps = ev.grid.count;
  const out = new OutputBuilder(steps);
  const indexByValue = new Map<string, number>();
  const counts = new Map<number, number>();
  for (let i = 0; i < steps; i++) {
    counts.clear();
    for (let s = 0; s < input.length; s++) {
      const series = input[s]!;
      if (!series.present[i]) continue;
      const text = formatFloatPlain(series.values[i]!);
      const cacheKey = `${s}\u0000${text}`;
      let index = indexByValue.get(cacheKey);
      if (index === undefined) {
        const withValue: Labels = { ...series.labels, [valueLabel]: text };
        const labels = groupingLabels(withValue, grouping, expr.without);
        index = out.indexFor(labels, labelsKey(labels));
        indexByValue.set(cacheKey, index);
      }
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    for (const [index, count] of counts) out.set(index, i, count);
  }
  return { type: 'vector', series: out.result() };
}
