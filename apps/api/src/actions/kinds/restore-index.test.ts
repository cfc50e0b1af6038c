import { describe, expect, it } from 'vitest';
import type { Stack } from '../../stacks/stack.js';
import { AppError } from '../../common/errors.js';
import { fakeContext } from './fake-context.js';
import { restoreIndexAction } from './restore-index.js';

function withDatabase(database: 'postgres' | 'simulated', options: Parameters<typeof fakeContext>[0] = {}) {
  const fake = fakeContext(options);
  const stack = { ...fake.context.stack, profile: { dependencies: { cache: 'memory', database } } } as unknown as Stack;
  return { ...fake, context: { ...fake.context, stack } };
}

describe('restore-index', () => {
  it('takes catalog, nothing else', () => {
    expect(restoreIndexAction.paramsSchema.safeParse({ service: 'catalog' }).success).toBe(true);
    const refused = restoreIndexAction.paramsSchema.safeParse({ service: 'payments' });
    expect(refused.error?.issues[0]?.message).toMatch(/acts on catalog/);
    expect(restoreIndexAction.paramsSchema.safeParse({ service: 'catalog', all: true }).success).toBe(false);
  });

  it('runs restore-index in every running catalog replica of a PostgreSQL stack', async () => {
    const { context, calls } = withDatabase('postgres');
    const { result } = await restoreIndexAction.execute(context, { service: 'catalog' });
    expect(result).toBe('restore-index created 6 index(es) (0: it was already present) on 2 of 2 running catalog replica(s)');
    expect(calls.map((call) => call.args[1])).toEqual(['restore-index', 'restore-index']);
  });

  it('is a 400 for a stack with the simulated database, before any replica is asked', async () => {
    const { context, calls } = withDatabase('simulated');
    const failure = await restoreIndexAction.execute(context, { service: 'catalog' }).catch((error: unknown) => error);
    expect((failure as AppError).status).toBe(400);
    expect((failure as AppError).message).toMatch(/invalid request/);
    expect(calls).toEqual([]);
  });
});
