import { TemplateError } from './template-error.js';

/**
 * Tokens of the Go text/template subset Prometheus alert templates use. Text outside `{{ }}` is
 * one token; inside an action the usual Go template tokens. `pos` is the offset in the template.
 */
export type TokenKind =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'identifier'
  | 'keyword'
  | 'field'
  | 'variable'
  | 'declare'
  | 'assign'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'comma'
  | 'string'
  | 'number'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);
const SPACE = /[ \t\r\n]/;
const IDENT_CHAR = /[\p{L}\p{N}_]/u;

/** Splits a template into tokens; throws TemplateError for unclosed actions and bad literals. */
export function lex(name: string, input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const fail = (at: number, message: string): never => {
    throw new TemplateError(name, input, at, message, 'parse');
  };

  while (pos < input.length) {
    const open = input.indexOf('{{', pos);
    let textEnd = open < 0 ? input.length : open;
    const trimLeft = open >= 0 && input.startsWith('{{- ', open);
    if (trimLeft) textEnd = trimTrailingSpace(input, pos, textEnd);
    if (textEnd > pos) tokens.push({ kind: 'text', text: input.slice(pos, textEnd), pos });
    if (open < 0) break;

    pos = open + (trimLeft ? 4 : 2);
    if (input.startsWith('/*', skipSpace(input, pos))) {
      const commentEnd = input.indexOf('*/', pos);
      if (commentEnd < 0) fail(open, 'unclosed comment');
      pos = closeAction(input, commentEnd + 2, () => fail(open, 'comment ends before closing delimiter'));
      continue;
    }
    tokens.push({ kind: 'leftDelim', text: '{{', pos: open });
    pos = lexInsideAction(input, pos, tokens, fail, open);
  }
  tokens.push({ kind: 'eof', text: '', pos: input.length });
  return tokens;
}

function trimTrailingSpace(input: string, from: number, to: number): number {
  while (to > from && SPACE.test(input[to - 1]!)) to--;
  return to;
}

function skipSpace(input: string, pos: number): number {
  while (pos < input.length && SPACE.test(input[pos]!)) pos++;
  return pos;
}

/** After a comment: expects `}}` or ` -}}` and returns the offset after it (trimming if asked). */
function closeAction(input: string, pos: number, onMissing: () => never): number {
  const at = skipSpace(input, pos);
  if (input.startsWith('-}}', at) && at > pos) return skipSpace(input, at + 3);
  if (input.startsWith('}}', at)) return at + 2;
  return onMissing();
}

function lexInsideAction(
  input: string,
  start: number,
  tokens: Token[],
  fail: (at: number, message: string) => never,
  actionStart: number,
): number {
  let pos = start;
  let parenDepth = 0;
  for (;;) {
    if (pos >= input.length) fail(actionStart, 'unclosed action');
    const ch = input[pos]!;
    if (SPACE.test(ch)) {
      const next = skipSpace(input, pos);
      if (input.startsWith('-}}', next)) {
        tokens.push({ kind: 'rightDelim', text: '}}', pos: next });
        return skipSpace(input, next + 3);
      }
      pos = next;
      continue;
    }
    if (input.startsWith('}}', pos)) {
      if (parenDepth > 0) fail(pos, 'unclosed left paren');
      tokens.push({ kind: 'rightDelim', text: '}}', pos });
      return pos + 2;
    }
    if (input.startsWith(':=', pos)) {
      tokens.push({ kind: 'declare', text: ':=', pos });
      pos += 2;
      continue;
    }
    const single: Partial<Record<string, TokenKind>> = { '|': 'pipe', '(': 'leftParen', ')': 'rightParen', ',': 'comma', '=': 'assign' };
    const singleKind = single[ch];
    if (singleKind) {
      if (ch === '(') parenDepth++;
      if (ch === ')' && --parenDepth < 0) fail(pos, `unexpected right paren`);
      tokens.push({ kind: singleKind, text: ch, pos });
      pos++;
      continue;
    }
    if (ch === '"' || ch === '`' || ch === "'") {
      const end = stringEnd(input, pos, ch);
      if (end < 0) fail(pos, ch === '`' ? 'unterminated raw quoted string' : 'unterminated quoted string');
      const raw = input.slice(pos, end + 1);
      tokens.push({ kind: ch === "'" ? 'number' : 'string', text: raw, pos });
      pos = end + 1;
      continue;
    }
    if (ch === '$' || ch === '.') {
      let end = pos + 1;
      while (end < input.length && IDENT_CHAR.test(input[end]!)) end++;
      const text = input.slice(pos, end);
      const kind: TokenKind = ch === '$' ? 'variable' : text === '.' ? 'dot' : 'field';
      if (ch === '.' && /[0-9]/.test(input[pos + 1] ?? '')) {
        pos = lexNumber(input, pos, tokens, fail);
        continue;
      }
      tokens.push({ kind, text, pos });
      pos = end;
      continue;
    }
    if (/[0-9+-]/.test(ch)) {
      pos = lexNumber(input, pos, tokens, fail);
      continue;
    }
    if (IDENT_CHAR.test(ch)) {
      let end = pos;
      while (end < input.length && IDENT_CHAR.test(input[end]!)) end++;
      const word = input.slice(pos, end);
      const kind: TokenKind = KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier';
      tokens.push({ kind, text: word, pos });
      pos = end;
      continue;
    }
    fail(pos, `unexpected ${JSON.stringify(ch)} in command`);
  }
}

function stringEnd(input: string, start: number, quote: string): number {
  for (let i = start + 1; i < input.length; i++) {
    const ch = input[i];
    if (quote !== '`' && ch === '\\') i++;
    else if (ch === quote) return i;
    else if (ch === '\n' && quote !== '`') return -1;
  }
  return -1;
}

function lexNumber(input: string, pos: number, tokens: Token[], fail: (at: number, message: string) => never): number {
  const match = /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(input.slice(pos));
  const text = match?.[0] ?? '';
  if (text === '' || text === '+' || text === '-' || !/\d/.test(text)) fail(pos, `bad number syntax: "${input.slice(pos, pos + 1)}"`);
  const after = input[pos + text.length];
  if (after !== undefined && IDENT_CHAR.test(after)) fail(pos, `bad number syntax: "${text}${after}"`);
  tokens.push({ kind: 'number', text, pos });
  return pos + text.length;
}
