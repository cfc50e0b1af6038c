import { TimeScaler } from '../common/time-scale.js';
import type { AlertingRule, RuleGroup } from '../rules/types.js';
import { generateSloRuleGroups } from '../slo/generator.js';
import { DEMO_STACK_SLOS } from './demo-stack-slos.js';

export interface DemoStackRuleOptions {
  /** The stack's `speed`: rule windows and `for` durations are divided by it (see TimeScaler). */
  timeScale?: number;
  evaluationIntervalMs?: number;
  scrapeIntervalMs?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Below this many cache lookups per second a hit ratio is noise, not a collapse. */
export const MIN_CACHE_LOOKUPS_PER_SECOND = 0.1;

/**
 * The demo shop's default alerts, one per symptom a seed runbook covers, plus the checkout SLOs.
 * Metric names are the demo stack's (apps/demo-stack/src/telemetry/metrics.ts); `job`,
 * `instance`, `service`, `replica` and `up` come from the scraper. Thresholds are per second of
 * data time; windows and `for` are written in scenario time and scaled.
 */
export function demoStackRuleGroups(options: DemoStackRuleOptions = {}): RuleGroup[] {
  const scale = new TimeScaler(options);
  const w = (ms: number): string => scale.window(ms);
  const alert = (rule: Omit<AlertingRule, 'kind' | 'forMs' | 'keepFiringForMs'> & { for: number }): AlertingRule => {
    const { for: nominalFor, ...rest } = rule;
    return { kind: 'alert', forMs: scale.forMs(nominalFor), keepFiringForMs: 0, ...rest };
  };
  const requests = (window: number, matchers = ''): string =>
    `sum by (service) (rate(http_requests_total${matchers === '' ? '' : `{${matchers}}`}[${w(window)}]))`;
  const cacheLookups = (matchers = ''): string =>
    `sum by (service) (rate(cache_requests_total${matchers === '' ? '' : `{${matchers}}`}[${w(2 * MINUTE)}]))`;

  const alerts: AlertingRule[] = [
    alert({
      alert: 'HighErrorRatio',
      expr: `${requests(2 * MINUTE, 'status=~"5.."')} / ${requests(2 * MINUTE)} > 0.05`,
      for: MINUTE,
      labels: { severity: 'page' },
      annotations: {
        summary: '{{ $labels.service }} answers more than 5% of requests with a 5xx',
        description: '{{ $value | humanizePercentage }} of {{ $labels.service }} requests failed with a 5xx over the last 2 minutes.',
        runbook: 'runbooks/high-error-ratio',
      },
    }),
    alert({
      alert: 'HighLatencyP95',
      expr: `histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket[${w(5 * MINUTE)}]))) > 0.5`,
      for: 2 * MINUTE,
      labels: { severity: 'page' },
      annotations: {
        summary: '{{ $labels.service }} p95 latency is above 500ms',
        description: 'The 95th percentile of {{ $labels.service }} request time is {{ $value | humanizeDuration }} over the last 5 minutes.',
        runbook: 'runbooks/high-latency',
      },
    }),
    alert({
      alert: 'DbPoolSaturated',
      // Per replica: each process has its own pool. `max` is the pool's configured size.
      expr: 'db_pool_connections{state="active"} / ignoring(state) (db_pool_connections{state="max"} > 0) > 0.8',
      for: MINUTE,
      labels: { severity: 'ticket' },
      annotations: {
        summary: '{{ $labels.service }} database pool is over 80% in use on {{ $labels.replica }}',
        description: '{{ $value | humanizePercentage }} of the pool connections of {{ $labels.instance }} are in use; requests will soon queue for a connection.',
        runbook: 'runbooks/db-pool-exhaustion',
      },
    }),
    alert({
      alert: 'DbPoolAcquireTimeouts',
      expr: `sum by (service) (increase(db_pool_acquire_timeouts_total[${w(MINUTE)}])) > 0`,
      for: 0,
      labels: { severity: 'page' },
      annotations: {
        summary: '{{ $labels.service }} requests time out waiting for a database connection',
        description: '{{ $value | humanize }} connection acquisitions of {{ $labels.service }} gave up in the last minute.',
        runbook: 'runbooks/db-pool-exhaustion',
      },
    }),
    alert({
      alert: 'CacheHitRatioCollapse',
      expr: `(${cacheLookups('result="hit"')} / ${cacheLookups()} < 0.5) and ${cacheLookups()} > ${MIN_CACHE_LOOKUPS_PER_SECOND}`,
      for: 2 * MINUTE,
      labels: { severity: 'ticket' },
      annotations: {
        summary: '{{ $labels.service }} cache hit ratio is below 50%',
        description: 'Only {{ $value | humanizePercentage }} of {{ $labels.service }} cache lookups hit; the database takes the rest.',
        runbook: 'runbooks/cache-hit-collapse',
      },
    }),
    alert({
      alert: 'ReplicaRestarting',
      // A replica keeps its instance across restarts, so a new process shows as a changed start time.
      expr: `changes(process_start_time_seconds[${w(10 * MINUTE)}]) > 0`,
      for: 0,
      labels: { severity: 'ticket' },
      annotations: {
        summary: '{{ $labels.service }} replica {{ $labels.replica }} restarted',
        description: '{{ $labels.instance }} started a new process {{ $value }} time(s) in the last 10 minutes.',
        runbook: 'runbooks/replica-restarts',
      },
    }),
    alert({
      alert: 'TargetDown',
      expr: 'up == 0',
      for: 30 * SECOND,
      labels: { severity: 'page' },
      annotations: {
        summary: '{{ $labels.service }} replica {{ $labels.replica }} cannot be scraped',
        description: 'Scrapes of {{ $labels.instance }} (job {{ $labels.job }}) have failed for at least 30 seconds.',
        runbook: 'runbooks/target-down',
      },
    }),
  ];

  const intervalMs = options.evaluationIntervalMs;
  return [
    { name: 'demo-stack', ...(intervalMs ? { intervalMs } : {}), rules: alerts },
    ...generateSloRuleGroups(DEMO_STACK_SLOS, { ...options, ...(intervalMs ? { groupIntervalMs: intervalMs } : {}) }),
  ];
}
