import { CacheOutOfMemoryParamsSchema } from '@firedrill/demo-stack/protocol';
import { agentBackedKind, serviceSpec } from '../fault-kind.js';

/**
 * Redis's own out-of-memory behaviour on the stack's real Redis (CONFIG SET maxmemory +
 * maxmemory-policy noeviction, previous values restored on revert). The catalog replicas' chaos
 * agents carry it, so it has the agents' lease: it ends when Firedrill stops renewing it.
 * In-memory stacks have cache-eviction instead (a full cache that evicts by entry count).
 */
export const cacheOutOfMemoryFault = agentBackedKind({
  kind: 'cache-out-of-memory',
  summary: 'The stack\'s real Redis is full (cold keys, maxmemory just below the memory in use) and may not evict (noeviction): cache writes fail with OOM.',
  effect: 'cache_write_failures_total{reason="oom"} rises, the hit ratio falls as entries expire unreplaced, db_queries_total rate rises; maxmemory-policy allkeys-lru fixes it.',
  paramsSchema: CacheOutOfMemoryParamsSchema,
  validate(target, _params, stack) {
    if (!serviceSpec(target).cache) return [{ field: 'target.service', message: `${target.service} has no cache (catalog has one)` }];
    if (stack && stack.dependencies.cache !== 'redis') {
      return [{ field: 'kind', message: 'cache-out-of-memory acts on a real Redis: create the stack with dependencies.cache "redis" (in-memory caches have cache-eviction)' }];
    }
    return [];
  },
  toAgentFault: (_target, params) => ({ kind: 'cache-out-of-memory', params }),
});
