/**
 * Prometheus's checkAST: the type rules run after a syntactically clean parse. It also settles
 * vector matching: set operators become many-to-many, and matching is dropped (null) unless
 * both operands are instant vectors.
 */
import type { BinaryExpr, Call, Expr, PositionRange, ValueType, VectorSelector } from '../ast.js';
import { parseError } from '../errors.js';
import { functionSignature } from '../functions/signatures.js';
import { matcherMatches } from './matchers.js';

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPERATORS = new Set(['and', 'or', 'unless']);

/** The words Prometheus uses for value types in messages. */
export function documentedType(type: ValueType): string {
  if (type === 'vector') return 'instant vector';
  if (type === 'matrix') return 'range vector';
  return type;
}

export function typeOf(expr: Expr): ValueType {
  switch (expr.type) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'ParenExpr':
    case 'UnaryExpr':
      return typeOf(expr.expr);
    case 'BinaryExpr':
      return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'Call':
      return functionSignature(expr.func)?.returnType ?? 'vector';
  }
}

export class TypeChecker {
  constructor(private readonly query: string) {}

  check(expr: Expr): ValueType {
    switch (expr.type) {
      case 'NumberLiteral':
      case 'StringLiteral':
        break;
      case 'ParenExpr':
        this.check(expr.expr);
        break;
      case 'UnaryExpr': {
        const type = this.check(expr.expr);
        if (type !== 'scalar' && type !== 'vector') {
          const got = JSON.stringify(documentedType(type));
          this.fail(expr.pos, `unary expression only allowed on expressions of type scalar or instant vector, got ${got}`);
        }
        break;
      }
      case 'VectorSelector':
        this.checkSelector(expr);
        break;
      case 'MatrixSelector':
        this.check(expr.vector);
        break;
      case 'SubqueryExpr': {
        const type = this.check(expr.expr);
        if (type !== 'vector') this.fail(expr.pos, `subquery is only allowed on instant vector, got ${type} instead`);
        break;
      }
      case 'AggregateExpr':
        this.expectType(expr.expr, 'vector', 'aggregation expression');
        if (expr.param !== null) this.expectType(expr.param, expr.op === 'count_values' ? 'string' : 'scalar', 'aggregation parameter');
        break;
      case 'BinaryExpr':
        this.checkBinary(expr);
        break;
      case 'Call':
        this.checkCall(expr);
        break;
    }
    return typeOf(expr);
  }

  private fail(pos: PositionRange, message: string): never {
    throw parseError(this.query, pos, message);
  }

  private expectType(expr: Expr, want: ValueType, context: string): void {
    const type = this.check(expr);
    if (type !== want) this.fail(expr.pos, `expected type ${documentedType(want)} in ${context}, got ${documentedType(type)}`);
  }

  private checkSelector(selector: VectorSelector): void {
    if (selector.name !== null) {
      const other = selector.matchers.slice(1).find((m) => m.name === '__name__');
      if (other) this.fail(selector.pos, `metric name must not be set twice: ${JSON.stringify(selector.name)} or ${JSON.stringify(other.value)}`);
      return;
    }
    if (!selector.matchers.some((m) => !matcherMatches(m, ''))) {
      this.fail(selector.pos, 'vector selector must contain at least one non-empty matcher');
    }
  }

  private checkBinary(expr: BinaryExpr): void {
    const lt = this.check(expr.lhs);
    const rt = this.check(expr.rhs);
    const opPos = this.operatorPosition(expr);
    const isComparison = COMPARISONS.has(expr.op);
    const isSetOperator = SET_OPERATORS.has(expr.op);
    const matching = expr.matching;
    if (expr.returnBool && !isComparison) this.fail(opPos, 'bool modifier can only be used on comparison operators');
    if (isComparison && !expr.returnBool && lt === 'scalar' && rt === 'scalar') {
      this.fail(opPos, 'comparisons between scalars must use BOOL modifier');
    }
    if (matching !== null) {
      if (isSetOperator && matching.card === 'one-to-one') matching.card = 'many-to-many';
      const both = matching.on ? matching.labels.find((label) => matching.include.includes(label)) : undefined;
      if (both !== undefined) this.fail(opPos, `label ${JSON.stringify(both)} must not occur in ON and GROUP clause at once`);
    }
    if (lt !== 'scalar' && lt !== 'vector') this.fail(expr.lhs.pos, 'binary expression must contain only scalar and instant vector types');
    if (rt !== 'scalar' && rt !== 'vector') this.fail(expr.rhs.pos, 'binary expression must contain only scalar and instant vector types');
    if ((lt !== 'vector' || rt !== 'vector') && matching !== null) {
      if (matching.labels.length > 0) this.fail(expr.pos, 'vector matching only allowed between instant vectors');
      expr.matching = null;
    } else if (isSetOperator && matching !== null) {
      if (matching.card === 'one-to-many' || matching.card === 'many-to-one') {
        this.fail(expr.pos, `no grouping allowed for ${JSON.stringify(expr.op)} operation`);
      }
    }
    if ((lt === 'scalar' || rt === 'scalar') && isSetOperator) {
      this.fail(expr.pos, `set operator ${JSON.stringify(expr.op)} not allowed in binary scalar expression`);
    }
  }

  /** The operator and its modifiers, between the operands, trimmed of spaces. */
  private operatorPosition(expr: BinaryExpr): PositionRange {
    let start = expr.lhs.pos.end;
    let end = expr.rhs.pos.start;
    while (start < end && /\s/.test(this.query[start]!)) start++;
    while (end > start && /\s/.test(this.query[end - 1]!)) end--;
    return { start, end };
  }

  private checkCall(call: Call): void {
    const signature = functionSignature(call.func);
    if (!signature) return this.fail(call.pos, `unknown function with name ${JSON.stringify(call.func)}`);
    const { argTypes, variadic, name } = signature;
    const count = call.args.length;
    if (variadic === 0) {
      if (count !== argTypes.length) this.fail(call.pos, `expected ${argTypes.length} argument(s) in call to ${JSON.stringify(name)}, got ${count}`);
    } else {
      const minimum = variadic > 0 ? argTypes.length - variadic : argTypes.length - 1;
      if (count < minimum) this.fail(call.pos, `expected at least ${minimum} argument(s) in call to ${JSON.stringify(name)}, got ${count}`);
      if (variadic > 0 && count > argTypes.length) {
        this.fail(call.pos, `expected at most ${argTypes.length} argument(s) in call to ${JSON.stringify(name)}, got ${count}`);
      }
    }
    call.args.forEach((arg, i) => {
      const want = argTypes[Math.min(i, argTypes.length - 1)]!;
      const type = this.check(arg);
      if (type !== want) this.fail(arg.pos, `expected type ${documentedType(want)} in call to function ${JSON.stringify(name)}, got ${documentedType(type)}`);
    });
  }
}
