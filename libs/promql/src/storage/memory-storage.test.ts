import { describe, expect, it } from 'vitest';
import type { LabelMatcher } from '../ast.js';
import { matcherMatches } from './label-matching.js';
import { MemoryStorage } from './memory-storage.js';

const eq = (name: string, value: string): LabelMatcher => ({ op: '=', name, value });
const re = (name: string, value: string): LabelMatcher => ({ op: '=~', name, value });

function loaded(): MemoryStorage {
  const store = new MemoryStorage();
  for (let i = 0; i < 5; i++) {
    store.append({ __name__: 'up', job: 'api', instance: String(i) }, i * 1000, 1);
    store.append({ __name__: 'http_requests_total', job: 'api', code: i % 2 ? '500' : '200' }, i * 1000, i);
  }
  return store;
}

describe('MemoryStorage', () => {
  it('selects by name and label matchers, returning samples within [minT, maxT]', () => {
    const store = loaded();
    const series = store.select([eq('__name__', 'up'), eq('instance', '3')], 0, 10_000);
    expect(series).toHaveLength(1);
    expect([...series[0]!.t]).toEqual([3000]);
    expect(series[0]!.labels).toEqual({ __name__: 'up', job: 'api', instance: '3' });

    const requests = store.select([eq('__name__', 'http_requests_total'), eq('code', '500')], 2000, 3000);
    expect(requests.map((s) => [...s.t])).toEqual([[3000]]);
  });

  it('skips series without samples in range and matches regex and negative matchers', () => {
    const store = loaded();
    expect(store.select([eq('__name__', 'up')], 5000, 9000)).toHaveLength(0);
    expect(store.select([re('__name__', 'up|http_.*'), { op: '!=', name: 'code', value: '200' }], 0, 1e9)).toHaveLength(6);
    expect(store.select([{ op: '!~', name: 'instance', value: '[0-3]' }, eq('job', 'api')], 0, 1e9)).toHaveLength(3);
    // A missing label matches the empty string.
    expect(store.select([eq('__name__', 'up'), eq('code', '')], 0, 1e9)).toHaveLength(5);
  });

  it('returns views of its columns rather than copies, unaffected by later appends', () => {
    const store = new MemoryStorage();
    for (let t = 0; t < 10; t++) store.append({ __name__: 'm' }, t, t * 2);
    const [view] = store.select([eq('__name__', 'm')], 2, 5);
    expect(view!.t).toBeInstanceOf(Float64Array);
    expect((view!.t as Float64Array).buffer.byteLength).toBeGreaterThan(4 * 8);
    for (let t = 10; t < 100; t++) store.append({ __name__: 'm' }, t, t * 2);
    expect([...view!.t]).toEqual([2, 3, 4, 5]);
    expect([...view!.v]).toEqual([4, 6, 8, 10]);
  });

  it('marks staleness only where it is in range', () => {
    const store = new MemoryStorage();
    store.append({ __name__: 'm' }, 0, 1);
    store.appendStale({ __name__: 'm' }, 10);
    store.append({ __name__: 'm' }, 20, 2);
    const [all] = store.select([eq('__name__', 'm')], 0, 30);
    expect([...all!.stale!]).toEqual([0, 1, 0]);
    expect(Number.isNaN(all!.v[1])).toBe(true);
    const [later] = store.select([eq('__name__', 'm')], 15, 30);
    expect(later!.stale).toBeUndefined();
  });

  it('rejects out-of-order and conflicting duplicate samples, ignores identical repeats', () => {
    const store = new MemoryStorage();
    const labels = { __name__: 'm' };
    expect(store.append(labels, 100, 1)).toBe('appended');
    expect(store.append(labels, 50, 1)).toBe('out_of_order');
    expect(store.append(labels, 100, 1)).toBe('duplicate_ignored');
    expect(store.append(labels, 100, 2)).toBe('duplicate_timestamp');
    expect(store.append(labels, 100, NaN)).toBe('duplicate_timestamp');
    expect(store.appendStale(labels, 200)).toBe('appended');
    expect(store.appendStale(labels, 200)).toBe('duplicate_ignored');
    expect(store.stats().rejected).toMatchObject({ out_of_order: 1, duplicate_timestamp: 2 });
    expect(store.stats().samples).toBe(2);
  });

  it('refuses new series beyond maxSeries but keeps appending to known ones', () => {
    const store = new MemoryStorage({ maxSeries: 2 });
    store.append({ __name__: 'a' }, 0, 1);
    store.append({ __name__: 'b' }, 0, 1);
    expect(store.append({ __name__: 'c' }, 0, 1)).toBe('series_limit');
    expect(store.append({ __name__: 'a' }, 1, 1)).toBe('appended');
    expect(store.seriesCount).toBe(2);
    expect(store.stats().rejected.series_limit).toBe(1);
  });

  it('drops samples beyond retention on compact, then series left empty, and refuses too old samples', () => {
    const store = new MemoryStorage({ retentionMs: 10_000 });
    for (let t = 0; t <= 5000; t += 1000) store.append({ __name__: 'old' }, t, 1);
    for (let t = 0; t <= 30_000; t += 1000) store.append({ __name__: 'live' }, t, 1);
    store.compact(30_000);
    expect(store.select([eq('__name__', 'old')], 0, 1e9)).toHaveLength(0);
    expect(store.labelValues('__name__', [], 0, 1e9)).toEqual(['live']);
    const [live] = store.select([eq('__name__', 'live')], 0, 1e9);
    expect(live!.t[0]).toBe(20_000);
    expect(store.append({ __name__: 'live' }, 5000, 1)).toBe('too_old');
  });

  it('compacts on its own as data time advances, so memory stays bounded', () => {
    const store = new MemoryStorage({ retentionMs: 60_000 });
    for (let t = 0; t <= 3_600_000; t += 1000) {
      for (let i = 0; i < 10; i++) store.append({ __name__: 'm', i: String(i) }, t, t);
    }
    const stats = store.stats();
    expect(stats.series).toBe(10);
    // At most retention plus one compaction period of samples per series.
    expect(stats.samples).toBeLessThanOrEqual(10 * 67);
    expect(stats.bytes).toBeLessThan(10 * (256 * 17 + 1000));
  });

  it('lists label names, values and series for the metadata APIs', () => {
    const store = loaded();
    expect(store.labelNames([], 0, 1e9)).toEqual(['__name__', 'code', 'instance', 'job']);
    expect(store.labelNames([eq('__name__', 'up')], 0, 1e9)).toEqual(['__name__', 'instance', 'job']);
    expect(store.labelValues('code', [], 0, 1e9)).toEqual(['200', '500']);
    expect(store.labelValues('instance', [eq('job', 'api')], 0, 2000)).toEqual(['0', '1', '2']);
    expect(store.series([eq('__name__', 'http_requests_total')], 0, 1e9)).toHaveLength(2);
  });

  it('treats empty label values as absent and clears everything', () => {
    const store = new MemoryStorage();
    store.append({ __name__: 'm', a: '' }, 0, 1);
    store.append({ __name__: 'm' }, 1, 2);
    expect(store.seriesCount).toBe(1);
    store.clear();
    expect(store.seriesCount).toBe(0);
    expect(store.stats()).toMatchObject({ series: 0, samples: 0 });
  });
});

describe('matcherMatches', () => {
  it('anchors regexes and lets dot match newlines', () => {
    expect(matcherMatches(re('a', 'pro'), 'production')).toBe(false);
    expect(matcherMatches(re('a', 'pro.*'), 'pro\nduction')).toBe(true);
    expect(matcherMatches(re('a', 'a|b'), 'b')).toBe(true);
  });

  it('supports RE2 inline case-insensitive flags', () => {
    expect(matcherMatches(re('a', '(?i)[A-C]x'), 'bX')).toBe(true);
    expect(matcherMatches(re('a', '.*((?i)DUC).*'), 'production')).toBe(true);
  });
});
