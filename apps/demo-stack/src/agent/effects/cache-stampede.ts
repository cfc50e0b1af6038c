import type { AgentFault } from '../protocol.js';
import type { FaultEffect } from '../runtime.js';

type StampedeFault = Extract<AgentFault, { kind: 'cache-stampede' }>;

/**
 * Synchronises the hot keys' TTLs: they all expire now, and every refill expires at the next
 * multiple of the period, so under load each expiry sends a burst of misses to the database.
 */
export const cacheStampedeEffect: FaultEffect<StampedeFault> = {
  unsupported(runtime) {
    return runtime.cache ? undefined : `${runtime.service.name} has no cache`;
  },
  async apply(runtime, spec) {
    const cache = runtime.cache!;
    cache.synchronisedPeriodMs = spec.params.periodMs;
    await cache.expireHotKeysAt(Date.now());
    return async () => {
      cache.synchronisedPeriodMs = undefined;
      await cache.desynchronise();
    };
  },
};
