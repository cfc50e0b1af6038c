import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context.js';
import { configPatch, setConfigAction } from './set-config.js';

const parse = (params: Record<string, unknown>) => setConfigAction.paramsSchema.safeParse(params);
const problems = (params: Record<string, unknown>) => {
  const result = parse(params);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('set-config', () => {
  it('accepts the six allowed keys with values in range', () => {
    expect(parse({ service: 'payments', key: 'pool.max', value: 30 }).success).toBe(true);
    expect(parse({ service: 'payments', key: 'pool.acquireTimeoutMs', value: 5000 }).success).toBe(true);
    expect(parse({ service: 'catalog', key: 'cache.ttlMs', value: 60_000 }).success).toBe(true);
    expect(parse({ service: 'catalog', key: 'cache.ttlJitterPercent', value: 20 }).success).toBe(true);
    expect(parse({ service: 'catalog', key: 'cache.coalesce', value: true }).success).toBe(true);
    expect(parse({ service: 'catalog', key: 'cache.warm', value: false }).success).toBe(true);
  });

  it('refuses other keys, values out of range or of the wrong type, and services without that part', () => {
    expect(problems({ service: 'payments', key: 'NODE_OPTIONS', value: 1 })[0]).toMatch(/^key: /);
    expect(problems({ service: 'payments', key: 'pool.max', value: 0 })[0]).toMatch(/^value: pool.max: .*>=1/);
    expect(problems({ service: 'payments', key: 'pool.max', value: 2.5 })[0]).toMatch(/^value: /);
    expect(problems({ service: 'catalog', key: 'cache.coalesce', value: 1 })[0]).toMatch(/^value: cache.coalesce: /);
    expect(problems({ service: 'catalog', key: 'cache.ttlJitterPercent', value: 101 })[0]).toMatch(/^value: /);
    expect(problems({ service: 'payments', key: 'cache.ttlMs', value: 1000 })).toEqual(['service: payments has no cache (catalog has one)']);
    expect(problems({ service: 'gateway', key: 'pool.max', value: 20 })[0]).toMatch(/^service: gateway has no database pool/);
    expect(problems({ service: 'payments', key: 'pool.max', value: 20, extra: 1 })).toHaveLength(1);
  });

  it('turns the key into the agent\'s config patch and applies it to the service', async () => {
    expect(configPatch('pool.max', 30)).toEqual({ pool: { max: 30 } });
    expect(configPatch('cache.warm', true)).toEqual({ cache: { warm: true } });
    const { context, calls } = fakeContext();
    const { result } = await setConfigAction.execute(context, { service: 'payments', key: 'pool.max', value: 30 });
    expect(calls).toEqual([{ method: 'configure', args: ['payments', { pool: { max: 30 } }] }]);
    expect(result).toBe('set pool.max = 30 on payments (payments-0, payments-1)');
  });
});
