import { describe, expect, it } from 'vitest';
import { InMemoryCache } from './cache.js';

describe('InMemoryCache entry cap (the cache-eviction fault)', () => {
  it('evicts the least recently used keys beyond the cap, and stops when the cap is lifted', async () => {
    const cache = new InMemoryCache(() => 0);
    for (const key of ['a', 'b', 'c', 'd']) await cache.set(key, key, 1000);
    expect(await cache.limitEntries(2)).toBe(2);
    expect(await cache.keys()).toEqual(['c', 'd']);
    await cache.get('c');
    await cache.set('e', 'e', 1000);
    expect(await cache.keys()).toEqual(['c', 'e']);
    expect(cache.evictions()).toBe(3);
    await cache.limitEntries(undefined);
    for (const key of ['f', 'g']) await cache.set(key, key, 1000);
    expect(cache.size()).toBe(4);
  });
});
