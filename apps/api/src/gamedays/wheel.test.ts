import { describe, expect, it } from 'vitest';
import { seedOf, spinWheel, wheelWeight, type WheelCandidate } from './wheel.js';
import { seededRandom } from '../common/seeded-random.js';

const WEIGHTS = { beginner: 1, intermediate: 2, advanced: 3 };
const TRIALS = 20_000;

/** How often each id came out over many seeded spins, as a share of the spins. */
function shares(candidates: WheelCandidate[], draws: number, weights = WEIGHTS): Record<string, number> {
  const random = seededRandom(42);
  const counts: Record<string, number> = Object.fromEntries(candidates.map((candidate) => [candidate.id, 0]));
  for (let trial = 0; trial < TRIALS; trial++) for (const id of spinWheel(candidates, { draws, difficultyWeights: weights, random })) counts[id]!++;
  return Object.fromEntries(Object.entries(counts).map(([id, count]) => [id, count / TRIALS]));
}

describe('wheel of misfortune', () => {
  it('one draw follows difficulty weight × 1/(1 + past drills)', () => {
    const candidates: WheelCandidate[] = [
      { id: 'easy', difficulty: 'beginner', pastDrills: 0 }, // 1
      { id: 'mid', difficulty: 'intermediate', pastDrills: 0 }, // 2
      { id: 'hard', difficulty: 'advanced', pastDrills: 0 }, // 3
      { id: 'hard-drilled', difficulty: 'advanced', pastDrills: 2 }, // 1
    ];
    const total = candidates.reduce((sum, candidate) => sum + wheelWeight(candidate, WEIGHTS), 0);
    const got = shares(candidates, 1);
    for (const candidate of candidates) {
      // Binomial standard error at 20 000 trials is under 0.004; 0.015 is almost four of them.
      expect(Math.abs(got[candidate.id]! - wheelWeight(candidate, WEIGHTS) / total), candidate.id).toBeLessThan(0.015);
    }
  });

  it('the least-drilled scenario of one difficulty comes up most', () => {
    const got = shares(
      [
        { id: 'never', difficulty: 'intermediate', pastDrills: 0 },
        { id: 'once', difficulty: 'intermediate', pastDrills: 1 },
        { id: 'often', difficulty: 'intermediate', pastDrills: 5 },
      ],
      1,
    );
    expect(got.never).toBeGreaterThan(got.once!);
    expect(got.once).toBeGreaterThan(got.often!);
    // 1 : 1/2 : 1/6 → 0.6, 0.3, 0.1
    expect(Math.abs(got.never! - 0.6)).toBeLessThan(0.015);
    expect(Math.abs(got.often! - 0.1)).toBeLessThan(0.015);
  });

  it('draws distinct scenarios; with as many draws as candidates every one comes out once', () => {
    const candidates: WheelCandidate[] = ['a', 'b', 'c'].map((id) => ({ id, difficulty: 'beginner', pastDrills: 0 }));
    const random = seededRandom(7);
    for (let trial = 0; trial < 500; trial++) {
      const drawn = spinWheel(candidates, { draws: 2, difficultyWeights: WEIGHTS, random });
      expect(new Set(drawn).size).toBe(2);
    }
    expect(spinWheel(candidates, { draws: 5, difficultyWeights: WEIGHTS, random }).sort()).toEqual(['a', 'b', 'c']);
  });

  it('two draws without repetition: the heavy one is in almost every pair, the share of pairs matches the sequential odds', () => {
    const candidates: WheelCandidate[] = [
      { id: 'heavy', difficulty: 'advanced', pastDrills: 0 }, // 3
      { id: 'light1', difficulty: 'beginner', pastDrills: 0 }, // 1
      { id: 'light2', difficulty: 'beginner', pastDrills: 0 }, // 1
    ];
    // P(heavy in pair) = 3/5 + 2 × (1/5 × 3/4) = 0.9
    expect(Math.abs(shares(candidates, 2).heavy! - 0.9)).toBeLessThan(0.015);
  });

  it('a difficulty of weight 0 is never drawn', () => {
    const got = shares(
      [
        { id: 'easy', difficulty: 'beginner', pastDrills: 0 },
        { id: 'hard', difficulty: 'advanced', pastDrills: 0 },
      ],
      2,
      { beginner: 0, intermediate: 1, advanced: 1 },
    );
    expect(got).toEqual({ easy: 0, hard: 1 });
  });

  it('the same seed gives the same draws', () => {
    const candidates: WheelCandidate[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, difficulty: 'intermediate', pastDrills: 0 }));
    const spin = () => spinWheel(candidates, { draws: 3, difficultyWeights: WEIGHTS, random: seededRandom(seedOf('gdr-0123abcd')) });
    expect(spin()).toEqual(spin());
  });
});
