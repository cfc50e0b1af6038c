/**
 * PromQL literals as Prometheus reads them: numbers through Go's ParseInt(base 0) then
 * ParseFloat, durations as seconds, and strings with Go escapes ('single', "double", `raw`).
 */
import { parseDuration } from './duration.js';

export class LiteralError extends Error {}

const DECIMAL_INTEGER = /^[0-9](?:_?[0-9])*$/;
const GO_INTEGER = /^0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+|(?:_?[0-7])+)$/;
const GO_FLOAT = /^(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const DURATION_LIKE = /^[0-9]+[ywdhms]/;

/** The value of an unsigned number token: `12`, `0x1F`, `010` (octal, as in Go), `1.5e3`, `Inf`, `NaN`, `5m` (300). */
export function parseNumberText(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === 'nan') return NaN;
  if (DURATION_LIKE.test(text)) return parseDuration(text) / 1000;
  if (GO_INTEGER.test(text)) return parseGoInteger(text.replaceAll('_', ''));
  if (DECIMAL_INTEGER.test(text) || GO_FLOAT.test(text)) return Number(text.replaceAll('_', ''));
  throw new LiteralError(`error parsing number: strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
}

function parseGoInteger(text: string): number {
  const prefix = text.slice(0, 2).toLowerCase();
  if (prefix === '0x' || prefix === '0o' || prefix === '0b') return Number(`0${prefix[1]}${text.slice(2)}`);
  return parseInt(text, 8);
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** Unquotes a string token including its quotes, with Go's escape rules; throws LiteralError. */
export function unquoteString(token: string): string {
  const quote = token[0];
  if (token.length < 2 || token[token.length - 1] !== quote) throw new LiteralError('unterminated quoted string');
  const body = token.slice(1, -1);
  if (quote === '`') return body;
  if (quote !== '"' && quote !== "'") throw new LiteralError('invalid syntax');
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; ) {
    const ch = body[i]!;
    if (ch !== '\\') {
      const codePoint = body.codePointAt(i)!;
      const char = String.fromCodePoint(codePoint);
      bytes.push(...encoder.encode(char));
      i += char.length;
      continue;
    }
    const kind = body[i + 1];
    if (kind === undefined) throw new LiteralError('escape sequence not terminated');
    if (kind in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[kind]!);
      i += 2;
    } else if (kind === quote) {
      bytes.push(quote.charCodeAt(0));
      i += 2;
    } else if (kind >= '0' && kind <= '7') {
      const digits = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits)) throw new LiteralError(`illegal character in escape sequence`);
      const value = parseInt(digits, 8);
      if (value > 255) throw new LiteralError('escape sequence is an invalid Unicode code point');
      bytes.push(value);
      i += 4;
    } else if (kind === 'x' || kind === 'u' || kind === 'U') {
      const width = kind === 'x' ? 2 : kind === 'u' ? 4 : 8;
      const digits = body.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) throw new LiteralError('illegal character in escape sequence');
      const value = parseInt(digits, 16);
      if (kind === 'x') bytes.push(value);
      else if (value > 0x10ffff || (value >= 0xd800 && value < 0xe000)) {
        throw new LiteralError('escape sequence is an invalid Unicode code point');
      } else bytes.push(...encoder.encode(String.fromCodePoint(value)));
      i += 2 + width;
    } else {
      throw new LiteralError(`unknown escape sequence ${goRuneDescription(kind)}`);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Go's `%#U` for a character: `U+0071 'q'`. */
export function goRuneDescription(char: string): string {
  const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} '${char}'`;
}

/** Go's `%q` for a single character: `'§'`, `'\''`, `'\n'`. */
export function goQuoteRune(char: string): string {
  const escaped: Record<string, string> = { "'": "\\'", '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  return `'${escaped[char] ?? char}'`;
}

/** Double-quotes a string so that unquoteString gives it back (as Go's strconv.Quote would). */
export function quoteString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}"`;
}
