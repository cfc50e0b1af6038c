import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors.js';
import { fakeContext } from './fake-context.js';
import { poolKillQueriesAction } from './pool-kill-queries.js';

describe('pool-kill-queries', () => {
  it('takes a service that has a database, nothing else', () => {
    expect(poolKillQueriesAction.paramsSchema.safeParse({ service: 'payments' }).success).toBe(true);
    const refused = poolKillQueriesAction.paramsSchema.safeParse({ service: 'gateway' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/^gateway has no database/);
    expect(poolKillQueriesAction.paramsSchema.safeParse({ service: 'payments', all: true }).success).toBe(false);
  });

  it('runs the operation in every running replica through its chaos agent and adds up the counts', async () => {
    const { context, calls } = fakeContext();
    expect((await poolKillQueriesAction.execute(context, { service: 'payments' })).result).toBe('cancelled 6 queries running longer than 500 ms on 2 of 2 running payments replica(s)');
    expect(calls.map((call) => call.args[1])).toEqual(['pool-kill-queries', 'pool-kill-queries']);
  });

  it('fails (502) when no replica could do it', async () => {
    const { context } = fakeContext({ failingOps: true });
    const failure = await poolKillQueriesAction.execute(context, { service: 'payments' }).catch((error: unknown) => error);
    expect((failure as AppError).status).toBe(502);
  });
});
