import { SLO_SERIES, SloSpecSchema, demoStackRuleGroups, generateSloRuleGroup, type SloSpec } from '@firedrill/alerting';
import { SERVICE_NAMES } from '@firedrill/scenarios';
import type { FaultKindCheck, ScenarioVocabulary, SloCheck } from '@firedrill/scenarios/loader';
import type { z } from 'zod';
import { RESPONDER_ACTIONS } from '../actions/registry.js';
import { problemsFrom, type Problem } from '../common/errors.js';
import type { FaultKind } from '../faults/fault-kind.js';
import { FAULT_KINDS } from '../faults/registry.js';

/**
 * The metrics a demo-stack replica exports (apps/demo-stack/src/telemetry/metrics.ts; a unit test
 * keeps this list in step with that file). Histograms are expanded to their series below.
 */
export const DEMO_STACK_METRICS = [
  'http_requests_total',
  'db_pool_connections',
  'db_pool_acquire_timeouts_total',
  'db_queries_total',
  'cache_requests_total',
  'cache_entries',
  'cache_evictions_total',
  'cache_write_failures_total',
  'firedrill_faults_active',
] as const;

export const DEMO_STACK_HISTOGRAMS = ['http_request_duration_seconds', 'db_pool_wait_seconds', 'db_query_duration_seconds'] as const;

/** Series the scraper and the rules manager write for every stack. */
export const SCRAPER_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'ALERTS', 'ALERTS_FOR_STATE'] as const;

/** prom-client's default metrics (process_resident_memory_bytes, nodejs_heap_size_used_bytes, …). */
const DEFAULT_METRIC_PREFIXES = ['process_*', 'nodejs_*'];

export interface ScenarioVocabularyOptions {
  /** Responder actions with their params schemas; the allow-list of actions/registry.ts when absent. */
  actions?: ReadonlyMap<string, z.ZodType | undefined>;
}

/** What scenarios may refer to on a Firedrill stack: fault kinds, services, metrics, actions, alerts. */
export function buildScenarioVocabulary(options: ScenarioVocabularyOptions = {}): ScenarioVocabulary {
  const groups = demoStackRuleGroups();
  const rules = groups.flatMap((group) => group.rules);
  return {
    faultKinds: new Map(FAULT_KINDS.map((kind) => [kind.kind, faultKindCheck(kind)])),
    services: SERVICE_NAMES,
    metrics: [
      ...DEMO_STACK_METRICS,
      ...DEMO_STACK_HISTOGRAMS.flatMap((name) => [name, `${name}_bucket`, `${name}_sum`, `${name}_count`]),
      ...SCRAPER_SERIES,
      ...DEFAULT_METRIC_PREFIXES,
      ...Object.values(SLO_SERIES).map((name) => `${name}*`),
      ...rules.flatMap((rule) => (rule.kind === 'record' ? [rule.record] : [])),
    ],
    actions: options.actions ?? new Map(Object.entries(RESPONDER_ACTIONS).map(([name, action]) => [name, action.paramsSchema as z.ZodType])),
    alerts: [...new Set(rules.flatMap((rule) => (rule.kind === 'alert' ? [rule.alert] : [])))],
    slos: sloCheck,
  };
}

/** A fault step is valid when the kind's target and params schemas accept it and so does the kind. */
function faultKindCheck(kind: FaultKind<any>): FaultKindCheck {
  return {
    validate(target, params) {
      const parsedTarget = kind.targetSchema.safeParse(target);
      const parsedParams = kind.paramsSchema.safeParse(params);
      const problems: Problem[] = [
        ...(parsedTarget.success ? [] : problemsFrom(parsedTarget.error, ['target'])),
        ...(parsedParams.success ? [] : problemsFrom(parsedParams.error, ['params'])),
      ];
      if (problems.length > 0 || !parsedTarget.success || !parsedParams.success) return problems;
      return kind.validate(parsedTarget.data, parsedParams.data);
    },
  };
}

const sloCheck: SloCheck = {
  validate(spec) {
    const parsed = SloSpecSchema.safeParse(spec);
    return parsed.success ? [] : problemsFrom(parsed.error);
  },
  alertNames(spec) {
    const group = generateSloRuleGroup(spec as SloSpec);
    return [...new Set(group.rules.flatMap((rule) => (rule.kind === 'alert' ? [rule.alert] : [])))];
  },
};
