import type { AgentFault } from '../protocol.js';
import type { FaultEffect } from '../runtime.js';

type CacheEvictionFault = Extract<AgentFault, { kind: 'cache-eviction' }>;

/**
 * The cache server is out of memory: it holds at most `capacity` entries and evicts the least
 * recently used ones. The hit ratio collapses and every miss lands on the database.
 */
export const cacheEvictionEffect: FaultEffect<CacheEvictionFault> = {
  unsupported(runtime) {
    return runtime.cache ? undefined : `${runtime.service.name} has no cache`;
  },
  async apply(runtime, spec) {
    const cache = runtime.cache!.cache;
    await cache.limitEntries(spec.params.capacity);
    return async () => void (await cache.limitEntries(undefined));
  },
};
