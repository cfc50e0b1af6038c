import type { Expr } from '../ast.js';
import { PromqlError } from '../errors.js';
import { labelsKey, type Labels } from '../labels.js';
import { parseExpr } from '../parser/parser.js';
import type { Queryable } from '../storage/storage.js';
import type { Matrix, QueryValue, Series, Vector } from '../values.js';
import { Annotations } from './annotations.js';
import { EvalContext, type EvalSettings } from './context.js';
import { Evaluator, unwrapParens } from './evaluator.js';
import { gridTime, upperBound, type EvalValue, type StepGrid } from './types.js';

export interface EngineOptions {
  /** How far back an instant selector looks for the latest sample (Prometheus default 5m). */
  lookbackDeltaMs?: number;
  /** Refuse a query that would hold more samples than this at once ("query processing would load too many samples"). */
  maxSamples?: number;
  /** Subquery step when `[range:]` gives none (Prometheus: the global evaluation interval, 1m). */
  defaultSubqueryStepMs?: number;
  /** Allow experimental functions and aggregations (limitk, limit_ratio, mad_over_time, ...). */
  enableExperimental?: boolean;
  /** Most points per series a range query may ask for (Prometheus's HTTP API refuses more than 11,000). */
  maxPointsPerSeries?: number;
}

export interface QueryResult {
  value: QueryValue;
  /** PromQL warnings (e.g. "metric might not be a counter"), Prometheus's `warnings`. */
  warnings: string[];
  /** PromQL info annotations, Prometheus's `infos`. */
  infos: string[];
}

const DEFAULTS = {
  lookbackDeltaMs: 5 * 60_000,
  maxSamples: 50_000_000,
  defaultSubqueryStepMs: 60_000,
  maxPointsPerSeries: 11_000,
};

/** Evaluates PromQL over a Queryable. Time is always explicit: the engine never reads a clock. */
export class Engine {
  private readonly settings: EvalSettings & { maxPointsPerSeries: number };

  constructor(
    readonly storage: Queryable,
    readonly options: EngineOptions = {},
  ) {
    this.settings = {
      lookbackDeltaMs: options.lookbackDeltaMs ?? DEFAULTS.lookbackDeltaMs,
      maxSamples: options.maxSamples ?? DEFAULTS.maxSamples,
      defaultSubqueryStepMs: options.defaultSubqueryStepMs ?? DEFAULTS.defaultSubqueryStepMs,
      enableExperimental: options.enableExperimental ?? false,
      maxPointsPerSeries: options.maxPointsPerSeries ?? DEFAULTS.maxPointsPerSeries,
    };
  }

  /** `query` is a PromQL string (parsed here) or an already parsed expression. */
  instantQuery(query: string | Expr, timeMs: number): QueryResult {
    const { expr, text } = this.parse(query);
    const annotations = new Annotations(text);
    const ctx = new EvalContext(this.storage, this.settings, annotations, timeMs, timeMs);
    const value = new Evaluator(ctx, { start: timeMs, step: 1, count: 1 }).eval(expr);
    const queryValue = instantValue(value, timeMs);
    if (queryValue.type === 'vector' && !ordersItsResult(expr)) sortByLabels(queryValue.samples);
    return result(queryValue, annotations);
  }

  rangeQuery(query: string | Expr, startMs: number, endMs: number, stepMs: number): QueryResult {
    if (endMs < startMs) throw new PromqlError('end timestamp must not be before start time', 'bad_data');
    if (!(stepMs > 0)) {
      throw new PromqlError('zero or negative query resolution step widths are not accepted. Try a positive integer', 'bad_data');
    }
    if (Math.trunc((endMs - startMs) / stepMs) > this.settings.maxPointsPerSeries) {
      throw new PromqlError(
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
        'bad_data',
      );
    }
    const { expr, text } = this.parse(query);
    const type = staticType(expr);
    if (type === 'matrix' || type === 'string') {
      const name = type === 'matrix' ? 'range vector' : 'string';
      throw new PromqlError(`invalid expression type "${name}" for range query, must be Scalar or instant Vector`, 'bad_data');
    }
    const annotations = new Annotations(text);
    const grid: StepGrid = { start: startMs, step: stepMs, count: Math.floor((endMs - startMs) / stepMs) + 1 };
    const ctx = new EvalContext(this.storage, this.settings, annotations, startMs, endMs, grid.count > 1);
    const value = new Evaluator(ctx, grid).eval(expr);
    return result(rangeValue(value, grid), annotations);
  }

  private parse(query: string | Expr): { expr: Expr; text: string | undefined } {
    if (typeof query !== 'string') return { expr: query, text: undefined };
    return { expr: parseExpr(query, { enableExperimental: this.settings.enableExperimental }), text: query };
  }
}

function result(value: QueryValue, annotations: Annotations): QueryResult {
  return { value, warnings: [...annotations.warnings], infos: [...annotations.infos] };
}

function staticType(expr: Expr): 'matrix' | 'string' | 'other' {
  const inner = unwrapParens(expr);
  if (inner.type === 'MatrixSelector' || inner.type === 'SubqueryExpr') return 'matrix';
  if (inner.type === 'StringLiteral') return 'string';
  return 'other';
}

function instantValue(value: EvalValue, timeMs: number): QueryValue {
  switch (value.type) {
    case 'scalar':
      return { type: 'scalar', t: timeMs, v: value.values[0]! };
    case 'string':
      return { type: 'string', t: timeMs, v: value.value };
    case 'vector': {
      const samples: Vector = [];
      for (const s of value.series) if (s.present[0]) samples.push({ labels: s.labels, t: timeMs, v: s.values[0]! });
      return { type: 'vector', samples };
    }
    case 'matrix': {
      const series: Matrix = [];
      const end = value.windowEnds[0]!;
      for (const s of value.series) {
        const from = upperBound(s.t, end - value.range);
        const to = upperBound(s.t, end, from);
        if (to === from) continue;
        const points = [];
        for (let i = from; i < to; i++) points.push({ t: s.t[i]!, v: s.v[i]! });
        series.push({ labels: s.labels, points });
      }
      return { type: 'matrix', series };
    }
  }
}

function rangeValue(value: EvalValue, grid: StepGrid): QueryValue {
  if (value.type === 'scalar') {
    const points = Array.from(value.values, (v, i) => ({ t: gridTime(grid, i), v }));
    return { type: 'matrix', series: [{ labels: {}, points }] };
  }
  if (value.type !== 'vector') throw new PromqlError(`unexpected ${value.type} result of a range query`);
  const series: Series[] = [];
  for (const s of value.series) {
    const points = [];
    for (let i = 0; i < grid.count; i++) if (s.present[i]) points.push({ t: gridTime(grid, i), v: s.values[i]! });
    if (points.length > 0) series.push({ labels: s.labels, points });
  }
  sortByLabels(series);
  return { type: 'matrix', series };
}

const ORDERING_FUNCTIONS = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc']);

/** Whether the result order is part of the answer (sort functions, topk/bottomk); else results are sorted by labels. */
function ordersItsResult(expr: Expr): boolean {
  const inner = unwrapParens(expr);
  if (inner.type === 'Call') return ORDERING_FUNCTIONS.has(inner.func);
  if (inner.type === 'AggregateExpr') return inner.op === 'topk' || inner.op === 'bottomk';
  return false;
}

/** Prometheus's label order (name, then value, pair by pair), via the canonical key computed once per item. */
function sortByLabels<T extends { labels: Labels }>(items: T[]): void {
  const keyed = items.map((item) => ({ item, key: labelsKey(item.labels) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  keyed.forEach(({ item }, i) => (items[i] = item));
}
