/**
 * Renders an AST as PromQL in Prometheus's style (`sum by (job) (rate(x[5m]))`,
 * `a + on (x) group_left (y) b`, `foo @ 10.000 offset 5m`). Parsing the output gives the same AST
 * (positions aside), so it is safe for rule export.
 */
import type { AtModifier, BinaryExpr, Expr, LabelMatcher, VectorSelector } from '../ast.js';
import { formatDuration } from './duration.js';
import { quoteString } from './literals.js';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Words lezer-promql would read as keywords where a metric name stands alone. */
const RESERVED = new Set(['bool', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'inf', 'nan']);

export function printExpr(expr: Expr): string {
  switch (expr.type) {
    case 'NumberLiteral':
      return formatNumber(expr.value);
    case 'StringLiteral':
      return quoteString(expr.value);
    case 'ParenExpr':
      return `(${printExpr(expr.expr)})`;
    case 'UnaryExpr':
      return `${expr.op}${printExpr(expr.expr)}`;
    case 'VectorSelector':
      return printSelector(expr) + modifiers(expr.at, expr.offset);
    case 'MatrixSelector':
      return `${printSelector(expr.vector)}[${formatDuration(expr.range)}]${modifiers(expr.vector.at, expr.vector.offset)}`;
    case 'SubqueryExpr': {
      const step = expr.step === 0 ? '' : formatDuration(expr.step);
      return `${printExpr(expr.expr)}[${formatDuration(expr.range)}:${step}]${modifiers(expr.at, expr.offset)}`;
    }
    case 'BinaryExpr':
      return printBinary(expr);
    case 'AggregateExpr': {
      let grouping = '';
      if (expr.without) grouping = ` without (${expr.grouping.map(printLabelName).join(', ')}) `;
      else if (expr.grouping.length > 0) grouping = ` by (${expr.grouping.map(printLabelName).join(', ')}) `;
      const args = expr.param === null ? printExpr(expr.expr) : `${printExpr(expr.param)}, ${printExpr(expr.expr)}`;
      return `${expr.op}${grouping}(${args})`;
    }
    case 'Call':
      return `${expr.func}(${expr.args.map(printExpr).join(', ')})`;
  }
}

function printBinary(expr: BinaryExpr): string {
  let modifier = expr.returnBool ? ' bool' : '';
  const matching = expr.matching;
  if (matching !== null) {
    const grouped = matching.card === 'many-to-one' || matching.card === 'one-to-many';
    if (matching.on || matching.labels.length > 0 || grouped) {
      modifier += ` ${matching.on ? 'on' : 'ignoring'} (${matching.labels.map(printLabelName).join(', ')})`;
    }
    if (grouped) {
      const side = matching.card === 'many-to-one' ? 'group_left' : 'group_right';
      modifier += matching.include.length > 0 ? ` ${side} (${matching.include.map(printLabelName).join(', ')})` : ` ${side}`;
    }
  }
  return `${printExpr(expr.lhs)} ${expr.op}${modifier} ${printExpr(expr.rhs)}`;
}

function printSelector(selector: VectorSelector): string {
  const name = selector.name;
  const showName = name !== null && METRIC_NAME.test(name) && !RESERVED.has(name.toLowerCase());
  const rest = showName ? selector.matchers.slice(1) : selector.matchers;
  if (showName && rest.length === 0) return name;
  return `${showName ? name : ''}{${rest.map(printMatcher).join(', ')}}`;
}

function printMatcher(matcher: LabelMatcher): string {
  return `${printLabelName(matcher.name)}${matcher.op}${quoteString(matcher.value)}`;
}

function printLabelName(name: string): string {
  return LABEL_NAME.test(name) ? name : quoteString(name);
}

function modifiers(at: AtModifier | null, offset: number): string {
  let out = '';
  if (at !== null) out += at.kind === 'timestamp' ? ` @ ${(at.ms / 1000).toFixed(3)}` : ` @ ${at.kind}()`;
  if (offset !== 0) out += ` offset ${formatDuration(offset)}`;
  return out;
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
