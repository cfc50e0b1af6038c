import { CacheEvictionParamsSchema } from '@firedrill/demo-stack/protocol';
import { agentBackedKind, serviceSpec } from '../fault-kind.js';

export const cacheEvictionFault = agentBackedKind({
  kind: 'cache-eviction',
  summary: 'The cache server runs out of memory: it keeps at most `capacity` entries and evicts the least recently used.',
  effect: 'cache_entries stays at capacity, cache_evictions_total rises, the hit ratio collapses and db_queries_total rate rises.',
  paramsSchema: CacheEvictionParamsSchema,
  validate(target, _params, stack) {
    if (!serviceSpec(target).cache) return [{ field: 'target.service', message: `${target.service} has no cache (catalog has one)` }];
    if (stack?.dependencies.cache === 'redis') {
      return [{ field: 'kind', message: 'this stack\'s cache is a real Redis, which evicts by memory, not entry count: use cache-out-of-memory' }];
    }
    return [];
  },
  toAgentFault: (_target, params) => ({ kind: 'cache-eviction', params }),
});
