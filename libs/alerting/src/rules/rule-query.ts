import { Engine, type EngineOptions, type Expr, type Queryable, type Sample } from '@firedrill/promql';

/** Runs a rule's expression at one instant; the manager only needs this from an engine. */
export type RuleQueryFunc = (expr: Expr | string, timeMs: number) => Sample[];

/**
 * Prometheus's EngineQueryFunc: a vector is the result, a scalar becomes one sample without
 * labels (so `expr: 1` alerts), anything else is an error.
 */
export function engineQueryFunc(engine: Engine): RuleQueryFunc {
  return (expr, timeMs) => {
    const { value } = engine.instantQuery(expr, timeMs);
    if (value.type === 'vector') return value.samples;
    if (value.type === 'scalar') return [{ labels: {}, t: value.t, v: value.v }];
    throw new Error('rule result is not a vector or scalar');
  };
}

export function queryableQueryFunc(queryable: Queryable, options: EngineOptions = {}): RuleQueryFunc {
  return engineQueryFunc(new Engine(queryable, options));
}
