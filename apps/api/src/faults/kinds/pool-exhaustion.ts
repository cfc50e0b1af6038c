import { PoolExhaustionParamsSchema } from '@firedrill/demo-stack/protocol';
import { agentBackedKind, serviceSpec } from '../fault-kind.js';

export const poolExhaustionFault = agentBackedKind({
  kind: 'pool-exhaustion',
  summary: 'Starves a service\'s database pool: runaway slow queries, leaked connections, or a shrunken pool.',
  effect: 'db_pool_connections{state="active"} reaches max; db_pool_acquire_timeouts_total rises; requests answer 503.',
  paramsSchema: PoolExhaustionParamsSchema,
  validate(target) {
    return serviceSpec(target).database
      ? []
      : [{ field: 'target.service', message: `${target.service} has no database (catalog and payments have one)` }];
  },
  toAgentFault: (_target, params) => ({ kind: 'pool-exhaustion', params }),
});
