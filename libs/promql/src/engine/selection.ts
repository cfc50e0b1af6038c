import type { AggregateExpr } from '../ast.js';
import { PromqlError } from '../errors.js';
import { formatGoFloat } from '../functions/go-format.js';
import { labelsKey } from '../labels.js';
import type { Evaluator } from './evaluator.js';
import { assignGroups } from './grouping.js';
import { OutputBuilder } from './output-builder.js';
import type { EvalValue, InstantSeries } from './types.js';

const MAX_INT64 = 9223372036854774784;
const MIN_INT64 = -9223372036854775808;

/** True when `a` ranks below `b` for topk (NaN lowest); for bottomk the order of numbers flips. */
function ranksBelow(a: number, b: number, bottom: boolean): boolean {
  if (Number.isNaN(a)) return !Number.isNaN(b);
  if (Number.isNaN(b)) return false;
  return bottom ? a > b : a < b;
}

/** A bounded heap of series indexes whose root is the worst kept candidate. */
class CandidateHeap {
  readonly items: number[] = [];
  constructor(
    private readonly values: (index: number) => number,
    private readonly bottom: boolean,
  ) {}

  private worse(a: number, b: number): boolean {
    return ranksBelow(this.values(this.items[a]!), this.values(this.items[b]!), this.bottom);
  }

  offer(index: number, k: number): void {
    const items = this.items;
    if (items.length < k) {
      items.push(index);
      let child = items.length - 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (!this.worse(child, parent)) break;
        [items[child], items[parent]] = [items[parent]!, items[child]!];
        child = parent;
      }
      return;
    }
    if (!ranksBelow(this.values(items[0]!), this.values(index), this.bottom)) return;
    items[0] = index;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let worst = parent;
      if (left < items.length && this.worse(left, worst)) worst = left;
      if (right < items.length && this.worse(right, worst)) worst = right;
      if (worst === parent) break;
      [items[parent], items[worst]] = [items[worst]!, items[parent]!];
      parent = worst;
    }
  }

  /** Best first: descending for topk, ascending for bottomk, NaN last. */
  sorted(): number[] {
    return [...this.items].sort((a, b) => {
      const va = this.values(a);
      const vb = this.values(b);
      if (ranksBelow(vb, va, this.bottom)) return -1;
      if (ranksBelow(va, vb, this.bottom)) return 1;
      return 0;
    });
  }
}

function stepK(param: number): number {
  if (Number.isNaN(param)) throw new PromqlError('Parameter value is NaN');
  if (param > MAX_INT64 || param < MIN_INT64) throw new PromqlError(`Scalar value ${formatGoFloat(param)} overflows int64`);
  return Math.trunc(param);
}

/** A stable pseudo-random position in [0, 1) per label set, so limit_ratio keeps the same series. */
function ratioOffset(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return ((a >>> 0) * 2 ** 21 + ((b >>> 0) >>> 11)) / 2 ** 53;
}

/**
 * topk/bottomk/limitk/limit_ratio: input samples keep their labels (name included). Output order is
 * Prometheus's instant order: groups by first appearance, best first within a group.
 */
export function evalSelection(ev: Evaluator, expr: AggregateExpr): EvalValue {
  const params = ev.evalScalar(expr.param!);
  const input = ev.evalVector(expr.expr);
  const { groupOf, labels } = assignGroups(input, expr);
  const steps = ev.grid.count;
  const out = new OutputBuilder(steps);
  const outIndex = new Int32Array(input.length).fill(-1);
  const emit = (s: number, step: number): void => {
    if (outIndex[s] === -1) outIndex[s] = out.indexFor(input[s]!.labels);
    out.set(outIndex[s]!, step, input[s]!.values[step]!);
  };
  const ratioOffsets = expr.op === 'limit_ratio' ? input.map((s) => ratioOffset(labelsKey(s.labels))) : [];

  for (let i = 0; i < steps; i++) {
    const param = params[i]!;
    if (expr.op === 'limit_ratio') {
      const ratio = stepRatio(ev, expr, param);
      if (ratio === 0) continue;
      for (let s = 0; s < input.length; s++) {
        if (!input[s]!.present[i]) continue;
        const offset = ratioOffsets[s]!;
        if ((ratio >= 0 && offset < ratio) || (ratio < 0 && offset >= 1 + ratio)) emit(s, i);
      }
      continue;
    }
    let k = stepK(param);
    if (k > input.length) k = input.length;
    if (k < 1) continue;
    if (expr.op === 'limitk') {
      const taken = new Int32Array(labels.length);
      for (let s = 0; s < input.length; s++) {
        if (!input[s]!.present[i] || taken[groupOf[s]!]! >= k) continue;
        taken[groupOf[s]!]!++;
        emit(s, i);
      }
      continue;
    }
    selectTopOrBottom(input, groupOf, labels.length, i, k, expr.op === 'bottomk').forEach((s) => emit(s, i));
  }
  return { type: 'vector', series: out.result() };
}

function selectTopOrBottom(
  input: InstantSeries[],
  groupOf: Int32Array,
  groupCount: number,
  step: number,
  k: number,
  bottom: boolean,
): number[] {
  const value = (s: number): number => input[s]!.values[step]!;
  const heaps: (CandidateHeap | undefined)[] = new Array(groupCount);
  const order: number[] = [];
  for (let s = 0; s < input.length; s++) {
    if (!input[s]!.present[step]) continue;
    const g = groupOf[s]!;
    let heap = heaps[g];
    if (heap === undefined) {
      heap = heaps[g] = new CandidateHeap(value, bottom);
      order.push(g);
    }
    heap.offer(s, k);
  }
  return order.flatMap((g) => heaps[g]!.sorted());
}

function stepRatio(ev: Evaluator, expr: AggregateExpr, param: number): number {
  if (Number.isNaN(param)) throw new PromqlError('Ratio value is NaN');
  if (param < -1 || param > 1) {
    const capped = param < -1 ? -1 : 1;
    ev.ctx.annotations.warn(
      `ratio value should be between -1 and 1, got ${formatGoFloat(param)}, capping to ${formatGoFloat(capped)}`,
      expr.param!.pos,
    );
    return capped;
  }
  return param;
}
