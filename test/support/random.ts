/** Seeded PRNG (mulberry32): the same seed gives the same samples on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Standard normal draws (Box-Muller). */
export function normal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `n` log-normal latencies (seconds) with the given median and log-spread, as latency is in practice. */
export function latencies(random: () => number, n: number, median: number, sigma = 0.3): number[] {
  const z = normal(random);
  return Array.from({ length: n }, () => median * Math.exp(sigma * z()));
}

/** `n` values around `mean` with normal noise of `sd`, clamped to [lo, hi]. */
export function noisy(random: () => number, n: number, mean: number, sd: number, lo = 0, hi = 1): number[] {
  const z = normal(random);
  return Array.from({ length: n }, () => Math.min(hi, Math.max(lo, mean + sd * z())));
}
