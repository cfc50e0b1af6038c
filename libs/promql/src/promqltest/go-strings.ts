/**
 * Go's string literal rules (strconv.Unquote), which PromQL strings, test-file label values and
 * `expect string` lines follow: "double" with escapes, 'single' with the same escapes, `raw`.
 */
export function unquoteGoString(text: string): string {
  const quote = text[0];
  if (text.length < 2 || text[text.length - 1] !== quote) throw new Error(`invalid string literal ${text}`);
  const body = text.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) throw new Error(`invalid string literal ${text}`);
    return body.replace(/\r/g, '');
  }
  if (quote !== '"' && quote !== "'") throw new Error(`invalid string literal ${text}`);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === quote || c === '\n') throw new Error(`invalid string literal ${text}`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple = SIMPLE_ESCAPES[e ?? ''];
    if (simple !== undefined) {
      out += simple;
    } else if (e === quote) {
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw new Error(`invalid escape in ${text}`);
      out += e === 'x' ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(parseInt(hex, 16));
      i += width;
    } else if (e !== undefined && e >= '0' && e <= '7') {
      const octal = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(octal)) throw new Error(`invalid escape in ${text}`);
      out += String.fromCharCode(parseInt(octal, 8));
      i += 2;
    } else {
      throw new Error(`invalid escape \\${e ?? ''} in ${text}`);
    }
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** The end (exclusive) of the quoted string starting at `start`, honouring backslash escapes. */
export function quotedStringEnd(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += quote !== '`' && text[i] === '\\' ? 2 : 1;
  if (i >= text.length) throw new Error(`unterminated string starting at column ${start + 1}`);
  return i + 1;
}
