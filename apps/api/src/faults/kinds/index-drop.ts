import { IndexDropParamsSchema } from '@firedrill/demo-stack/protocol';
import type { Problem } from '../../common/errors.js';
import { agentBackedKind } from '../fault-kind.js';

/**
 * "Slow query after migration" on the stack's real PostgreSQL. The schema is shared by every
 * replica, so each one's agent drops (idempotently) and holds the lease; whichever reverts
 * first, on request or when its lease lapses, recreates the index.
 */
export const indexDropFault = agentBackedKind({
  kind: 'index-drop',
  summary: 'Slow query after a migration: drops the index the catalog looks products up by, in the stack\'s PostgreSQL schema (needs dependencies.database: postgres).',
  effect: 'catalog lookups become sequential scans: db_query_duration_seconds{operation="get_product"} rises tenfold or more, then latency and pool waits rise on cache misses.',
  paramsSchema: IndexDropParamsSchema,
  validate(target, _params, stack) {
    const problems: Problem[] = target.service === 'catalog' ? [] : [{ field: 'target.service', message: `index-drop acts on catalog (its products lookup), not ${target.service}` }];
    if (stack && stack.dependencies.database !== 'postgres') {
      problems.push({ field: 'kind', message: 'index-drop needs a stack whose database is a real PostgreSQL (dependencies.database: postgres); this stack\'s is simulated' });
    }
    return problems;
  },
  toAgentFault: (_target, params) => ({ kind: 'index-drop', params }),
});
