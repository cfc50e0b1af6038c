import { RANGE_FUNCTIONS, type RangeFunctionContext, type RangeWindow } from '../range-functions.js';

// Unit-test support for the range kernels: builds windows from promqltest's series notation.

/** Expands the promqltest series notation: `0+10x4`, `1 NaN _ 5`, `8000-10x3`. */
export function expandSeries(notation: string): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  for (const token of notation.trim().split(/\s+/)) {
    const run = /^(-?[\d.e+]+|NaN|[+-]?Inf)([+-][\d.e]+)x(\d+)$/.exec(token);
    if (run) {
      const startValue = parseValue(run[1]!);
      const step = Number(run[2]);
      for (let i = 0; i <= Number(run[3]); i++) out.push(startValue + i * step);
    } else if (token === '_') {
      out.push(undefined);
    } else {
      out.push(parseValue(token));
    }
  }
  return out;
}

function parseValue(text: string): number {
  if (text === 'Inf' || text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** The window (eval - range, eval] over a series loaded at `intervalMs`, keeping the full arrays. */
export function windowOf(notation: string, intervalMs: number, evalMs: number, rangeMs: number): RangeWindow {
  const t: number[] = [];
  const v: number[] = [];
  expandSeries(notation).forEach((value, i) => {
    if (value === undefined) return;
    t.push(i * intervalMs);
    v.push(value);
  });
  const rangeStart = evalMs - rangeMs;
  let start = 0;
  while (start < t.length && t[start]! <= rangeStart) start++;
  let end = start;
  while (end < t.length && t[end]! <= evalMs) end++;
  return { t, v, start, end, rangeStart, rangeEnd: evalMs };
}

/** Runs a range kernel by name with a default context. */
export function call(name: string, w: RangeWindow, args: number[] = [], ctx: Partial<RangeFunctionContext> = {}): number | undefined {
  const fn = RANGE_FUNCTIONS.get(name);
  if (!fn) throw new Error(`no kernel ${name}`);
  return fn(w, args, { metricName: undefined, ...ctx });
}
