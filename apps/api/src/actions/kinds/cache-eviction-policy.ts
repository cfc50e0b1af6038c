import { EVICTION_POLICIES } from '@firedrill/demo-stack/protocol';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { requires, serviceSchema, type ResponderAction } from '../responder-action.js';

const CacheEvictionPolicyParamsSchema = z
  .object({
    service: serviceSchema,
    policy: z.enum(EVICTION_POLICIES).describe('the maxmemory-policy to set on the stack\'s Redis'),
  })
  .strict()
  .superRefine(requires('cache'));

/**
 * The remedy for cache-out-of-memory: lets the stack's Redis make room (allkeys-lru/lfu) instead of
 * refusing writes. It is a setting of the Redis server, not of a replica, so it is done through
 * the first running replica that can; the others share the same server.
 */
export const cacheEvictionPolicyAction: ResponderAction<z.infer<typeof CacheEvictionPolicyParamsSchema>> = {
  name: 'cache-eviction-policy',
  summary: 'Sets the maxmemory-policy of the stack\'s real Redis (allkeys-lru, allkeys-lfu, volatile-lru, volatile-ttl, noeviction).',
  paramsSchema: CacheEvictionPolicyParamsSchema,
  async execute({ stack, agents }, { service, policy }) {
    if (stack.profile.dependencies.cache !== 'redis') {
      throw AppError.invalid([{ field: 'params.service', message: `stack ${stack.id} caches in memory: an eviction policy needs dependencies.cache "redis"` }]);
    }
    const running = stack.target.instances(service).filter((instance) => instance.state === 'running');
    if (running.length === 0) throw new AppError('conflict', `no running replica of ${service} to set the eviction policy through`);
    const failures: string[] = [];
    for (const instance of running) {
      try {
        const done = await agents.operate({ url: instance.url, token: stack.target.agentToken }, 'cache-eviction-policy', { policy });
        return { result: `${done.detail} on the stack's Redis (through ${instance.id})` };
      } catch (error) {
        failures.push(`${instance.id}: ${(error as Error).message}`);
      }
    }
    throw new AppError('action_failed', `cache-eviction-policy failed through every replica of ${service}: ${failures.join('; ')}`);
  },
};
