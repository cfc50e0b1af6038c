import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors.js';
import { parseFaultRequest } from '../fault-request.js';
import { cacheEvictionFault } from './cache-eviction.js';
import { cacheOutOfMemoryFault } from './cache-out-of-memory.js';

const on = (cache: 'memory' | 'redis') => ({ dependencies: { cache, database: 'simulated' as const } });

describe('cache-out-of-memory', () => {
  it('is valid only for a cache on a real Redis, with a clear 400 otherwise', () => {
    const body = { kind: 'cache-out-of-memory', target: { service: 'catalog' }, params: {} };
    expect(parseFaultRequest(body, on('redis')).params).toEqual({ fillMb: 4 });
    const refused = (() => {
      try {
        parseFaultRequest(body, on('memory'));
      } catch (error) {
        return error as AppError;
      }
    })();
    expect(refused?.status).toBe(400);
    expect(refused?.problems[0]?.message).toMatch(/dependencies.cache "redis"/);
    expect(cacheOutOfMemoryFault.validate({ service: 'payments' }, { fillMb: 4 }, on('redis'))[0]?.message).toMatch(/payments has no cache/);
    expect(cacheOutOfMemoryFault.paramsSchema.safeParse({ maxmemoryBytes: 0 }).success).toBe(false);
  });

  it('and cache-eviction (entry count) is refused on a Redis stack, which evicts by memory', () => {
    expect(cacheEvictionFault.validate({ service: 'catalog' }, { capacity: 5 }, on('redis'))[0]?.message).toMatch(/use cache-out-of-memory/);
    expect(cacheEvictionFault.validate({ service: 'catalog' }, { capacity: 5 }, on('memory'))).toEqual([]);
  });
});
