import { dateFunction, DATE_FUNCTION_NAMES } from './date-functions.js';

/**
 * Per-sample math. timestampMs is the sample's evaluation time; no kernel here needs it, but the
 * engine passes it so date functions called without arguments can be fed `time()` as the value.
 */
export type SampleFunction = (value: number, scalarArgs: number[], timestampMs: number) => number;

/** Go's math.Frexp: value = fraction × 2^exponent with |fraction| in [0.5, 1). */
export function frexp(value: number): { fraction: number; exponent: number } {
  if (value === 0 || !Number.isFinite(value)) return { fraction: value, exponent: 0 };
  const view = new DataView(new ArrayBuffer(8));
  let scale = 0;
  let scaled = value;
  if (Math.abs(value) < 2.2250738585072014e-308) {
    scaled = value * 2 ** 64; // normalise subnormals so the exponent bits are meaningful
    scale = -64;
  }
  view.setFloat64(0, scaled);
  const high = view.getUint32(0);
  const biasedExponent = (high >>> 20) & 0x7ff;
  const exponent = biasedExponent - 1022 + scale;
  view.setUint32(0, (high & 0x800fffff) | (1022 << 20));
  return { fraction: view.getFloat64(0), exponent };
}

/** Go's math.Log2: exact for powers of two, else log(frac)/ln2 + exp. */
export function goLog2(value: number): number {
  const { fraction, exponent } = frexp(value);
  if (fraction === 0.5) return exponent - 1;
  return Math.log(fraction) * Math.LOG2E + exponent;
}

/** Go's math.Log10 (log(x) × 1/ln10), which is what Prometheus's log10 returns bit for bit. */
export function goLog10(value: number): number {
  return Math.log(value) * Math.LOG10E;
}

function sgn(value: number): number {
  if (value < 0) return -1;
  if (value > 0) return 1;
  return value;
}

/** round(v, to_nearest=1): ties round up; dividing by the inverse avoids float error. */
export function roundToNearest(value: number, toNearest = 1): number {
  const inverse = 1 / toNearest;
  return Math.floor(value * inverse + 0.5) / inverse;
}

/** Go's math.Min: -Inf wins over NaN, unlike Math.min. */
export function goMin(a: number, b: number): number {
  if (a === -Infinity || b === -Infinity) return -Infinity;
  return Math.min(a, b);
}

/** Go's math.Max: +Inf wins over NaN, unlike Math.max. */
export function goMax(a: number, b: number): number {
  if (a === Infinity || b === Infinity) return Infinity;
  return Math.max(a, b);
}

/** clamp(v, min, max); clamp_min and clamp_max pass ∓Inf for the open side. */
export function clampValue(value: number, min: number, max: number): number {
  return goMax(min, goMin(max, value));
}

/** clamp(v, min, max) with min > max returns an empty vector in Prometheus. */
export function clampReturnsEmpty(min: number, max: number): boolean {
  return max < min;
}

const unary = (fn: (value: number) => number): SampleFunction => (value) => fn(value);

const entries: [string, SampleFunction][] = [
  ['abs', unary(Math.abs)],
  ['acos', unary(Math.acos)],
  ['acosh', unary(Math.acosh)],
  ['asin', unary(Math.asin)],
  ['asinh', unary(Math.asinh)],
  ['atan', unary(Math.atan)],
  ['atanh', unary(Math.atanh)],
  ['ceil', unary(Math.ceil)],
  ['cos', unary(Math.cos)],
  ['cosh', unary(Math.cosh)],
  ['deg', unary((value) => (value * 180) / Math.PI)],
  ['exp', unary(Math.exp)],
  ['floor', unary(Math.floor)],
  ['ln', unary(Math.log)],
  ['log10', unary(goLog10)],
  ['log2', unary(goLog2)],
  ['rad', unary((value) => (value * Math.PI) / 180)],
  ['sgn', unary(sgn)],
  ['sin', unary(Math.sin)],
  ['sinh', unary(Math.sinh)],
  ['sqrt', unary(Math.sqrt)],
  ['tan', unary(Math.tan)],
  ['tanh', unary(Math.tanh)],
  // The engine must check clampReturnsEmpty(min, max) first: Prometheus then returns no samples.
  ['clamp', (value, args) => clampValue(value, args[0] ?? NaN, args[1] ?? NaN)],
  ['clamp_min', (value, args) => clampValue(value, args[0] ?? NaN, Infinity)],
  ['clamp_max', (value, args) => clampValue(value, -Infinity, args[0] ?? NaN)],
  ['round', (value, args) => roundToNearest(value, args[0] ?? 1)],
  ...DATE_FUNCTION_NAMES.map((name): [string, SampleFunction] => [name, unary(dateFunction(name))]),
];

/**
 * Every PromQL function that maps each float sample on its own. The engine drops `__name__` from
 * the results (all of these), skips histogram samples, and evaluates date functions called without
 * an argument on vector(time()).
 */
export const SAMPLE_FUNCTIONS: ReadonlyMap<string, SampleFunction> = new Map(entries);
