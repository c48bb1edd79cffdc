import { describe, expect, it } from 'vitest';
import { erfc, mannWhitney } from '../../../shared/telemetry/index.ts';
import { mulberry32 } from '../../support/random.ts';

/** Relative closeness: the p-values below span many orders of magnitude. */
const close = (actual: number, expected: number, rel = 1e-6) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe('mannWhitney', () => {
  it('matches a hand computation without ties', () => {
    // Every a below every b: U_a = 0, mean 12.5, variance 5·5·11/12 = 22.917, z = −(12.5 − 0.5)/4.787 = −2.5067.
    const r = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.u).toBe(0);
    close(r.z, -12 / Math.sqrt(275 / 12));
    close(r.pValue, 0.012185780355344813); // scipy.stats.mannwhitneyu(method='asymptotic')
  });

  it('matches a hand computation with ties', () => {
    // Pooled: 1(a) | 2(a a b) rank 3 | 3(a a b) rank 6 | 4(a b b) rank 9 | 5(b b) 11.5 | 6(b) 13.
    // R_a = 1 + 2·3 + 2·6 + 9 = 28, U_a = 28 − 21 = 7; ties Σ(t³ − t) = 3·24 + 6 = 78;
    // variance = 6·7/12 · (14 − 78/156) = 47.25; z = −(21 − 7 − 0.5)/√47.25.
    const r = mannWhitney([1, 2, 2, 3, 3, 4], [2, 3, 4, 4, 5, 5, 6]);
    expect(r.u).toBe(7);
    close(r.z, -13.5 / Math.sqrt(47.25));
    close(r.pValue, 0.049534613435626706);
  });

  it('matches reference values (scipy, asymptotic, continuity-corrected)', () => {
    const cases: [number[], number[], number, number][] = [
      [[19, 22, 16, 29, 24], [20, 11, 17, 12], 17, 0.11134688653314041],
      [[1.1, 2.2, 3.3], [0.5], 3, 0.37109336952269756],
      [[7, 3, 6, 2, 4, 3, 5, 5], [3, 5, 6, 4, 6, 5, 7, 5], 23, 0.36121810476051897],
      [[0.1, 0.1, 0.1, 0.2, 0.2], [0.2, 0.2, 0.2, 0.2, 0.3], 4, 0.055829294639240065],
      [Array.from({ length: 20 }, (_, i) => i + 1), Array.from({ length: 30 }, (_, i) => i + 11), 50, 7.731611503783009e-7],
    ];
    for (const [a, b, u, p] of cases) {
      const r = mannWhitney(a, b);
      expect(r.u).toBe(u);
      close(r.pValue, p);
    }
  });

  it('is symmetric: swapping the samples mirrors U and z and keeps p', () => {
    const random = mulberry32(7);
    const a = Array.from({ length: 40 }, () => Math.round(random() * 10));
    const b = Array.from({ length: 55 }, () => Math.round(random() * 12));
    const ab = mannWhitney(a, b);
    const ba = mannWhitney(b, a);
    expect(ab.u + ba.u).toBe(40 * 55);
    close(ab.z, -ba.z, 1e-12);
    close(ab.pValue, ba.pValue, 1e-12);
  });

  it('gives p = 1 when every value is the same, and when the samples are the same', () => {
    expect(mannWhitney([3, 3, 3], [3, 3, 3, 3])).toEqual({ u: 6, z: 0, pValue: 1 });
    expect(mannWhitney([5], [5]).pValue).toBe(1);
    expect(mannWhitney([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
  });

  it('names the empty side and the bad value', () => {
    expect(() => mannWhitney([], [1])).toThrow('the first sample is empty');
    expect(() => mannWhitney([1], [])).toThrow('the second sample is empty');
    expect(() => mannWhitney([1, Number.NaN], [1])).toThrow("the first sample's value [1] is NaN");
    expect(() => mannWhitney([1], [2, 3, Infinity])).toThrow("the second sample's value [2] is Infinity");
  });

  it('keeps precision for tiny p-values (erfc, not 1 − erf)', () => {
    close(erfc(0), 1, 1e-7);
    close(erfc(3), 2.209049699858544e-5, 1e-6);
    close(erfc(10), 2.088487583762545e-45, 1e-6);
    close(erfc(-1), 1.8427007929497148, 1e-7);
    const r = mannWhitney(Array.from({ length: 200 }, (_, i) => i), Array.from({ length: 200 }, (_, i) => 1000 + i));
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThan(1e-60);
  });
});
