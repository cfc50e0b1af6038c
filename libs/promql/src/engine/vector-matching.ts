import type { ArithmeticOp, BinaryExpr, VectorMatching } from '../ast.js';
import { PromqlError } from '../errors.js';
import { METRIC_NAME, type Labels } from '../labels.js';
import { arithmetic, compare, isComparison } from './binary.js';
import type { Evaluator } from './evaluator.js';
import { goLabelsString } from './format.js';
import { DUPLICATE_LABELSET, OutputBuilder } from './output-builder.js';
import type { EvalValue, InstantSeries } from './types.js';

const DEFAULT_MATCHING: VectorMatching = { card: 'one-to-one', on: false, labels: [], include: [] };

/** The join key of a series: the `on` labels, or every label but `__name__` and the `ignoring` ones. */
export function signatureFunction(matching: VectorMatching): (labels: Labels) => string {
  const names = [...matching.labels].sort();
  if (matching.on) {
    return (labels) => {
      let key = '';
      for (const name of names) {
        const value = labels[name];
        if (value !== undefined && value !== '') key += `${name}\u0000${value}\u0001`;
      }
      return key;
    };
  }
  const ignored = new Set([METRIC_NAME, ...names]);
  return (labels) => {
    let key = '';
    for (const name of Object.keys(labels).sort()) {
      if (!ignored.has(name)) key += `${name}\u0000${labels[name]}\u0001`;
    }
    return key;
  };
}

/** Interns each series' signature as a small integer so per-step bookkeeping uses typed arrays. */
function signatureIds(series: InstantSeries[], sig: (labels: Labels) => string, ids: Map<string, number>): Int32Array {
  const out = new Int32Array(series.length);
  series.forEach((s, i) => {
    const key = sig(s.labels);
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    out[i] = id;
  });
  return out;
}

function anyPresent(series: InstantSeries[], step: number): boolean {
  for (const s of series) if (s.present[step]) return true;
  return false;
}

/** `and`, `or`, `unless`: many-to-many, samples keep their own labels and values. */
export function evalSetOperation(ev: Evaluator, expr: BinaryExpr, lhs: InstantSeries[], rhs: InstantSeries[]): EvalValue {
  const sig = signatureFunction(expr.matching ?? { ...DEFAULT_MATCHING, card: 'many-to-many' });
  const ids = new Map<string, number>();
  const lhsSig = signatureIds(lhs, sig, ids);
  const rhsSig = signatureIds(rhs, sig, ids);
  const seenAt = new Int32Array(ids.size).fill(-1);
  const steps = ev.grid.count;
  const out = new OutputBuilder(steps);
  const lhsOut = lhs.map((s) => out.indexFor(s.labels));
  const rhsOut = expr.op === 'or' ? rhs.map((s) => out.indexFor(s.labels)) : [];
  for (let i = 0; i < steps; i++) {
    const marking = expr.op === 'or' ? lhs : rhs;
    const markingSig = expr.op === 'or' ? lhsSig : rhsSig;
    for (let j = 0; j < marking.length; j++) if (marking[j]!.present[i]) seenAt[markingSig[j]!] = i;
    for (let j = 0; j < lhs.length; j++) {
      const s = lhs[j]!;
      if (!s.present[i]) continue;
      const matched = seenAt[lhsSig[j]!] === i;
      if (expr.op === 'or' || (expr.op === 'and') === matched) out.set(lhsOut[j]!, i, s.values[i]!);
    }
    if (expr.op !== 'or') continue;
    for (let j = 0; j < rhs.length; j++) {
      const s = rhs[j]!;
      if (s.present[i] && seenAt[rhsSig[j]!] !== i) out.set(rhsOut[j]!, i, s.values[i]!);
    }
  }
  return { type: 'vector', series: out.result() };
}

/** The output labels of a match: Prometheus's resultMetric. */
function resultLabels(many: Labels, one: Labels, expr: BinaryExpr, matching: VectorMatching): Labels {
  const out: Record<string, string> = { ...many };
  if (!isComparison(expr.op)) delete out[METRIC_NAME];
  if (matching.card === 'one-to-one') {
    if (matching.on) {
      const keep = new Set(matching.labels);
      for (const name of Object.keys(out)) if (!keep.has(name)) delete out[name];
    } else {
      for (const name of matching.labels) delete out[name];
    }
  }
  for (const name of matching.include) {
    const value = one[name];
    if (value !== undefined && value !== '') out[name] = value;
    else delete out[name];
  }
  if (expr.returnBool) delete out[METRIC_NAME];
  return out;
}

function matchGroupLabels(labels: Labels, matching: VectorMatching): string {
  const out: Record<string, string> = {};
  if (matching.on) {
    for (const name of matching.labels) if (labels[name]) out[name] = labels[name]!;
  } else {
    const ignored = new Set(matching.labels);
    for (const [name, value] of Object.entries(labels)) if (!ignored.has(name)) out[name] = value;
  }
  return goLabelsString(out);
}

/**
 * Arithmetic and comparison between two vectors: one-to-one, many-to-one (group_left) or
 * one-to-many (group_right, handled by swapping sides and swapping operands back).
 */
export function evalVectorMatching(ev: Evaluator, expr: BinaryExpr, lhs: InstantSeries[], rhs: InstantSeries[]): EvalValue {
  const matching = expr.matching ?? DEFAULT_MATCHING;
  const swapped = matching.card === 'one-to-many';
  const many = swapped ? rhs : lhs;
  const one = swapped ? lhs : rhs;
  const sig = signatureFunction(matching);
  const ids = new Map<string, number>();
  const manySig = signatureIds(many, sig, ids);
  const oneSig = signatureIds(one, sig, ids);
  const membersBySig: number[][] = Array.from({ length: ids.size }, () => []);
  oneSig.forEach((id, j) => membersBySig[id]!.push(j));
  const ambiguousSigs = membersBySig.flatMap((members, id) => (members.length > 1 ? [id] : []));

  const steps = ev.grid.count;
  const out = new OutputBuilder(steps);
  const pairIndex = new Map<number, number>();
  const writerSig: number[] = [];
  const matchedAt = new Int32Array(ids.size).fill(-1);
  const comparison = isComparison(expr.op);

  for (let i = 0; i < steps; i++) {
    if (!anyPresent(many, i) || !anyPresent(one, i)) continue;
    for (const id of ambiguousSigs) {
      const present = membersBySig[id]!.filter((j) => one[j]!.present[i]);
      if (present.length > 1) {
        const side = swapped ? 'left' : 'right';
        const [first, second] = [one[present[0]!]!.labels, one[present[1]!]!.labels];
        throw new PromqlError(
          `found duplicate series for the match group ${matchGroupLabels(first, matching)} on the ${side} hand-side of the operation: ` +
            `[${goLabelsString(first)}, ${goLabelsString(second)}];many-to-many matching not allowed: matching labels must be unique on one side`,
        );
      }
    }
    for (let m = 0; m < many.length; m++) {
      const manySeries = many[m]!;
      if (!manySeries.present[i]) continue;
      const id = manySig[m]!;
      const members = membersBySig[id]!;
      let o = -1;
      for (const j of members) {
        if (one[j]!.present[i]) {
          o = j;
          break;
        }
      }
      if (o < 0) continue;
      if (matching.card === 'one-to-one') {
        if (matchedAt[id] === i) {
          throw new PromqlError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
        }
        matchedAt[id] = i;
      }
      const manyValue = manySeries.values[i]!;
      const oneValue = one[o]!.values[i]!;
      const l = swapped ? oneValue : manyValue;
      const r = swapped ? manyValue : oneValue;
      let value: number;
      if (comparison) {
        const keep = compare(expr.op as never, l, r);
        if (expr.returnBool) value = keep ? 1 : 0;
        else if (keep) value = l;
        else continue;
      } else {
        value = arithmetic(expr.op as ArithmeticOp, l, r);
      }
      const pairKey = m * one.length + o;
      let index = pairIndex.get(pairKey);
      if (index === undefined) {
        index = out.indexFor(resultLabels(manySeries.labels, one[o]!.labels, expr, matching));
        pairIndex.set(pairKey, index);
      }
      if (!out.trySet(index, i, value)) {
        if (matching.card !== 'one-to-one' && writerSig[index] === id) {
          throw new PromqlError('multiple matches for labels: grouping labels must ensure unique matches');
        }
        throw new PromqlError(DUPLICATE_LABELSET);
      }
      writerSig[index] = id;
    }
  }
  return { type: 'vector', series: out.result() };
}
