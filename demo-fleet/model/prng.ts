/**
 * Deterministic randomness. Everything the demo fleet invents comes from a `Prng` seeded by
 * `seedFor(seed, ...labels)`, so one label's stream never shifts when another consumer draws more.
 */

/** FNV-1a over the string, finished with a murmur3 avalanche so near-identical labels diverge. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** murmur3 fmix32: a cheap bijective scramble of a 32-bit integer. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform [0, 1) derived from a key hash and an integer (e.g. a timestamp) without any state. */
export function hashUnit(keyHash: number, n: number): number {
  const lo = mix32(keyHash ^ Math.imul(n | 0, 0x9e3779b1));
  const hi = mix32(lo ^ Math.floor(n / 4294967296));
  return hi / 4294967296;
}

export function seedFor(seed: number, ...labels: Array<string | number>): number {
  return hashString(`${seed}|${labels.join('|')}`);
}

/** mulberry32: small, fast, good enough for simulation (not for secrets). */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Prng.pick on an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
    if (total <= 0) throw new Error('Prng.weighted needs a positive total weight');
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= Math.max(0, w);
      if (r < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }
}
