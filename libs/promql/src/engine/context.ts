import type { AtModifier } from '../ast.js';
import { PromqlError } from '../errors.js';
import type { Queryable } from '../storage/storage.js';
import type { Annotations } from './annotations.js';

export interface EvalSettings {
  lookbackDeltaMs: number;
  maxSamples: number;
  defaultSubqueryStepMs: number;
  enableExperimental: boolean;
}

export const TOO_MANY_SAMPLES = 'query processing would load too many samples into memory in query execution';

/** What every evaluator of one query shares: storage, settings, annotations and the sample budget. */
export class EvalContext {
  /** Samples held at this point of the evaluation (Prometheus's currentSamples). */
  currentSamples = 0;

  constructor(
    readonly storage: Queryable,
    readonly settings: EvalSettings,
    readonly annotations: Annotations,
    /** The query's own start and end: what `@ start()` / `@ end()` mean, also inside subqueries. */
    readonly queryStart: number,
    readonly queryEnd: number,
    /** A range query (more than one step): ordering functions then only earn a warning. */
    readonly rangeQuery = false,
  ) {}

  resolveAt(at: AtModifier | null): number | null {
    if (at === null) return null;
    switch (at.kind) {
      case 'timestamp':
        return at.ms;
      case 'start':
        return this.queryStart;
      case 'end':
        return this.queryEnd;
    }
  }

  /** Accounts samples that are about to be held; throws Prometheus's error past the limit. */
  hold(samples: number): void {
    this.currentSamples += samples;
    if (this.currentSamples > this.settings.maxSamples) throw new PromqlError(TOO_MANY_SAMPLES, 'execution');
  }
}
