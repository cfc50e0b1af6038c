import { describe, expect, it } from 'vitest';
import type { AppError } from '../../common/errors.js';
import type { Stack } from '../../stacks/stack.js';
import { fakeContext } from './fake-context.js';
import { cacheEvictionPolicyAction } from './cache-eviction-policy.js';

function redisContext(options: Parameters<typeof fakeContext>[0] = {}, cache: 'redis' | 'memory' = 'redis') {
  const fake = fakeContext(options);
  const stack = { ...fake.context.stack, profile: { dependencies: { cache, database: 'simulated' } } } as unknown as Stack;
  return { ...fake, context: { ...fake.context, stack } };
}

describe('cache-eviction-policy', () => {
  it('takes a service with a cache and one policy of the allow-list', () => {
    const parse = (params: unknown) => cacheEvictionPolicyAction.paramsSchema.safeParse(params);
    for (const policy of ['allkeys-lru', 'allkeys-lfu', 'volatile-lru', 'volatile-ttl', 'noeviction']) expect(parse({ service: 'catalog', policy }).success).toBe(true);
    expect(parse({ service: 'catalog', policy: 'allkeys-random' }).success).toBe(false);
    expect(parse({ service: 'catalog' }).success).toBe(false);
    expect(parse({ service: 'payments', policy: 'allkeys-lru' }).error?.issues[0]?.message).toMatch(/^payments has no cache/);
  });

  it('sets it once, through the first replica that can (the Redis is shared)', async () => {
    const { context, calls } = redisContext();
    const done = await cacheEvictionPolicyAction.execute(context, { service: 'catalog', policy: 'allkeys-lru' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args).toEqual(['http://127.0.0.1:9000', 'cache-eviction-policy', { policy: 'allkeys-lru' }]);
    expect(done.result).toMatch(/through catalog-0/);
  });

  it('is a 400 on a stack that caches in memory, and a 502 when no replica could do it', async () => {
    const memory = await cacheEvictionPolicyAction.execute(redisContext({}, 'memory').context, { service: 'catalog', policy: 'allkeys-lru' }).catch((error: unknown) => error);
    expect((memory as AppError).status).toBe(400);
    expect((memory as AppError).message).toMatch(/dependencies.cache "redis"/);
    const failing = await cacheEvictionPolicyAction.execute(redisContext({ failingOps: true }).context, { service: 'catalog', policy: 'allkeys-lru' }).catch((error: unknown) => error);
    expect((failing as AppError).status).toBe(502);
  });
});
