/**
 * Durations inside `[...]` and after `offset`: a number (seconds) or a duration literal, with
 * a sign for offsets. Arithmetic, parentheses and min_of/max_of are Prometheus's experimental
 * duration expressions, accepted only with enableExperimental; step() and range() depend on
 * the query and cannot be folded into the AST's fixed milliseconds.
 */
import type { SyntaxNode } from '@lezer/common';
import type { PositionRange } from '../ast.js';
import { parseError } from '../errors.js';
import { DurationError } from './duration.js';
import { LiteralError, parseNumberText } from './literals.js';

export type DurationContext = 'range' | 'step' | 'offset';

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => a / b,
  Mod: (a, b) => a % b,
  Pow: (a, b) => a ** b,
};

export class DurationExpressions {
  constructor(
    private readonly query: string,
    private readonly literalText: (node: SyntaxNode) => { text: string; end: number },
    private readonly experimental: boolean,
  ) {}

  /** Milliseconds for a DurationExpr / OffsetDurationExpr node. */
  evaluate(node: SyntaxNode, context: DurationContext): number {
    const pos = { start: node.from, end: node.to };
    if (!this.isPlain(node, context) && !this.experimental) throw this.error(pos, 'experimental duration expression is not enabled');
    const seconds = this.seconds(node);
    if (!Number.isFinite(seconds)) throw this.error(pos, 'duration out of range');
    // Round at microseconds first: 1.001 s is 1000.9999… ms in binary floating point, not 1000.
    const ms = Math.trunc(Math.round(seconds * 1e6) / 1000);
    if (context === 'range' && ms <= 0) throw this.error(pos, 'duration must be greater than 0');
    if (context === 'step' && ms < 0) throw this.error(pos, 'step must be greater than or equal to 0');
    return ms;
  }

  private isPlain(node: SyntaxNode, context: DurationContext): boolean {
    const first = node.firstChild;
    if (first === null) return false;
    if (first.name === 'NumberDurationLiteralInDurationContext') return true;
    if (context !== 'offset' || first.name !== 'UnaryOp') return false;
    return first.nextSibling?.firstChild?.name === 'NumberDurationLiteralInDurationContext';
  }

  private seconds(node: SyntaxNode): number {
    const kids: SyntaxNode[] = [];
    for (let child = node.firstChild; child !== null; child = child.nextSibling) kids.push(child);
    const [first, second, third] = kids;
    const pos = { start: node.from, end: node.to };
    if (first === undefined) throw this.error(pos, 'expected number literal or duration expression');
    switch (first.name) {
      case 'NumberDurationLiteralInDurationContext':
        return this.literal(first);
      case 'UnaryOp': {
        const value = this.seconds(second!);
        return this.query[first.from] === '-' ? -value : value;
      }
      case 'DurationMinOf':
      case 'DurationMaxOf': {
        const a = this.seconds(second!);
        const b = this.seconds(third!);
        return first.name === 'DurationMinOf' ? Math.min(a, b) : Math.max(a, b);
      }
      case 'DurationStep':
      case 'DurationRange':
        throw this.error(pos, 'step() and range() are not supported in duration expressions');
      case 'DurationExpr':
      case 'OffsetDurationExpr': {
        if (second === undefined) return this.seconds(first);
        const apply = ARITHMETIC[second.name];
        if (!apply || !third) throw this.error(pos, 'expected number literal or duration expression');
        return apply(this.seconds(first), this.seconds(third));
      }
      default:
        throw this.error(pos, 'expected number literal or duration expression');
    }
  }

  private literal(node: SyntaxNode): number {
    const { text, end } = this.literalText(node);
    const pos = { start: node.from, end };
    try {
      const seconds = parseNumberText(text);
      if (seconds === 0 && /[a-z]$/.test(text)) throw new DurationError('duration must be greater than 0');
      return seconds;
    } catch (error) {
      if (error instanceof LiteralError || error instanceof DurationError) throw this.error(pos, error.message);
      throw error;
    }
  }

  private error(pos: PositionRange, message: string): Error {
    return parseError(this.query, pos, message);
  }
}
