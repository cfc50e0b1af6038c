import { RedisCache } from '../../deps/redis-cache.js';
import type { AgentFault } from '../protocol.js';
import type { FaultEffect } from '../runtime.js';

type CacheEvictionFault = Extract<AgentFault, { kind: 'cache-eviction' }>;

/**
 * The cache server is out of memory: it holds at most `capacity` entries and evicts the least
 * recently used ones. The hit ratio collapses and every miss lands on the database.
 */
export const cacheEvictionEffect: FaultEffect<CacheEvictionFault> = {
  unsupported(runtime) {
    if (!runtime.cache) return `${runtime.service.name} has no cache`;
    // Redis evicts by memory, never by entry count: its stacks use cache-out-of-memory (real maxmemory).
    return runtime.cache.cache instanceof RedisCache
      ? `${runtime.service.name}'s cache is a real Redis, which evicts by memory, not entry count: use cache-out-of-memory`
      : undefined;
  },
  async apply(runtime, spec) {
    const cache = runtime.cache!.cache;
    await cache.limitEntries(spec.params.capacity);
    return async () => void (await cache.limitEntries(undefined));
  },
};
