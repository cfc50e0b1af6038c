/**
 * A scanner that follows Prometheus's PromQL lexer closely enough to report its lexical errors
 * (`unexpected character: '§'`, `unclosed left parenthesis`, ...) and to name the token a syntax
 * error is at (`<op:+>`, `identifier "foo"`). lezer-promql builds the tree; this only explains
 * failures and spots inputs lezer reads differently from Prometheus (`2.`, `0X1F`).
 */
import { parseDuration, DurationError } from './duration.js';
import { goQuoteRune, unquoteString, LiteralError } from './literals.js';

export type TokenKind = 'identifier' | 'number' | 'duration' | 'string' | 'operator' | 'delimiter';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

export interface LexicalError {
  message: string;
  start: number;
  end: number;
}

export interface ScanResult {
  tokens: Token[];
  error: LexicalError | null;
}

const OPERATORS = ['==', '!=', '<=', '>=', '=~', '!~', '+', '-', '*', '/', '%', '^', '<', '>', '=', '@'];
const KEYWORDS = new Set(['bool', 'by', 'group_left', 'group_right', 'ignoring', 'offset', 'on', 'without', 'start', 'end']);
const AGGREGATORS = new Set([
  'avg', 'bottomk', 'count', 'count_values', 'group', 'max', 'min', 'quantile', 'stddev', 'stdvar', 'sum', 'topk', 'limitk', 'limit_ratio',
]);
const WORD_OPERATORS = new Set(['and', 'or', 'unless', 'atan2']);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean => c !== undefined && (c === '_' || /[a-zA-Z]/.test(c));
const isAlphaNumeric = (c: string | undefined): boolean => isAlpha(c) || isDigit(c);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

const NUMBER_PATTERN = /^(?:0[xX][0-9a-fA-F_]+|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?)/;
const DURATION_WORD = /^[0-9]+[a-zA-Z0-9_]*/;

export function scan(query: string): ScanResult {
  const tokens: Token[] = [];
  let pos = 0;
  let parenDepth = 0;
  let braceOpen = false;
  let bracketOpen = false;
  const fail = (message: string, start: number, end = start + 1): ScanResult => ({ tokens, error: { message, start, end } });
  const push = (kind: TokenKind, start: number, end: number): void => {
    tokens.push({ kind, text: query.slice(start, end), start, end });
  };

  while (pos < query.length) {
    const c = query[pos]!;
    if (isSpace(c)) {
      pos++;
      continue;
    }
    if (c === '#') {
      while (pos < query.length && query[pos] !== '\n') pos++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      if (bracketOpen) return fail(`unexpected character inside brackets: ${goQuoteRune(c)}`, pos);
      const end = stringEnd(query, pos);
      if (end < 0) return fail(c === '`' ? 'unterminated raw string' : 'unterminated quoted string', pos, query.length);
      try {
        unquoteString(query.slice(pos, end));
      } catch (error) {
        if (error instanceof LiteralError) return fail(error.message, pos, end);
        throw error;
      }
      push('string', pos, end);
      pos = end;
      continue;
    }
    if (braceOpen) {
      if (isAlpha(c)) {
        const start = pos;
        while (isAlphaNumeric(query[pos])) pos++;
        push('identifier', start, pos);
      } else if (c === ',') push('delimiter', pos, ++pos);
      else if (c === '=' || c === '!') {
        const two = query.slice(pos, pos + 2);
        if (two === '=~' || two === '!~' || two === '!=') push('operator', pos, (pos += 2));
        else if (c === '=') push('operator', pos, ++pos);
        else return fail(`unexpected character after '!' inside braces: ${goQuoteRune(query[pos + 1] ?? '')}`, pos);
      } else if (c === '}') {
        push('delimiter', pos, ++pos);
        braceOpen = false;
      } else if (c === '{') return fail(`unexpected left brace ${goQuoteRune(c)}`, pos);
      else return fail(`unexpected character inside braces: ${goQuoteRune(c)}`, pos);
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(query[pos + 1]))) {
      const word = DURATION_WORD.exec(query.slice(pos))?.[0];
      if (word !== undefined && /^[0-9]+[ywdhms]/.test(word)) {
        try {
          parseDuration(word);
        } catch (error) {
          if (!(error instanceof DurationError)) throw error;
          const message = /^(?:[0-9]+[a-z]+)+$/.test(word) ? error.message : `bad number or duration syntax: ${JSON.stringify(word)}`;
          return fail(message, pos, pos + word.length);
        }
        push('duration', pos, (pos += word.length));
        continue;
      }
      const number = NUMBER_PATTERN.exec(query.slice(pos))![0];
      if (isAlphaNumeric(query[pos + number.length]) || query[pos + number.length] === '.') {
        let end = pos + number.length;
        while (isAlphaNumeric(query[end]) || query[end] === '.') end++;
        return fail(`bad number or duration syntax: ${JSON.stringify(query.slice(pos, end))}`, pos, end);
      }
      push('number', pos, (pos += number.length));
      continue;
    }
    if (isAlpha(c) || c === ':') {
      if (bracketOpen && !isAlpha(c)) {
        push('delimiter', pos, ++pos);
        continue;
      }
      const start = pos;
      while (isAlphaNumeric(query[pos]) || query[pos] === ':') pos++;
      push('identifier', start, pos);
      continue;
    }
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === '{' || c === ',') {
      if (c === ')' && parenDepth === 0) return fail(`unexpected right parenthesis ${goQuoteRune(c)}`, pos);
      if (c === '[' && bracketOpen) return fail(`unexpected left bracket ${goQuoteRune(c)}`, pos);
      if (c === ']' && !bracketOpen) return fail(`unexpected right bracket ${goQuoteRune(c)}`, pos);
      if (c === '{' && bracketOpen) return fail(`unexpected character inside brackets: ${goQuoteRune(c)}`, pos);
      if (c === '(') parenDepth++;
      if (c === ')') parenDepth--;
      if (c === '[') bracketOpen = true;
      if (c === ']') bracketOpen = false;
      if (c === '{') braceOpen = true;
      push('delimiter', pos, ++pos);
      continue;
    }
    if (c === '}') return fail(`unexpected character: ${goQuoteRune(c)}`, pos);
    const operator = OPERATORS.find((op) => query.startsWith(op, pos));
    if (operator === '=~') return fail(`unexpected character after '=': '~'`, pos);
    if (operator === undefined || (bracketOpen && operator === '@')) {
      if (c === '!') return fail(`unexpected character after '!': ${goQuoteRune(query[pos + 1] ?? '')}`, pos);
      const char = String.fromCodePoint(query.codePointAt(pos)!);
      const where = bracketOpen ? ' inside brackets' : '';
      return fail(`unexpected character${where}: ${goQuoteRune(char)}`, pos, pos + char.length);
    }
    push('operator', pos, (pos += operator.length));
  }
  if (braceOpen) return fail('unexpected end of input inside braces', query.length, query.length);
  if (parenDepth > 0) return fail('unclosed left parenthesis', query.length, query.length);
  if (bracketOpen) return fail('unclosed left bracket', query.length, query.length);
  return { tokens, error: null };
}

/** The end (exclusive) of the string starting at `start`, or -1 when it is not closed on its line. */
function stringEnd(query: string, start: number): number {
  const quote = query[start];
  for (let i = start + 1; i < query.length; i++) {
    const c = query[i];
    if (quote === '`') {
      if (c === '`') return i + 1;
      continue;
    }
    if (c === '\n') return -1;
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
  }
  return -1;
}

/** How Prometheus names a token in `unexpected ...` messages. */
export function describeToken(token: Token | undefined): string {
  if (token === undefined) return 'end of input';
  const lower = token.text.toLowerCase();
  switch (token.kind) {
    case 'identifier':
      if (lower === 'inf' || lower === 'nan') return `number ${JSON.stringify(token.text)}`;
      if (WORD_OPERATORS.has(lower)) return `<op:${token.text}>`;
      if (AGGREGATORS.has(lower)) return `<aggr:${token.text}>`;
      if (KEYWORDS.has(lower)) return `<${token.text}>`;
      return `identifier ${JSON.stringify(token.text)}`;
    case 'operator':
      return `<op:${token.text}>`;
    case 'delimiter':
      return JSON.stringify(token.text);
    default:
      return `${token.kind} ${JSON.stringify(token.text)}`;
  }
}

export function isKeywordLike(word: string): boolean {
  const lower = word.toLowerCase();
  return KEYWORDS.has(lower) || AGGREGATORS.has(lower) || WORD_OPERATORS.has(lower);
}
