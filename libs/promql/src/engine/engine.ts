import type { Expr } from '../ast.js';
import type { Queryable } from '../storage/storage.js';
import type { QueryValue } from '../values.js';

export interface EngineOptions {
  /** How far back an instant selector looks for the latest sample (Prometheus default 5m). */
  lookbackDeltaMs?: number;
  /** Refuse a query that would hold more samples than this at once ("query processing would load too many samples"). */
  maxSamples?: number;
  /** Subquery step when `[range:]` gives none (Prometheus: the global evaluation interval, 1m). */
  defaultSubqueryStepMs?: number;
  /** Allow experimental functions and aggregations (limitk, limit_ratio, mad_over_time, ...). */
  enableExperimental?: boolean;
}

export interface QueryResult {
  value: QueryValue;
  /** PromQL warnings (e.g. "metric might not be a counter"), Prometheus's `warnings`. */
  warnings: string[];
  /** PromQL info annotations, Prometheus's `infos`. */
  infos: string[];
}

/** Evaluates PromQL over a Queryable. Time is always explicit: the engine never reads a clock. */
export class Engine {
  constructor(
    readonly storage: Queryable,
    readonly options: EngineOptions = {},
  ) {}

  /** `query` is a PromQL string (parsed here) or an already parsed expression. */
  instantQuery(_query: string | Expr, _timeMs: number): QueryResult {
    throw new Error('Engine.instantQuery: being implemented');
  }

  rangeQuery(_query: string | Expr, _startMs: number, _endMs: number, _stepMs: number): QueryResult {
    throw new Error('Engine.rangeQuery: being implemented');
  }
}
