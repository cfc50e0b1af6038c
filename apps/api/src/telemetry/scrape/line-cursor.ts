/** A malformed exposition line; the whole scrape fails with it, as Prometheus fails it. */
export class ExpositionError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'ExpositionError';
  }
}

const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^[+-]?inf(?:inity)?$/i;
const INTEGER = /^[+-]?\d+$/;

/**
 * Go's strconv.ParseFloat as Prometheus uses it: decimal notation, `Inf`/`Infinity` with an
 * optional sign and `NaN` in any case; no hex floats and no underscores (Prometheus rejects them).
 */
export function parseFloatToken(token: string): number | undefined {
  if (DECIMAL.test(token)) return Number(token);
  if (INFINITY.test(token)) return token.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(token)) return Number.NaN;
  return undefined;
}

/** A text-format timestamp: integer milliseconds. */
export function parseIntegerMs(token: string): number | undefined {
  if (!INTEGER.test(token)) return undefined;
  const value = Number(token);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Reads one line left to right; every read either advances or throws an ExpositionError. */
export class LineCursor {
  pos = 0;

  constructor(
    readonly text: string,
    readonly lineNumber: number,
  ) {}

  fail(detail: string): never {
    throw new ExpositionError(this.lineNumber, detail);
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  /** Skips spaces and tabs; returns how many were skipped. */
  skipBlanks(): number {
    const start = this.pos;
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
    return this.pos - start;
  }

  expect(char: string, what: string): void {
    if (this.peek() !== char) this.fail(`expected ${what}, found ${this.describeHere()}`);
    this.pos++;
  }

  tryConsume(char: string): boolean {
    if (this.peek() !== char) return false;
    this.pos++;
    return true;
  }

  metricName(): string | undefined {
    return this.sticky(METRIC_NAME);
  }

  labelName(): string | undefined {
    return this.sticky(LABEL_NAME);
  }

  /** A double-quoted string with `\\`, `\"` and `\n` escapes; other escapes stay as written, as in Prometheus. */
  quoted(): string {
    this.expect('"', 'a quoted string');
    let value = '';
    for (;;) {
      const char = this.text[this.pos++];
      if (char === undefined) this.fail('unterminated quoted string');
      if (char === '"') return value;
      if (char !== '\\') {
        value += char;
        continue;
      }
      const escaped = this.text[this.pos++];
      if (escaped === undefined) this.fail('unterminated quoted string');
      value += escaped === 'n' ? '\n' : escaped === '\\' || escaped === '"' ? escaped : `\\${escaped}`;
    }
  }

  /** A run of characters up to the next blank (a value or a timestamp). */
  token(): string {
    const start = this.pos;
    while (!this.done && this.peek() !== ' ' && this.peek() !== '\t') this.pos++;
    return this.text.slice(start, this.pos);
  }

  rest(): string {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }

  describeHere(): string {
    return this.done ? 'end of line' : JSON.stringify(this.text.slice(this.pos, this.pos + 12));
  }

  private sticky(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }
}
