/**
 * Builds the AST of ../ast.ts from lezer-promql's concrete tree, raising the errors Prometheus
 * raises while parsing (its grammar actions); type rules come afterwards in ./type-check.ts.
 */
import type { SyntaxNode } from '@lezer/common';
import type {
  AggregateExpr, AggregateOp, AtModifier, BinaryExpr, BinaryOp, Call, Expr, LabelMatcher, MatchOp, NumberLiteral, PositionRange,
  VectorMatching, VectorSelector,
} from '../ast.js';
import { parseError } from '../errors.js';
import { functionSignature } from '../functions/signatures.js';
import { DurationError } from './duration.js';
import { DurationExpressions } from './duration-expr.js';
import { LiteralError, parseNumberText, unquoteString } from './literals.js';
import { regexError } from './matchers.js';
import type { ParsedSource } from './syntax.js';

export interface ConvertOptions {
  enableExperimental: boolean;
}

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^', Mul: '*', Div: '/', Mod: '%', Atan2: 'atan2', Add: '+', Sub: '-', Eql: '==', Neq: '!=', Gtr: '>', Lss: '<',
  Gte: '>=', Lte: '<=', And: 'and', Or: 'or', Unless: 'unless',
};
const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };
const PARAM_AGGREGATIONS = new Set<AggregateOp>(['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio']);

export class AstBuilder {
  private readonly durations: DurationExpressions;

  constructor(
    private readonly query: string,
    private readonly source: ParsedSource,
    private readonly options: ConvertOptions,
  ) {
    this.durations = new DurationExpressions(query, (node) => this.literalText(node), options.enableExperimental);
  }

  build(): Expr {
    const top = this.source.tree.topNode;
    const child = top.firstChild;
    if (child === null) throw parseError(this.query, { start: 0, end: 0 }, 'no expression found in input');
    return this.expr(child);
  }

  private expr(node: SyntaxNode): Expr {
    const pos = { start: node.from, end: node.to };
    switch (node.name) {
      case 'NumberDurationLiteral':
        return this.numberLiteral(node);
      case 'StringLiteral':
        return { type: 'StringLiteral', value: this.stringValue(node), pos };
      case 'ParenExpr':
        return { type: 'ParenExpr', expr: this.expr(this.exprChildren(node)[0]!), pos };
      case 'UnaryExpr':
        return this.unary(node);
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.matrixSelector(node);
      case 'SubqueryExpr':
        return this.subquery(node);
      case 'OffsetExpr':
        return this.offset(node);
      case 'StepInvariantExpr':
        return this.at(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AnchoredExpr':
      case 'SmoothedExpr': {
        const modifier = node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed';
        throw this.error(pos, `${modifier} modifier is experimental and not enabled`);
      }
      default:
        throw this.error(pos, `unexpected ${node.name}`);
    }
  }

  private exprChildren(node: SyntaxNode): SyntaxNode[] {
    return children(node).filter((child) => child.type.is('Expr'));
  }

  private error(pos: PositionRange, message: string): Error {
    return parseError(this.query, pos, message);
  }

  /** The literal as written in the query (lezer may have read a rewritten spelling). */
  private literalText(node: SyntaxNode): { text: string; end: number } {
    const token = this.source.tokenAt.get(node.from);
    if (token && token.end >= node.to) return { text: token.text, end: token.end };
    return { text: this.query.slice(node.from, node.to), end: node.to };
  }

  private numberLiteral(node: SyntaxNode): NumberLiteral {
    const raw = this.query.slice(node.from, node.to);
    const sign = raw[0] === '-' || raw[0] === '+' ? raw[0] : '';
    let bodyStart = node.from + sign.length;
    while (/\s/.test(this.query[bodyStart] ?? '')) bodyStart++;
    const { text, end } = this.literalText({ from: bodyStart, to: node.to } as SyntaxNode);
    const value = this.numberValue(text, { start: bodyStart, end });
    return { type: 'NumberLiteral', value: sign === '-' ? -value : value, pos: { start: node.from, end } };
  }

  numberValue(text: string, pos: PositionRange): number {
    try {
      const value = parseNumberText(text);
      if (value === 0 && /[a-z]$/.test(text)) throw new DurationError('duration must be greater than 0');
      return value;
    } catch (error) {
      if (error instanceof LiteralError || error instanceof DurationError) throw this.error(pos, error.message);
      throw error;
    }
  }

  private stringValue(node: SyntaxNode): string {
    try {
      return unquoteString(this.query.slice(node.from, node.to));
    } catch (error) {
      if (error instanceof LiteralError) throw this.error({ start: node.from, end: node.to }, error.message);
      throw error;
    }
  }

  private unary(node: SyntaxNode): Expr {
    const op = this.query.slice(node.from, node.from + 1) as '-' | '+';
    const operand = this.expr(this.exprChildren(node)[0]!);
    const pos = { start: node.from, end: operand.pos.end };
    if (operand.type === 'NumberLiteral') return { ...operand, value: op === '-' ? -operand.value : operand.value, pos };
    return { type: 'UnaryExpr', op, expr: operand, pos };
  }

  private vectorSelector(node: SyntaxNode): VectorSelector {
    const identifier = node.getChild('Identifier');
    const name = identifier ? this.query.slice(identifier.from, identifier.to) : null;
    const matchers: LabelMatcher[] = name === null ? [] : [{ op: '=', name: '__name__', value: name }];
    for (const matcher of children(node.getChild('LabelMatchers'))) {
      if (matcher.name === 'QuotedLabelName') {
        matchers.push({ op: '=', name: '__name__', value: this.stringValue(matcher.firstChild!) });
        continue;
      }
      const labelNode = matcher.getChild('LabelName') ?? matcher.getChild('QuotedLabelName')!.firstChild!;
      const label = labelNode.name === 'LabelName' ? this.query.slice(labelNode.from, labelNode.to) : this.stringValue(labelNode);
      const op = MATCH_OPS[matcher.getChild('MatchOp')!.firstChild!.name]!;
      const valueNode = matcher.getChild('StringLiteral')!;
      const value = this.stringValue(valueNode);
      if (op === '=~' || op === '!~') {
        const problem = regexError(value);
        if (problem !== null) throw this.error({ start: matcher.from, end: valueNode.to }, problem);
      }
      matchers.push({ op, name: label, value });
    }
    return { type: 'VectorSelector', name, matchers, offset: 0, at: null, pos: { start: node.from, end: node.to } };
  }

  /**
   * lezer-promql lets postfix modifiers (`[5m]`, `[5m:]`, `offset`, `@`) take a whole binary or
   * unary expression on their left; in Prometheus they bind tighter than any operator, so
   * `a or b offset 5m` is `a or (b offset 5m)`. The modifier moves down to the rightmost operand.
   */
  private postfix(node: SyntaxNode, apply: (target: Expr) => Expr): Expr {
    const push = (expr: Expr): Expr => {
      if (expr.type === 'BinaryExpr') {
        expr.rhs = push(expr.rhs);
        return withEnd(expr, expr.rhs.pos.end);
      }
      if (expr.type === 'UnaryExpr') {
        expr.expr = push(expr.expr);
        return withEnd(expr, expr.expr.pos.end);
      }
      return apply(expr);
    };
    return push(this.expr(this.exprChildren(node)[0]!));
  }

  private matrixSelector(node: SyntaxNode): Expr {
    const range = this.durations.evaluate(node.getChild('DurationExpr')!, 'range');
    return this.postfix(node, (vector) => {
      const bracket = { start: this.query.indexOf('[', vector.pos.end), end: node.to };
      if (vector.type !== 'VectorSelector') throw this.error(bracket, 'ranges only allowed for vector selectors');
      if (vector.offset !== 0) throw this.error(bracket, 'no offset modifiers allowed before range');
      if (vector.at !== null) throw this.error(bracket, 'no @ modifiers allowed before range');
      return { type: 'MatrixSelector', vector, range, pos: { start: vector.pos.start, end: node.to } };
    });
  }

  private subquery(node: SyntaxNode): Expr {
    const [rangeNode, stepNode] = node.getChildren('DurationExpr');
    const range = this.durations.evaluate(rangeNode!, 'range');
    const step = stepNode ? this.durations.evaluate(stepNode, 'step') : 0;
    return this.postfix(node, (expr) => ({
      type: 'SubqueryExpr', expr, range, step, offset: 0, at: null, pos: { start: expr.pos.start, end: node.to },
    }));
  }

  private offset(node: SyntaxNode): Expr {
    const offset = this.durations.evaluate(node.getChild('OffsetDurationExpr')!, 'offset');
    return this.postfix(node, (target) => {
      const pos = { start: target.pos.start, end: node.to };
      const holder = this.modifierHolder(target, pos, 'offset modifier');
      if (holder.offset !== 0) throw this.error(pos, 'offset may not be set multiple times');
      holder.offset = offset;
      return withEnd(target, node.to);
    });
  }

  private at(node: SyntaxNode): Expr {
    const preprocessor = node.getChild('AtModifierPreprocessors');
    const timestamp = preprocessor ? null : node.getChild('NumberDurationLiteral')!;
    return this.postfix(node, (target) => {
      const pos = { start: target.pos.start, end: node.to };
      const holder = this.modifierHolder(target, pos, '@ modifier');
      if (holder.at !== null) throw this.error(pos, '@ <timestamp> may not be set multiple times');
      if (timestamp === null) {
        holder.at = { kind: preprocessor!.firstChild!.name === 'AtStart' ? 'start' : 'end' };
      } else {
        const seconds = this.numberLiteral(timestamp).value;
        if (!Number.isFinite(seconds) || Math.abs(seconds) >= 9.223372036854776e18) {
          throw this.error(pos, `timestamp out of bounds for @ modifier: ${formatGoFloat(seconds)}`);
        }
        holder.at = { kind: 'timestamp', ms: roundHalfAwayFromZero(seconds * 1000) };
      }
      return withEnd(target, node.to);
    });
  }

  /** The node an offset or @ belongs to: the selector itself, a range's selector, or a subquery. */
  private modifierHolder(target: Expr, pos: PositionRange, what: string): { offset: number; at: AtModifier | null } {
    if (target.type === 'VectorSelector' || target.type === 'SubqueryExpr') return target;
    if (target.type === 'MatrixSelector') return target.vector;
    throw this.error(pos, `${what} must be preceded by an instant vector selector or range vector selector or a subquery`);
  }

  private binary(node: SyntaxNode): Expr {
    const [lhsNode, rhsNode] = this.exprChildren(node);
    const opNode = children(node).find((child) => child.name in BINARY_OPS);
    if (!opNode) throw this.error({ start: node.from, end: node.to }, 'unsupported binary operator');
    const op = BINARY_OPS[opNode.name]!;
    if (node.getChild('FillModifier')) throw this.error({ start: node.from, end: node.to }, 'fill modifiers are not supported');
    const matching: VectorMatching = { card: 'one-to-one', on: false, labels: [], include: [] };
    const clause = node.getChild('MatchingModifierClause');
    if (clause) {
      const [labels, include] = clause.getChildren('GroupingLabels');
      matching.on = clause.getChild('On') !== null;
      matching.labels = this.groupingLabels(labels!);
      if (clause.getChild('GroupLeft')) matching.card = 'many-to-one';
      if (clause.getChild('GroupRight')) matching.card = 'one-to-many';
      matching.include = include ? this.groupingLabels(include) : [];
    }
    const returnBool = node.getChild('BoolModifier') !== null;
    // lezer reads `-1 ^ 2` as (-1)^2; Prometheus binds ^ tighter than the sign: -(1^2).
    const lhsText = this.query.slice(lhsNode!.from, lhsNode!.to);
    if (op === '^' && lhsNode!.name === 'NumberDurationLiteral' && /^[-+]/.test(lhsText)) {
      const literal = this.numberLiteral(lhsNode!);
      const rhs = this.expr(rhsNode!);
      let start = lhsNode!.from + 1;
      while (/\s/.test(this.query[start] ?? '')) start++;
      const magnitude: NumberLiteral = { ...literal, value: Math.abs(literal.value), pos: { start, end: literal.pos.end } };
      const power: BinaryExpr = { type: 'BinaryExpr', op, lhs: magnitude, rhs, returnBool, matching, pos: { start, end: rhs.pos.end } };
      return { type: 'UnaryExpr', op: lhsText[0] as '-' | '+', expr: power, pos: { start: node.from, end: rhs.pos.end } };
    }
    const lhs = this.expr(lhsNode!);
    const rhs = this.expr(rhsNode!);
    return { type: 'BinaryExpr', op, lhs, rhs, returnBool, matching, pos: { start: lhs.pos.start, end: rhs.pos.end } };
  }

  private groupingLabels(node: SyntaxNode): string[] {
    return children(node).map((label) =>
      label.name === 'QuotedLabelName' ? this.stringValue(label.firstChild!) : this.query.slice(label.from, label.to),
    );
  }

  private aggregate(node: SyntaxNode): AggregateExpr {
    const pos = { start: node.from, end: node.to };
    const op = this.query.slice(node.from, node.getChild('AggregateOp')!.to).toLowerCase() as AggregateOp;
    const modifier = node.getChild('AggregateModifier');
    const args = this.exprChildren(node.getChild('FunctionCallBody')!).map((arg) => this.expr(arg));
    if (args.length === 0) throw this.error(pos, 'no arguments for aggregate expression provided');
    if ((op === 'limitk' || op === 'limit_ratio') && !this.options.enableExperimental) {
      throw this.error(pos, 'limitk() and limit_ratio() are experimental and must be enabled with --enable-feature=promql-experimental-functions');
    }
    const wanted = PARAM_AGGREGATIONS.has(op) ? 2 : 1;
    if (args.length !== wanted) {
      throw this.error(pos, `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${args.length}`);
    }
    return {
      type: 'AggregateExpr',
      op,
      expr: args[wanted - 1]!,
      param: wanted === 2 ? args[0]! : null,
      grouping: modifier ? this.groupingLabels(modifier.getChild('GroupingLabels')!) : [],
      without: modifier?.getChild('Without') != null,
      pos,
    };
  }

  private call(node: SyntaxNode): Call {
    const identifier = node.getChild('FunctionIdentifier')!;
    const func = this.query.slice(identifier.from, identifier.to);
    const namePos = { start: identifier.from, end: identifier.to };
    const signature = functionSignature(func);
    if (!signature) throw this.error(namePos, `unknown function with name ${JSON.stringify(func)}`);
    if (signature.experimental && !this.options.enableExperimental) {
      throw this.error(namePos, `function ${JSON.stringify(func)} is not enabled`);
    }
    const body = node.getChild('FunctionCallBody')!;
    const args = this.exprChildren(body).map((arg) => this.expr(arg));
    return { type: 'Call', func, args, pos: { start: node.from, end: node.to } };
  }
}

function children(node: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node?.firstChild ?? null; child !== null; child = child.nextSibling) out.push(child);
  return out;
}

function withEnd<T extends Expr>(expr: T, end: number): T {
  expr.pos = { start: expr.pos.start, end };
  return expr;
}

function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return value.toFixed(6);
}
