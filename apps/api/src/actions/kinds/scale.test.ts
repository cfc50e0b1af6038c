import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context.js';
import { scaleAction } from './scale.js';

describe('scale', () => {
  it('takes a service and 1–8 replicas, nothing else', () => {
    expect(scaleAction.paramsSchema.safeParse({ service: 'catalog', replicas: 3 }).success).toBe(true);
    for (const replicas of [0, 9, 2.5, '3']) expect(scaleAction.paramsSchema.safeParse({ service: 'catalog', replicas }).success).toBe(false);
    expect(scaleAction.paramsSchema.safeParse({ service: 'search', replicas: 2 }).success).toBe(false);
    expect(scaleAction.paramsSchema.safeParse({ service: 'catalog', replicas: 2, image: 'x' }).success).toBe(false);
  });

  it('scales the stack target and says what changed', async () => {
    const { context, calls } = fakeContext();
    expect((await scaleAction.execute(context, { service: 'catalog', replicas: 3 })).result).toBe('scaled catalog from 2 to 3 replica(s): added catalog-2');
    expect(calls).toEqual([{ method: 'scale', args: ['catalog', 3] }]);
    expect((await scaleAction.execute(context, { service: 'catalog', replicas: 1 })).result).toContain('removed catalog-1, catalog-2');
  });
});
