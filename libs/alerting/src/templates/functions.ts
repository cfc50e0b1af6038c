import { formatValue, sprintf } from './go-format.js';
import { formatGoTime, humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp } from './humanize.js';
import { compareValues, equalValues } from './compare.js';
import { GoInt, TemplateStruct, isMap, isTrue, type TemplateValue } from './values.js';

/** One sample of a `query` result, as Prometheus's templates see it (`.Labels`, `.Value`). */
export interface TemplateQuerySample {
  labels: Record<string, string>;
  value: number;
}

export interface FunctionEnvironment {
  /** Runs `query "..."` in templates; absent → calling `query` is an execution error. */
  query?: (expr: string) => TemplateQuerySample[];
  externalUrl: string;
}

export interface TemplateFunction {
  /** Exact argument count, or [min, max] (max Infinity for variadic). */
  arity: number | readonly [number, number];
  call(args: TemplateValue[], env: FunctionEnvironment): TemplateValue;
}

const fn = (arity: TemplateFunction['arity'], call: TemplateFunction['call']): TemplateFunction => ({ arity, call });
const numeric = (format: (v: number) => string): TemplateFunction => fn(1, ([value]) => format(convertToFloat(value!)));
const stringFn = (transform: (s: string) => string): TemplateFunction => fn(1, ([value]) => transform(expectString(value!)));

/** Prometheus's `convertToFloat`: float64, ints and numeric strings. */
export function convertToFloat(value: TemplateValue): number {
  if (typeof value === 'number') return value;
  if (value instanceof GoInt) return value.value;
  if (typeof value === 'string') return parseGoFloat(value);
  throw new Error(`can't convert ${value === null ? '<nil>' : value instanceof TemplateStruct ? value.typeName : typeof value} to float`);
}

function parseGoFloat(text: string): number {
  const trimmed = text.toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  if (trimmed === 'nan') return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(trimmed)) return Number(text);
  throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
}

function expectString(value: TemplateValue): string {
  if (typeof value !== 'string') throw new Error(`wrong type for value; expected string; got ${value === null ? '<nil>' : typeof value === 'number' ? 'float64' : typeof value}`);
  return value;
}

/** Go regexp syntax that JavaScript spells differently. */
function goRegExp(pattern: string, flags = ''): RegExp {
  return new RegExp(pattern.replace(/\(\?P</g, '(?<'), flags + 'u');
}

/** Go's ReplaceAllString template: `$1`, `${1}`, `$name`, `$$`. */
function expandReplacement(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_all, whole: string, braced?: string, bare?: string) => {
    if (whole === '$') return '$';
    const name = braced ?? bare ?? '';
    const value = /^\d+$/.test(name) ? match[Number(name)] : match.groups?.[name];
    return value ?? '';
  });
}

function title(text: string): string {
  return text.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_all, before: string, letter: string) => before + letter.toUpperCase());
}

function print(args: TemplateValue[], spaced: boolean): string {
  let out = '';
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && (spaced || (!isString && typeof args[i - 1] !== 'string'))) out += ' ';
    out += formatValue(arg);
  });
  return out;
}

function parseGoDuration(text: string): number {
  if (text === '0') return 0;
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const match = /^([+-])?((?:\d+\.?\d*|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!match) throw new Error(`time: invalid duration ${JSON.stringify(text)}`);
  let seconds = 0;
  for (const part of text.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/g)) seconds += Number(part[1]) * units[part[2]!]!;
  return match[1] === '-' ? -seconds : seconds;
}

export const TEMPLATE_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  // Go text/template builtins.
  and: fn([1, Infinity], (args) => args.find((arg) => !isTrue(arg)) ?? args[args.length - 1]!),
  or: fn([1, Infinity], (args) => args.find((arg) => isTrue(arg)) ?? args[args.length - 1]!),
  not: fn(1, ([value]) => !isTrue(value!)),
  len: fn(1, ([value]) => {
    if (typeof value === 'string') return new GoInt(Buffer.byteLength(value));
    if (Array.isArray(value)) return new GoInt(value.length);
    if (isMap(value!)) return new GoInt(Object.keys(value).length);
    throw new Error(`len of type ${formatValue(value!)}`);
  }),
  index: fn([1, Infinity], ([item, ...keys]) => {
    let current: TemplateValue = item!;
    for (const key of keys) {
      if (Array.isArray(current)) current = current[Number(key instanceof GoInt ? key.value : key)] ?? null;
      else if (isMap(current)) current = current[String(key)] ?? '';
      else throw new Error(`can't index item of type ${typeof current}`);
    }
    return current;
  }),
  print: fn([0, Infinity], (args) => print(args, false)),
  println: fn([0, Infinity], (args) => `${print(args, true)}\n`),
  printf: fn([1, Infinity], ([format, ...args]) => sprintf(expectString(format!), args)),
  eq: fn([1, Infinity], ([first, ...rest]) => rest.some((other) => equalValues(first!, other))),
  ne: fn(2, ([a, b]) => !equalValues(a!, b!)),
  lt: fn(2, ([a, b]) => compareValues(a!, b!) < 0),
  le: fn(2, ([a, b]) => compareValues(a!, b!) <= 0),
  gt: fn(2, ([a, b]) => compareValues(a!, b!) > 0),
  ge: fn(2, ([a, b]) => compareValues(a!, b!) >= 0),
  html: fn([0, Infinity], (args) => print(args, false).replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c]!)),
  js: fn([0, Infinity], (args) => JSON.stringify(print(args, false)).slice(1, -1).replace(/'/g, "\\'").replace(/</g, '\\u003C').replace(/>/g, '\\u003E')),
  urlquery: fn([0, Infinity], (args) => encodeURIComponent(print(args, false)).replace(/%20/g, '+')),

  // Prometheus's template functions.
  humanize: numeric(humanize),
  humanize1024: numeric(humanize1024),
  humanizeDuration: numeric(humanizeDuration),
  humanizePercentage: numeric(humanizePercentage),
  humanizeTimestamp: numeric(humanizeTimestamp),
  toTime: numeric((v) => formatGoTime(Math.trunc(Math.trunc(v * 1e9) / 1e6))),
  parseDuration: fn(1, ([value]) => parseGoDuration(expectString(value!))),
  title: stringFn(title),
  toUpper: stringFn((s) => s.toUpperCase()),
  toLower: stringFn((s) => s.toLowerCase()),
  safeHtml: stringFn((s) => s),
  stripPort: stringFn((s) => {
    const bracketed = /^\[(.*)\](:\d*)?$/.exec(s);
    if (bracketed) return bracketed[1]!;
    return /^[^:]*:\d*$/.test(s) ? s.slice(0, s.lastIndexOf(':')) : s;
  }),
  stripDomain: stringFn((s) => {
    const port = /:\d+$/.exec(s)?.[0] ?? '';
    const host = s.slice(0, s.length - port.length);
    if (/^[\d.]+$/.test(host) || host.includes(':')) return s;
    return host.split('.')[0] + port;
  }),
  reReplaceAll: fn(3, ([pattern, replacement, text]) => {
    const re = goRegExp(expectString(pattern!), 'g');
    const template = expectString(replacement!);
    return expectString(text!).replace(re, (...parts) => {
      const groups = typeof parts[parts.length - 1] === 'object' ? (parts[parts.length - 1] as Record<string, string>) : undefined;
      const match = Object.assign(parts.slice(0, groups ? -3 : -2) as string[], { groups }) as unknown as RegExpExecArray;
      return expandReplacement(template, match);
    });
  }),
  match: fn(2, ([pattern, text]) => goRegExp(expectString(pattern!)).test(expectString(text!))),
  args: fn([0, Infinity], (args) => Object.fromEntries(args.map((arg, i) => [`arg${i}`, formatValue(arg)]))),
  graphLink: stringFn((expr) => `/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=0`),
  tableLink: stringFn((expr) => `/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=1`),
  externalURL: fn(0, (_args, env) => env.externalUrl),
  pathPrefix: fn(0, (_args, env) => {
    try {
      return new URL(env.externalUrl).pathname.replace(/\/$/, '');
    } catch {
      return '';
    }
  }),
  query: fn(1, ([expr], env) => {
    if (!env.query) throw new Error('query is not available in this context');
    return env.query(expectString(expr!)).map((s) => new TemplateStruct('*template.sample', { Labels: s.labels, Value: s.value }));
  }),
  first: fn(1, ([results]) => {
    if (Array.isArray(results) && results.length > 0) return results[0]!;
    throw new Error('first() called on vector with no elements');
  }),
  label: fn(2, ([name, sample]) => (sample instanceof TemplateStruct && isMap(sample.fields.Labels!) ? (sample.fields.Labels[expectString(name!)] ?? '') : '')),
  value: fn(1, ([sample]) => (sample instanceof TemplateStruct ? (sample.fields.Value ?? null) : null)),
  strvalue: fn(1, ([sample]) => (sample instanceof TemplateStruct && isMap(sample.fields.Labels!) ? (sample.fields.Labels.__value__ ?? '') : '')),
  sortByLabel: fn(2, ([name, results]) => {
    if (!Array.isArray(results)) return results!;
    const label = (s: TemplateValue): string => (s instanceof TemplateStruct && isMap(s.fields.Labels!) ? String(s.fields.Labels[String(name)] ?? '') : '');
    return [...results].sort((a, b) => (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0));
  }),
};

export const TEMPLATE_FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(TEMPLATE_FUNCTIONS));
