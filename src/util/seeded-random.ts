/**
 * A small seeded generator (mulberry32) of numbers in [0, 1): the same seed gives the same
 * sequence on every machine, so `catnap load` can repeat a run message for message and the
 * bench's big world file is the same byte for byte. (The world's own randomness, with its saved
 * state, is `WorldRandom` in random.ts.)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
