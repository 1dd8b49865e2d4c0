// Seeded pseudo-random numbers for the in-app analytics (train/test splits, k-means++ seeding,
// synthetic data in tests). Math.random cannot be seeded, and a model that cannot be rebuilt
// bit-for-bit from its inputs cannot be audited, so everything that needs chance takes a seed.

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit generator (Tommy Ettinger), good enough statistically for sampling and
 * shuffling, not for cryptography. The same seed always yields the same sequence.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle into a new array; the input is left untouched. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/** A standard normal draw (Box–Muller), for synthetic data. */
export function randomNormal(random: Random): number {
  // 1 - u keeps the argument of log in (0, 1].
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
