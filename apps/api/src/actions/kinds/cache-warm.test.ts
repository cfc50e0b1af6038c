import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors.js';
import { fakeContext } from './fake-context.js';
import { cacheWarmAction } from './cache-warm.js';

describe('cache-warm', () => {
  it('takes a service that has a cache, nothing else', () => {
    expect(cacheWarmAction.paramsSchema.safeParse({ service: 'catalog' }).success).toBe(true);
    const refused = cacheWarmAction.paramsSchema.safeParse({ service: 'checkout' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/^checkout has no cache/);
    expect(cacheWarmAction.paramsSchema.safeParse({ service: 'catalog', all: true }).success).toBe(false);
  });

  it('runs the operation in every running replica through its chaos agent and adds up the counts', async () => {
    const { context, calls } = fakeContext();
    expect((await cacheWarmAction.execute(context, { service: 'catalog' })).result).toBe('warmed 6 hot keys on 2 of 2 running catalog replica(s)');
    expect(calls.map((call) => call.args[1])).toEqual(['cache-warm', 'cache-warm']);
  });

  it('fails (502) when no replica could do it', async () => {
    const { context } = fakeContext({ failingOps: true });
    const failure = await cacheWarmAction.execute(context, { service: 'catalog' }).catch((error: unknown) => error);
    expect((failure as AppError).status).toBe(502);
  });
});
