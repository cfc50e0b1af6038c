import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors.js';
import { fakeContext } from './fake-context.js';
import { cacheFlushAction } from './cache-flush.js';

describe('cache-flush', () => {
  it('takes a service that has a cache, nothing else', () => {
    expect(cacheFlushAction.paramsSchema.safeParse({ service: 'catalog' }).success).toBe(true);
    const refused = cacheFlushAction.paramsSchema.safeParse({ service: 'payments' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/^payments has no cache/);
    expect(cacheFlushAction.paramsSchema.safeParse({ service: 'catalog', all: true }).success).toBe(false);
  });

  it('runs the operation in every running replica through its chaos agent and adds up the counts', async () => {
    const { context, calls } = fakeContext();
    expect((await cacheFlushAction.execute(context, { service: 'catalog' })).result).toBe('flushed 6 cache entries on 2 of 2 running catalog replica(s)');
    expect(calls.map((call) => call.args[1])).toEqual(['cache-flush', 'cache-flush']);
  });

  it('fails (502) when no replica could do it', async () => {
    const { context } = fakeContext({ failingOps: true });
    const failure = await cacheFlushAction.execute(context, { service: 'catalog' }).catch((error: unknown) => error);
    expect((failure as AppError).status).toBe(502);
  });
});
