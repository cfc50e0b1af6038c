import type { z } from 'zod';
import { SERVICE_NAMES } from '../topology.js';

/** A problem found by a fault kind's own validation, relative to the fault step (`target.dependency`, `params.delayMs`). */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface FaultKindCheck {
  /** Checks a step's raw target and params (schemas and topology); [] when they are fine. */
  validate(target: Record<string, unknown>, params: Record<string, unknown>): FieldProblem[];
}

export interface SloCheck {
  /** Problems of one extra SLO spec of `spec.slos`, relative to it (`sli.ratio.total`). */
  validate(spec: unknown): FieldProblem[];
  /** The alerts a valid SLO spec generates (its burn-rate alerts). */
  alertNames(spec: unknown): string[];
}

/**
 * What a scenario may refer to. The loader lives in a library and must not import the API, so the
 * API builds this from its registries (apps/api/src/scenarios/vocabulary.ts) and tests pass lists.
 */
export interface ScenarioVocabulary {
  /** Fault kinds; with a validator per kind, targets and params are checked too. */
  faultKinds: ReadonlyMap<string, FaultKindCheck> | readonly string[];
  /** Service names; the demo shop's when absent. */
  services?: readonly string[];
  /** Known metric names; an entry ending in `*` is a prefix (`slo:sli_error:ratio_rate*`). */
  metrics: readonly string[];
  /** Responder actions; with a params schema (a zod object), matcher params are checked against it. */
  actions: ReadonlyMap<string, z.ZodType | undefined> | readonly string[];
  /** Alerts every stack evaluates (the scenario's own `spec.rules` and SLO alerts add to these). */
  alerts: readonly string[];
  /** Validates `spec.slos` entries and names their alerts; SLO specs are not checked when absent. */
  slos?: SloCheck;
}

/** Fast look-ups over a vocabulary. */
export class VocabularyIndex {
  readonly services: readonly string[];
  private readonly exactMetrics: Set<string>;
  private readonly metricPrefixes: string[];

  constructor(readonly vocabulary: ScenarioVocabulary) {
    this.services = vocabulary.services ?? SERVICE_NAMES;
    this.exactMetrics = new Set(vocabulary.metrics.filter((name) => !name.endsWith('*')));
    this.metricPrefixes = vocabulary.metrics.filter((name) => name.endsWith('*')).map((name) => name.slice(0, -1));
  }

  faultKindNames(): string[] {
    return namesOf(this.vocabulary.faultKinds);
  }

  faultKind(name: string): FaultKindCheck | 'unchecked' | undefined {
    const kinds = this.vocabulary.faultKinds;
    if (isMap(kinds)) return kinds.get(name);
    return kinds.includes(name) ? 'unchecked' : undefined;
  }

  actionNames(): string[] {
    return namesOf(this.vocabulary.actions);
  }

  hasAction(name: string): boolean {
    return this.actionNames().includes(name);
  }

  actionParams(name: string): z.ZodType | undefined {
    const actions = this.vocabulary.actions;
    return isMap(actions) ? actions.get(name) : undefined;
  }

  hasService(name: string): boolean {
    return this.services.includes(name);
  }

  hasMetric(name: string): boolean {
    return this.exactMetrics.has(name) || this.metricPrefixes.some((prefix) => name.startsWith(prefix));
  }
}

function isMap<V>(value: ReadonlyMap<string, V> | readonly string[]): value is ReadonlyMap<string, V> {
  return !Array.isArray(value);
}

function namesOf(value: ReadonlyMap<string, unknown> | readonly string[]): string[] {
  return isMap(value) ? [...value.keys()] : [...value];
}

/** `"foo"` plus the closest known name, when there is one that is likely meant. */
export function unknownName(what: string, name: string, known: readonly string[]): string {
  const suggestion = closest(name, known);
  return `unknown ${what} "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
}

/** The known name within an edit distance of a third of its length, if any. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    if (candidate.endsWith('*')) continue;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
