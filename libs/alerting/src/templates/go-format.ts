import { GoInt, TemplateStruct, goTypeName, isMap, type TemplateValue } from './values.js';

/**
 * Go's fmt number and value formatting, which alert annotations show verbatim
 * (`{{ $value }}` prints 1.234567e+06, `humanize` uses `%.4g`).
 */

interface Digits {
  negative: boolean;
  digits: string;
  /** Decimal point position: value = 0.digits × 10^point. */
  point: number;
}

function decimalDigits(value: number, significant?: number): Digits {
  const text = significant === undefined ? Math.abs(value).toExponential() : Math.abs(value).toExponential(significant - 1);
  const [mantissa, exponent] = text.split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { negative: value < 0 || Object.is(value, -0), digits, point: Number(exponent) + 1 };
}

function special(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return undefined;
}

function exponentForm(d: Digits, fractionDigits: number, upper = false): string {
  const first = d.digits[0] ?? '0';
  const rest = d.digits.slice(1, 1 + fractionDigits).padEnd(fractionDigits, '0');
  const exponent = d.digits === '0' ? 0 : d.point - 1;
  const magnitude = Math.abs(exponent);
  return `${d.negative ? '-' : ''}${first}${rest ? `.${rest}` : ''}${upper ? 'E' : 'e'}${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
}

function fixedForm(d: Digits, fractionDigits: number): string {
  const sign = d.negative ? '-' : '';
  if (d.digits === '0') return `${sign}0${fractionDigits > 0 ? `.${'0'.repeat(fractionDigits)}` : ''}`;
  const integer = d.point > 0 ? d.digits.slice(0, d.point).padEnd(d.point, '0') : '0';
  const fractionSource = d.point >= 0 ? d.digits.slice(d.point) : '0'.repeat(-d.point) + d.digits;
  const fraction = fractionSource.slice(0, fractionDigits).padEnd(fractionDigits, '0');
  return `${sign}${integer}${fractionDigits > 0 ? `.${fraction}` : ''}`;
}

/** `%g` / `%.Ng` (precision undefined = shortest, as `%v` prints a float64). */
export function formatG(value: number, precision?: number): string {
  const named = special(value);
  if (named) return named;
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const p = precision === undefined ? undefined : Math.max(precision, 1);
  const d = decimalDigits(value, p);
  let eprec = p ?? 6;
  if (p !== undefined && eprec > d.digits.length && d.digits.length >= d.point) eprec = d.digits.length;
  const exponent = d.point - 1;
  if (exponent < -4 || exponent >= eprec) {
    const digits = Math.min(p ?? d.digits.length, d.digits.length);
    return exponentForm(d, digits - 1);
  }
  const digits = p === undefined || p > d.point ? d.digits.length : p;
  return fixedForm(d, Math.max(digits - d.point, 0));
}

/** `%.Nf` (default precision 6). */
export function formatF(value: number, precision = 6): string {
  const named = special(value);
  if (named) return named;
  if (Math.abs(value) < 1e21) {
    const fixed = roundHalfEvenFixed(value, precision);
    return Object.is(value, -0) || (value < 0 && !fixed.startsWith('-')) ? `-${fixed}` : fixed;
  }
  return fixedForm(decimalDigits(value), precision);
}

/**
 * JavaScript's toFixed rounds exact ties away from zero; Go rounds them to even (2.25 → "2.2").
 * A tie shows as a 5 followed by zeros in the exact expansion, which toFixed gives up to 100 digits.
 */
function roundHalfEvenFixed(value: number, precision: number): string {
  const rounded = value.toFixed(precision);
  if (precision + 1 > 100) return rounded;
  const exact = value.toFixed(Math.min(100, precision + 60));
  const point = exact.indexOf('.');
  const tail = exact.slice(point + 1 + precision);
  if (!/^50*$/.test(tail)) return rounded;
  const kept = exact.slice(0, point + 1 + precision).replace(/\.$/, '');
  const lastDigit = Number(kept[kept.length - 1]);
  return lastDigit % 2 === 0 ? kept : rounded;
}

/** `%.Ne` (default precision 6). */
export function formatE(value: number, precision = 6, upper = false): string {
  const named = special(value);
  if (named) return named;
  const d = value === 0 ? { negative: Object.is(value, -0), digits: '0', point: 1 } : decimalDigits(value, precision + 1);
  return exponentForm(d, precision, upper);
}

/** fmt's `%v` of a value (what `{{ x }}` prints). */
export function formatValue(value: TemplateValue): string {
  if (value === null) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatG(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof GoInt) return String(value.value);
  if (value instanceof TemplateStruct) return `{${Object.values(value.fields).map(formatNested).join(' ')}}`;
  if (Array.isArray(value)) return `[${value.map(formatNested).join(' ')}]`;
  if (isMap(value)) {
    return `map[${Object.keys(value).sort().map((key) => `${key}:${formatNested(value[key]!)}`).join(' ')}]`;
  }
  return String(value);
}

function formatNested(value: TemplateValue): string {
  return value === null ? '<nil>' : formatValue(value);
}

/** Go's Sprintf for the verbs templates use: %v %s %q %d %f %F %e %E %g %G %x %X %t %%. */
export function sprintf(format: string, args: readonly TemplateValue[]): string {
  let out = '';
  let argIndex = 0;
  const verbPattern = /%([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])/y;
  for (let i = 0; i < format.length; ) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    verbPattern.lastIndex = percent;
    const match = verbPattern.exec(format);
    if (!match) {
      out += '%!(NOVERB)';
      break;
    }
    i = verbPattern.lastIndex;
    const [, flags = '', width, precisionText, verb = ''] = match;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const precision = precisionText === undefined ? undefined : Number(precisionText || '0');
    const formatted = formatVerb(verb, flags, precision, args[argIndex++]!);
    out += pad(formatted, width === undefined ? 0 : Number(width), flags);
  }
  if (argIndex < args.length) {
    out += `%!(EXTRA ${args.slice(argIndex).map((arg) => `${goTypeName(arg)}=${formatValue(arg)}`).join(', ')})`;
  }
  return out;
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width, ' ');
  if (flags.includes('0') && /^[+-]?[0-9.]/.test(text)) {
    const sign = /^[+-]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width, ' ');
}

function formatVerb(verb: string, flags: string, precision: number | undefined, arg: TemplateValue): string {
  const bad = (): string => `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
  const signed = (text: string): string => (flags.includes('+') && !text.startsWith('-') ? `+${text}` : flags.includes(' ') && !text.startsWith('-') ? ` ${text}` : text);
  switch (verb) {
    case 'v':
      return typeof arg === 'number' ? signed(formatG(arg, precision)) : formatValue(arg);
    case 's':
      if (typeof arg === 'string') return precision === undefined ? arg : arg.slice(0, precision);
      return typeof arg === 'number' || arg instanceof GoInt || typeof arg === 'boolean' ? bad() : formatValue(arg);
    case 'q':
      return typeof arg === 'string' ? JSON.stringify(arg) : bad();
    case 't':
      return typeof arg === 'boolean' ? String(arg) : bad();
    case 'd':
      return arg instanceof GoInt ? signed(String(arg.value)) : bad();
    case 'x':
    case 'X': {
      let text: string | undefined;
      if (arg instanceof GoInt) text = (arg.value < 0 ? '-' : '') + Math.abs(arg.value).toString(16);
      else if (typeof arg === 'string') text = Buffer.from(arg, 'utf8').toString('hex');
      if (text === undefined) return bad();
      return verb === 'X' ? text.toUpperCase() : text;
    }
    case 'f':
    case 'F':
      return typeof arg === 'number' ? signed(formatF(arg, precision)) : bad();
    case 'e':
    case 'E':
      return typeof arg === 'number' ? signed(formatE(arg, precision, verb === 'E')) : bad();
    case 'g':
    case 'G': {
      if (typeof arg !== 'number') return bad();
      const text = signed(formatG(arg, precision));
      return verb === 'G' ? text.toUpperCase() : text;
    }
    default:
      return `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
  }
}
