import { CacheStampedeParamsSchema } from '@firedrill/demo-stack/protocol';
import { agentBackedKind, serviceSpec } from '../fault-kind.js';

export const cacheStampedeFault = agentBackedKind({
  kind: 'cache-stampede',
  summary: 'Synchronises the hot keys\' TTLs so they expire together under load, sending bursts of misses to the database.',
  effect: 'cache_requests_total{result="miss"} share rises, db_queries_total rate rises, pool wait grows.',
  paramsSchema: CacheStampedeParamsSchema,
  validate(target) {
    return serviceSpec(target).cache ? [] : [{ field: 'target.service', message: `${target.service} has no cache (catalog has one)` }];
  },
  toAgentFault: (_target, params) => ({ kind: 'cache-stampede', params }),
});
