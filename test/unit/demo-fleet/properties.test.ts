import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../../demo-fleet/generate/allocate.ts';
import { latencyAtQuantile, stratifiedLatencies } from '../../../demo-fleet/metrics/latency-samples.ts';
import { Prng, hashUnit } from '../../../demo-fleet/model/prng.ts';

describe('allocate', () => {
  it('sums to the total and gives every part its minimum', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 5 }), (weights, total, min) => {
        const parts = allocate(total, weights, min);
        expect(parts).toHaveLength(weights.length);
        expect(parts.every((p) => Number.isInteger(p) && p >= min)).toBe(true);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(Math.max(total, min * weights.length));
      }),
    );
  });
});

describe('Prng', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, lo, width) => {
        const a = new Prng(seed);
        const b = new Prng(seed);
        for (let i = 0; i < 20; i++) {
          const x = a.int(lo, lo + width);
          expect(x).toBe(b.int(lo, lo + width));
          expect(x).toBeGreaterThanOrEqual(lo);
          expect(x).toBeLessThanOrEqual(lo + width);
        }
      }),
    );
  });

  it('hashUnit is in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 4_000_000_000 }), (key, n) => {
        const u = hashUnit(key, n);
        expect(u >= 0 && u < 1).toBe(true);
      }),
    );
  });
});

describe('latency samples', () => {
  it('hit the anchors and rise monotonically', () => {
    expect(latencyAtQuantile(0.5, 0.1, 0.3, 0.6)).toBeCloseTo(0.1);
    expect(latencyAtQuantile(0.95, 0.1, 0.3, 0.6)).toBeCloseTo(0.3);
    const xs = stratifiedLatencies(48, 0.1, 0.3, 0.6);
    expect(xs).toHaveLength(48);
    for (let i = 1; i < xs.length; i++) expect(xs[i] ?? 0).toBeGreaterThanOrEqual(xs[i - 1] ?? 0);
  });
});
