import { RedisCache } from '../../deps/redis-cache.js';
import { RedisMemoryFault } from '../../deps/redis-memory.js';
import type { AgentFault } from '../protocol.js';
import type { FaultEffect } from '../runtime.js';

type OutOfMemoryFault = Extract<AgentFault, { kind: 'cache-out-of-memory' }>;

/** One per Redis connection, so several faults on one replica count as that replica's holds. */
const faults = new WeakMap<RedisCache, RedisMemoryFault>();

/**
 * The stack's Redis is full and may not evict (maxmemory + noeviction): every cache write fails
 * with OOM, entries age out and are not replaced, so the hit ratio falls and reads land on the
 * database. Only a real Redis: the in-memory cache models a full cache with cache-eviction instead.
 */
export const cacheOutOfMemoryEffect: FaultEffect<OutOfMemoryFault> = {
  unsupported(runtime) {
    if (!runtime.cache) return `${runtime.service.name} has no cache`;
    return runtime.cache.cache instanceof RedisCache
      ? undefined
      : `${runtime.service.name}'s cache is in memory; cache-out-of-memory needs a stack with dependencies.cache "redis" (use cache-eviction for the in-memory cache)`;
  },
  async apply(runtime, spec) {
    const cache = runtime.cache!.cache as RedisCache;
    let fault = faults.get(cache);
    if (!fault) faults.set(cache, (fault = new RedisMemoryFault(cache)));
    const revert = await fault.apply(spec.params);
    runtime.logger.warn('Redis is out of memory with no eviction: cache writes fail', { fault: 'cache-out-of-memory' });
    return revert;
  },
};
