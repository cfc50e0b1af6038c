import { z } from 'zod';
import type { ScenarioVocabulary } from './vocabulary.js';

/** A small vocabulary standing in for the API's registries in the loader tests. */
export const TEST_VOCABULARY: ScenarioVocabulary = {
  faultKinds: new Map([
    [
      'latency',
      {
        validate(target: Record<string, unknown>) {
          return target['dependency'] === undefined || ['db', 'cache'].includes(String(target['dependency']))
            ? []
            : [{ field: 'target.dependency', message: `no dependency "${String(target['dependency'])}"` }];
        },
      },
    ],
    ['pool-exhaustion', { validate: () => [] }],
  ]),
  metrics: ['db_pool_connections', 'http_requests_total', 'up', 'slo:sli_error:ratio_rate*'],
  actions: new Map<string, z.ZodType | undefined>([
    ['restart', z.object({ service: z.string() })],
    ['set-config', z.object({ service: z.string(), key: z.enum(['pool.max', 'cache.ttlMs']), value: z.union([z.number(), z.boolean()]) })],
    ['rollback', undefined],
  ]),
  alerts: ['DbPoolSaturated', 'TargetDown', 'HighErrorRatio'],
};

export const VALID_SCENARIO = `apiVersion: firedrill/v1
kind: Scenario
metadata:
  id: pool-exhaustion
  version: 1
  title: Payments pool exhaustion
  summary: Checkout is slow and failing.
  severity: SEV2
  difficulty: beginner
spec:
  faults:
    - id: slow-queries
      at: 30s
      duration: 10m
      kind: pool-exhaustion
      target: { service: payments }
  statusChecks:
    - id: pool-idle
      description: the payments pool has idle connections
      query: sum(db_pool_connections{service="payments",state="idle"}) > 0
  expectations:
    alerts:
      - { name: DbPoolSaturated, within: 5m }
    mustNotFire: [TargetDown]
  runbook: runbooks/pool.md
  answerKey:
    rootCause:
      id: pool-exhaustion
      summary: slow queries hold every connection
      accepted: [pool exhaustion]
  remediations:
    fixes:
      - { action: set-config, service: payments, params: { key: pool.max, value: { gte: 20 } } }
  hints:
    - { id: look-at-pool, text: Look at the database pool., cost: 10 }
  targets: { mttd: 5m, mtta: 5m, mttr: 30m }
`;

export const VALID_RUNBOOK = `# Payments pool exhaustion

When checkout is slow, look at the payments pool.

\`\`\`firedrill-step
id: ack
title: Acknowledge the page
within: 5m
evidence: { ack: true }
\`\`\`

Then:

\`\`\`firedrill-step
id: check-pool
title: Check the pool
evidence:
  query: { metrics: [db_pool_connections] }
\`\`\`
`;
