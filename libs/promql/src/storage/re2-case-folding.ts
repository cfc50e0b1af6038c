/**
 * RE2 inline case-insensitive groups for JavaScript regexes. Offered to parser/matchers.ts, whose
 * compileLabelRegex only handles a leading `(?i)`; Prometheus's own tests use `.*(?i:PRO).*` and
 * `.*((?i)DUC).*` too.
 *
 * Node 20's RegExp has no inline `(?i)` / `(?i:...)` modifiers, which RE2 patterns use; letters
 * inside such a scope are rewritten to both cases (`a` → `[aA]`) so the rest stays one JS regex.
 */
export function translateCaseFolding(pattern: string): string {
  if (!pattern.includes('(?')) return pattern;
  let out = '';
  // One entry per open group: whether case folding was on before it (restored at its `)`).
  const groups: boolean[] = [];
  let fold = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += pattern.slice(i, i + 2);
      i += 2;
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      out += fold ? foldClass(pattern.slice(i, end)) : pattern.slice(i, end);
      i = end;
    } else if (c === '(') {
      const flags = /^\(\?([a-zA-Z-]+)(:|\))/.exec(pattern.slice(i));
      if (flags) {
        const on = flagState(flags[1]!, fold);
        if (flags[2] === ')') {
          fold = on;
        } else {
          groups.push(fold);
          fold = on;
          out += '(?:';
        }
        i += flags[0].length;
      } else {
        groups.push(fold);
        out += c;
        i++;
      }
    } else if (c === ')') {
      fold = groups.pop() ?? fold;
      out += c;
      i++;
    } else {
      out += fold && c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
      i++;
    }
  }
  return out;
}

function flagState(flags: string, current: boolean): boolean {
  const [set, unset = ''] = flags.split('-');
  if (unset.includes('i')) return false;
  if (set!.includes('i')) return true;
  return current;
}

function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** `[a-c_]` → `[a-cA-C_]`: every letter or letter range gains its other case. */
function foldClass(cls: string): string {
  const body = cls.slice(1, -1);
  let extra = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    const isRange = body[i + 1] === '-' && i + 2 < body.length;
    const hi = isRange ? body[i + 2]! : c;
    if (isLetter(c) && isLetter(hi)) extra += isRange ? `${swapCase(c)}-${swapCase(hi)}` : swapCase(c);
    if (isRange) i += 2;
  }
  return `[${body}${extra}]`;
}

function isLetter(c: string): boolean {
  return /^[a-zA-Z]$/.test(c);
}

function swapCase(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}
