import { seededRandom } from '../common/seeded-random.js';

/**
 * The wheel of misfortune: which scenarios a game day drills when its plan is a wheel. Pure; the
 * random numbers come from the caller (seeded per run, so a draw can be replayed from its run id).
 */

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

export interface WheelCandidate {
  id: string;
  difficulty: Difficulty;
  /** How often the team drilled this scenario before (any origin but the CI gate). */
  pastDrills: number;
}

export interface WheelOptions {
  draws: number;
  difficultyWeights: Record<Difficulty, number>;
  /** Uniform in [0, 1). */
  random: () => number;
}

/**
 * A candidate's chance: its difficulty's weight, divided by one more than the number of times the
 * team drilled it, so a never-drilled scenario counts double one drilled once, triple one drilled twice.
 */
export function wheelWeight(candidate: WheelCandidate, weights: Record<Difficulty, number>): number {
  return weights[candidate.difficulty] / (1 + candidate.pastDrills);
}

/**
 * Draws up to `draws` distinct scenarios, one at a time, each in proportion to its weight among
 * those left. Candidates of weight 0 are never drawn, so fewer than `draws` may come back.
 */
export function spinWheel(candidates: readonly WheelCandidate[], options: WheelOptions): string[] {
  const left = candidates.map((candidate) => ({ id: candidate.id, weight: wheelWeight(candidate, options.difficultyWeights) })).filter((entry) => entry.weight > 0);
  const drawn: string[] = [];
  while (drawn.length < options.draws && left.length > 0) {
    const total = left.reduce((sum, entry) => sum + entry.weight, 0);
    let point = options.random() * total;
    let index = left.findIndex((entry) => (point -= entry.weight) < 0);
    // Rounding can leave `point` a hair above zero after the last entry.
    if (index === -1) index = left.length - 1;
    drawn.push(left[index]!.id);
    left.splice(index, 1);
  }
  return drawn;
}


/** A 32-bit seed from a string (FNV-1a), e.g. a run id. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
