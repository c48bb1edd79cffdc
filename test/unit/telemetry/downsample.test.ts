import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsample, type Point } from '../../../shared/telemetry/index.ts';
import { mulberry32 } from '../../support/random.ts';

const value = fc.oneof(
  { weight: 20, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) },
);
const time = fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) });
/** Series in time order (as Prometheus returns them), some with non-finite points. */
const series = fc.array(fc.tuple(time, value), { maxLength: 400 }).map((points) => points.sort((a, b) => (a[0] || 0) - (b[0] || 0)) as Point[]);
const maxPoints = fc.integer({ min: 4, max: 80 });

const finite = (points: readonly Point[]) => points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));

describe('downsample', () => {
  it('never returns more points than asked, and exactly that many from a longer series', () => {
    fc.assert(
      fc.property(series, maxPoints, (points, max) => {
        const out = downsample(points, max);
        expect(out.length).toBe(Math.min(max, finite(points).length));
      }),
    );
  });

  it('keeps the first and last point, the global minimum and maximum, in time order, all taken from the input', () => {
    fc.assert(
      fc.property(series, maxPoints, (points, max) => {
        const kept = finite(points);
        const out = downsample(points, max);
        if (kept.length === 0) {
          expect(out).toEqual([]);
          return;
        }
        expect(out[0]).toBe(kept[0]);
        expect(out.at(-1)).toBe(kept.at(-1));
        const values = kept.map(([, v]) => v);
        expect(out.some(([, v]) => v === Math.min(...values))).toBe(true);
        expect(out.some(([, v]) => v === Math.max(...values))).toBe(true);
        for (let i = 1; i < out.length; i++) expect(out[i]![0]).toBeGreaterThanOrEqual(out[i - 1]![0]);
        for (const p of out) expect(points).toContain(p);
        expect(new Set(out).size).toBe(out.length);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a finite, sorted series within the limit as it is', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 80 }), maxPoints, (raw, max) => {
        const points = raw.sort((a, b) => a[0] - b[0]) as Point[];
        fc.pre(points.length <= max);
        expect(downsample(points, max)).toBe(points);
      }),
    );
  });

  it('drops non-finite points and sorts an unsorted series even when it is small', () => {
    const points: Point[] = [
      [3, 1],
      [1, Number.NaN],
      [2, 5],
      [Infinity, 2],
      [0, -Infinity],
    ];
    expect(downsample(points, 10)).toEqual([
      [2, 5],
      [3, 1],
    ]);
  });

  it('keeps a one-sample spike that LTTB alone would smooth away, and both extremes when they share a bucket', () => {
    // 24 h at 15 s to an 800 px chart: a 15 s spike next to a 15 s dip inside dense noise.
    const random = mulberry32(11);
    const points: Point[] = Array.from({ length: 5_760 }, (_, i) => [i * 15, 0.01 + 0.002 * random()]);
    points[3_001] = [3_001 * 15, 0.5];
    points[3_002] = [3_002 * 15, -0.1];
    const out = downsample(points, 800);
    expect(out).toHaveLength(800);
    expect(out).toContain(points[3_001]);
    expect(out).toContain(points[3_002]);
    const four = downsample(points, 4);
    expect(four).toEqual([points[0], points[3_001], points[3_002], points[5_759]]);
  });

  it('keeps the last point where the library, by rounding, would pick the one before it', () => {
    // 17 points to 13: (13 − 2) · (15 / 11) rounds below 15, and the library's last index comes out 15.
    for (const [n, max] of [
      [17, 13],
      [28, 25],
      [32, 13],
    ] as const) {
      const points: Point[] = Array.from({ length: n }, (_, i) => [i, Math.sin(i)]);
      const out = downsample(points, max);
      expect(out).toHaveLength(max);
      expect(out.at(-1)).toBe(points[n - 1]);
    }
  });

  it('refuses a limit below 4 (first, last, minimum, maximum)', () => {
    expect(() => downsample([], 3)).toThrow('maxPoints must be an integer ≥ 4');
    expect(() => downsample([], 10.5)).toThrow('got 10.5');
  });
});
