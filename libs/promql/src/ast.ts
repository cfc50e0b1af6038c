/**
 * The PromQL syntax tree the evaluator walks. The parser (./parser) builds it from the
 * lezer-promql concrete tree and type-checks it; nothing else constructs it except tests.
 * All durations and timestamps are integer milliseconds, as in Prometheus.
 */

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** Character offsets into the query text, end exclusive. */
export interface PositionRange {
  start: number;
  end: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  op: MatchOp;
  name: string;
  value: string;
}

/** `@ start()` / `@ end()` are resolved by the engine against the query's start and end. */
export type AtModifier = { kind: 'timestamp'; ms: number } | { kind: 'start' } | { kind: 'end' };

export interface NumberLiteral {
  type: 'NumberLiteral';
  value: number;
  pos: PositionRange;
}

export interface StringLiteral {
  type: 'StringLiteral';
  value: string;
  pos: PositionRange;
}

export interface VectorSelector {
  type: 'VectorSelector';
  /** The metric name when written outside the braces (`foo{...}`); it is also one of `matchers`. */
  name: string | null;
  /** Every matcher, including `__name__="foo"` for a bare metric name. */
  matchers: LabelMatcher[];
  /** Offset in ms; negative for `offset -5m`. */
  offset: number;
  at: AtModifier | null;
  pos: PositionRange;
}

export interface MatrixSelector {
  type: 'MatrixSelector';
  vector: VectorSelector;
  /** Range in ms (`[5m]` → 300000). */
  range: number;
  pos: PositionRange;
}

export interface SubqueryExpr {
  type: 'SubqueryExpr';
  expr: Expr;
  range: number;
  /** Resolution in ms; 0 means "the default evaluation interval" (engine option). */
  step: number;
  offset: number;
  at: AtModifier | null;
  pos: PositionRange;
}

export interface ParenExpr {
  type: 'ParenExpr';
  expr: Expr;
  pos: PositionRange;
}

export interface UnaryExpr {
  type: 'UnaryExpr';
  op: '-' | '+';
  expr: Expr;
  pos: PositionRange;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export type VectorMatchCardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: VectorMatchCardinality;
  /** true for `on(...)`, false for `ignoring(...)` or no clause. */
  on: boolean;
  /** The labels of `on(...)` / `ignoring(...)`. */
  labels: string[];
  /** The extra labels of `group_left(...)` / `group_right(...)`. */
  include: string[];
}

export interface BinaryExpr {
  type: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** The `bool` modifier on a comparison. */
  returnBool: boolean;
  /** Present when both sides are instant vectors; set operators are always many-to-many. */
  matching: VectorMatching | null;
  pos: PositionRange;
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values'
  | 'limitk'
  | 'limit_ratio';

export interface AggregateExpr {
  type: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr;
  /** The parameter of topk/bottomk/quantile/count_values/limitk/limit_ratio. */
  param: Expr | null;
  grouping: string[];
  /** true for `without (...)`, false for `by (...)` or no clause. */
  without: boolean;
  pos: PositionRange;
}

export interface Call {
  type: 'Call';
  /** The function name as in ./functions/signatures.ts. */
  func: string;
  args: Expr[];
  pos: PositionRange;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | AggregateExpr
  | Call;
