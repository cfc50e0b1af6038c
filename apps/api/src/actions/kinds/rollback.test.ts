import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors.js';
import { fakeContext } from './fake-context.js';
import { rollbackAction } from './rollback.js';

describe('rollback', () => {
  it('takes only a known service', () => {
    expect(rollbackAction.paramsSchema.safeParse({ service: 'checkout' }).success).toBe(true);
    expect(rollbackAction.paramsSchema.safeParse({ service: 'checkout', to: 'v1' }).success).toBe(false);
  });

  it('asks the drill to revert the release faults of the service', async () => {
    const asked: string[] = [];
    const { context } = fakeContext({ rollback: async (service) => (asked.push(service), [{ faultId: 'flt-1', stepId: 'leak', release: 'payments-v2' }]) });
    expect((await rollbackAction.execute(context, { service: 'payments' })).result).toBe('rolled payments back from release payments-v2; reverted flt-1');
    expect(asked).toEqual(['payments']);
  });

  it('answers 409 when there is no release to roll back, or no drill to ask', async () => {
    for (const rollback of [undefined, async () => []]) {
      const { context } = fakeContext({ rollback });
      const failure = await rollbackAction.execute(context, { service: 'payments' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).status).toBe(409);
      expect((failure as AppError).message).toBe('no release to roll back for payments');
    }
  });
});
