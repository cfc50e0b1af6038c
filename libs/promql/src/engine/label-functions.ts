import type { Call } from '../ast.js';
import { PromqlError } from '../errors.js';
import { compareLabels, labelsKey, type Labels } from '../labels.js';
import type { Evaluator } from './evaluator.js';
import { isValidLabelName } from './format.js';
import { OutputBuilder } from './output-builder.js';
import type { EvalValue, InstantSeries } from './types.js';

/** RE2 as Prometheus anchors it (`^(?s:re)$`), translated to the JS syntax where they differ. */
export function compileAnchoredRegex(source: string): RegExp {
  let flags = 's';
  let body = source.replace(/\(\?P</g, '(?<');
  const leadingFlags = /^\(\?([imsU]+)\)/.exec(body);
  if (leadingFlags) {
    if (leadingFlags[1]!.includes('i')) flags += 'i';
    body = body.slice(leadingFlags[0].length);
  }
  return new RegExp(`^(?:${body})$`, flags);
}

/** Go's regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; unknown groups expand to nothing. */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const braced = template[i] === '{';
    const nameStart = braced ? i + 1 : i;
    let nameEnd = nameStart;
    while (nameEnd < template.length && /[A-Za-z0-9_]/.test(template[nameEnd]!)) nameEnd++;
    const name = template.slice(nameStart, nameEnd);
    if (name === '' || (braced && template[nameEnd] !== '}')) {
      out += '$';
      continue;
    }
    i = braced ? nameEnd + 1 : nameEnd;
    if (/^\d+$/.test(name)) out += match[Number(name)] ?? '';
    else out += match.groups?.[name] ?? '';
  }
  return out;
}

function withLabel(labels: Labels, name: string, value: string): Labels {
  const out: Record<string, string> = { ...labels };
  if (value === '') delete out[name];
  else out[name] = value;
  return out;
}

/** Re-labels whole series once, then merges them step by step (same label set twice at a step fails). */
function relabel(ev: Evaluator, input: InstantSeries[], mapLabels: (labels: Labels) => Labels): EvalValue {
  const out = new OutputBuilder(ev.grid.count);
  for (const series of input) {
    const labels = mapLabels(series.labels);
    const index = out.indexFor(labels, labelsKey(labels));
    for (let i = 0; i < ev.grid.count; i++) if (series.present[i]) out.set(index, i, series.values[i]!);
  }
  return { type: 'vector', series: out.result() };
}

export function evalLabelReplace(ev: Evaluator, call: Call): EvalValue {
  const [vectorArg, dstArg, replArg, srcArg, regexArg] = call.args;
  const dst = ev.evalString(dstArg!);
  const replacement = ev.evalString(replArg!);
  const src = ev.evalString(srcArg!);
  const regexSource = ev.evalString(regexArg!);
  let regex: RegExp;
  try {
    regex = compileAnchoredRegex(regexSource);
  } catch {
    throw new PromqlError(`invalid regular expression in label_replace(): ${regexSource}`);
  }
  if (!isValidLabelName(dst)) throw new PromqlError(`invalid destination label name in label_replace(): ${dst}`);
  const input = ev.evalVector(vectorArg!);
  return relabel(ev, input, (labels) => {
    const match = regex.exec(labels[src] ?? '');
    return match ? withLabel(labels, dst, expandTemplate(replacement, match)) : labels;
  });
}

export function evalLabelJoin(ev: Evaluator, call: Call): EvalValue {
  const [vectorArg, dstArg, sepArg, ...srcArgs] = call.args;
  const dst = ev.evalString(dstArg!);
  const separator = ev.evalString(sepArg!);
  const sources = srcArgs.map((arg) => ev.evalString(arg));
  for (const src of sources) {
    if (!isValidLabelName(src)) throw new PromqlError(`invalid source label name in label_join(): ${src}`);
  }
  if (!isValidLabelName(dst)) throw new PromqlError(`invalid destination label name in label_join(): ${dst}`);
  const input = ev.evalVector(vectorArg!);
  return relabel(ev, input, (labels) => withLabel(labels, dst, sources.map((src) => labels[src] ?? '').join(separator)));
}

/** Ascending with NaN last for `sort`; descending with NaN last for `sort_desc`. */
function byValue(descending: boolean): (a: number, b: number) => number {
  return (a, b) => {
    const aNaN = Number.isNaN(a);
    const bNaN = Number.isNaN(b);
    if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
    return descending ? b - a || 0 : a - b || 0;
  };
}

/** Splits into digit and non-digit runs so `a10` sorts after `a9`, as Prometheus's natsort does. */
function naturalCompare(a: string, b: string): number {
  const chunks = (s: string): string[] => s.match(/\d+|\D+/g) ?? [];
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    const xDigits = /^\d/.test(x);
    const yDigits = /^\d/.test(y);
    if (xDigits && yDigits) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

function warnIfRangeQuery(ev: Evaluator, call: Call): void {
  if (!ev.ctx.rangeQuery) return;
  ev.ctx.annotations.warn('sort is ineffective for range queries since results are always ordered by labels', call.pos);
}

/**
 * Ordering only shows in instant queries (range results are sorted by labels), so the series are
 * ordered by their first step's value; the name is kept.
 */
export function evalSort(ev: Evaluator, call: Call): EvalValue {
  warnIfRangeQuery(ev, call);
  const input = ev.evalVector(call.args[0]!);
  const compare = byValue(call.func === 'sort_desc');
  const sorted = [...input].sort((a, b) => compare(a.values[0]!, b.values[0]!));
  return { type: 'vector', series: sorted };
}

export function evalSortByLabel(ev: Evaluator, call: Call): EvalValue {
  warnIfRangeQuery(ev, call);
  const input = ev.evalVector(call.args[0]!);
  const names = call.args.slice(1).map((arg) => ev.evalString(arg));
  const sign = call.func === 'sort_by_label_desc' ? -1 : 1;
  const sorted = [...input].sort((a, b) => {
    for (const name of names) {
      const va = a.labels[name] ?? '';
      const vb = b.labels[name] ?? '';
      if (va !== vb) return sign * naturalCompare(va, vb);
    }
    return sign * compareLabels(a.labels, b.labels);
  });
  return { type: 'vector', series: sorted };
}
