import { describe, expect, it } from 'vitest';
import type { InstanceView } from '../../stacks/target.js';
import { PodKillKindParamsSchema, pickVictims, victimCount } from './pod-kill.js';
import { seededRandom } from '../../common/seeded-random.js';

const pods = (n: number): InstanceView[] =>
  Array.from({ length: n }, (_, i) => ({ id: `catalog-${i}`, service: 'catalog', port: 0, url: '', pid: null, restarts: 0, state: 'running', healthy: true, lastExit: null }));

describe('pod-kill selection', () => {
  it('counts victims by mode; without a mode, count decides as before', () => {
    expect(victimCount(5, { count: 2 })).toBe(2);
    expect(victimCount(5, { count: 'all' })).toBe(5);
    expect(victimCount(5, { count: 9 })).toBe(5);
    expect(victimCount(5, { mode: 'one', count: 3 })).toBe(1);
    expect(victimCount(5, { mode: 'count', count: 3 })).toBe(3);
    expect(victimCount(5, { mode: 'percent', count: 1, percent: 40 })).toBe(2);
    expect(victimCount(5, { mode: 'percent', count: 1, percent: 41 })).toBe(3);
    expect(victimCount(5, { mode: 'percent', count: 1, percent: 1 })).toBe(1);
  });

  it('picks the same victims for the same seed, whatever the list order', () => {
    const first = pickVictims(pods(6), { mode: 'count', count: 3 }, seededRandom(42)).map((pod) => pod.id);
    const again = pickVictims(pods(6).reverse(), { mode: 'count', count: 3 }, seededRandom(42)).map((pod) => pod.id);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(3);
    const seeds = new Set(Array.from({ length: 20 }, (_, seed) => pickVictims(pods(6), { mode: 'one', count: 1 }, seededRandom(seed))[0]!.id));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('checks that percent goes with mode percent', () => {
    expect(PodKillKindParamsSchema.safeParse({ mode: 'percent' }).success).toBe(false);
    expect(PodKillKindParamsSchema.safeParse({ percent: 50 }).success).toBe(false);
    expect(PodKillKindParamsSchema.safeParse({ mode: 'percent', percent: 50, seed: 7 }).success).toBe(true);
    expect(PodKillKindParamsSchema.safeParse({}).data).toEqual({ count: 1, crashLoop: false });
  });
});
