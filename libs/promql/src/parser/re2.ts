/**
 * Translates the RE2 syntax Prometheus users write into a JavaScript regex source. Node 20's
 * RegExp lacks inline flag groups, so case-insensitive spans (`(?i)`, `(?i:...)`) are spelled
 * out as `[aA]` and class ranges get their other case; POSIX classes (`[[:alpha:]]`), `\z`,
 * `\A`, `\Q...\E` and `(?P<name>` are rewritten. Anything unknown is passed through and left
 * for RegExp to accept or reject.
 */

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

const isLetter = (c: string): boolean => /[a-zA-Z]/.test(c);
const otherCase = (c: string): string => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
const escapeLiteral = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

export function re2ToJs(source: string): string {
  let out = '';
  const caseStack: boolean[] = [false];
  let i = 0;
  const caseless = (): boolean => caseStack[caseStack.length - 1]!;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        const literal = source.slice(i + 2, end < 0 ? source.length : end);
        out += caseless() ? [...literal].map((ch) => (isLetter(ch) ? `[${ch}${otherCase(ch)}]` : escapeLiteral(ch))).join('') : escapeLiteral(literal);
        i = end < 0 ? source.length : end + 2;
        continue;
      }
      out += next === 'z' ? '$' : next === 'A' ? '^' : `\\${next}`;
      i += 2;
      continue;
    }
    if (c === '[') {
      const [text, end] = translateClass(source, i, caseless());
      out += text;
      i = end;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const flags = /^\(\?([a-zA-Z-]*)(\)|:)/.exec(source.slice(i));
      if (flags) {
        const [on, off = ''] = flags[1]!.split('-');
        const nextCaseless = off.includes('i') ? false : on!.includes('i') ? true : caseless();
        if (flags[2] === ')') caseStack[caseStack.length - 1] = nextCaseless;
        else {
          caseStack.push(nextCaseless);
          out += '(?:';
        }
        i += flags[0].length;
        continue;
      }
      if (source.startsWith('(?P<', i)) {
        const close = source.indexOf('>', i);
        caseStack.push(caseless());
        out += `(?<${source.slice(i + 4, close < 0 ? source.length : close + 1)}`;
        i = close < 0 ? source.length : close + 1;
        continue;
      }
    }
    if (c === '(') caseStack.push(caseless());
    if (c === ')' && caseStack.length > 1) caseStack.pop();
    out += caseless() && isLetter(c) ? `[${c}${otherCase(c)}]` : c;
    i++;
  }
  return out;
}

/** Copies the class starting at `start` (`[`), returning the translation and the index after `]`. */
function translateClass(source: string, start: number, caseless: boolean): [string, number] {
  let i = start + 1;
  let body = '';
  let negated = '';
  if (source[i] === '^') {
    negated = '^';
    i++;
  }
  const extra: string[] = [];
  let first = true;
  while (i < source.length && (source[i] !== ']' || first)) {
    first = false;
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(source.slice(i));
    if (posix && POSIX_CLASSES[posix[2]!] !== undefined && posix[1] === '') {
      body += POSIX_CLASSES[posix[2]!];
      i += posix[0].length;
      continue;
    }
    let atom = source[i]!;
    if (atom === '\\') atom += source[i + 1] ?? '';
    else if (atom === '[' || atom === ']') atom = `\\${atom}`;
    i += source[i] === '\\' ? 2 : 1;
    if (source[i] === '-' && source[i + 1] !== ']' && source[i + 1] !== undefined) {
      const high = source[i + 1] === '\\' ? source.slice(i + 1, i + 3) : source[i + 1]!;
      i += 1 + high.length;
      body += `${atom}-${high}`;
      if (caseless && /^[a-z]$/i.test(atom) && /^[a-z]$/i.test(high)) extra.push(`${otherCase(atom)}-${otherCase(high)}`);
      continue;
    }
    body += atom;
    if (caseless && isLetter(atom)) extra.push(otherCase(atom));
  }
  return [`[${negated}${body}${extra.join('')}]`, i + 1];
}
