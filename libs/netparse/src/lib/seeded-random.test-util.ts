/** A source of numbers in [0, 1): the fuzz specs draw every choice from one, so a failing input can be replayed. */
export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG; the same seed yields the same inputs on every run. */
export const prng =
  (seed: number): Rng =>
  () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

/** One of `xs`, drawn from `rng`. */
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
