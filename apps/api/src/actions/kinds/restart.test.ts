import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context.js';
import { restartAction } from './restart.js';

describe('restart', () => {
  it('takes only a known service', () => {
    expect(restartAction.paramsSchema.safeParse({ service: 'payments' }).success).toBe(true);
    expect(restartAction.paramsSchema.safeParse({ service: 'payments', force: true }).success).toBe(false);
    expect(restartAction.paramsSchema.safeParse({}).success).toBe(false);
  });

  it('rolls through the replicas and reports the new pids', async () => {
    const { context, calls } = fakeContext();
    const { result } = await restartAction.execute(context, { service: 'payments' });
    expect(calls).toEqual([{ method: 'restart', args: ['payments'] }]);
    expect(result).toBe('restarted 2 replica(s) of payments: payments-0 (pid 100 → 1100), payments-1 (pid 101 → 1101)');
  });
});
