/**
 * mulberry32: a small, fast PRNG. Not for secrets; for choices that must be replayable from a
 * seed (which pods a pod-kill picks, which scenarios the wheel of misfortune draws).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
