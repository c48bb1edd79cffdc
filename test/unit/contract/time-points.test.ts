import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TimePoints } from '../../../shared/contract/time-points.ts';

const zodTuples = z.array(z.tuple([z.number(), z.number()]));
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY));
const entry = fc.oneof(fc.tuple(number, number), fc.array(number, { maxLength: 3 }), fc.anything());
const value = fc.oneof(fc.array(entry, { maxLength: 6 }), fc.array(fc.tuple(number, number), { maxLength: 6 }), fc.anything());

describe('TimePoints', () => {
  it('accepts exactly what an array of zod number tuples accepts', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(TimePoints.safeParse(v).success).toBe(zodTuples.safeParse(v).success);
      }),
      { numRuns: 3_000 },
    );
  });

  it('names the first bad entry and what is wrong with it', () => {
    const bad = TimePoints.safeParse([[1, 2], [3, Number.NaN]]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('[1]: expected two finite numbers, got [3, NaN]');
    expect(TimePoints.safeParse([[1, 2, 3]]).error?.issues[0]?.message).toBe('[0]: expected a [unix seconds, value] pair');
    expect(TimePoints.safeParse('nope').error?.issues[0]?.message).toMatch(/^expected an array/);
  });

  it('reports the field it sits in', () => {
    const result = z.object({ points: TimePoints }).safeParse({ points: [[1, 'x']] });
    expect(result.error?.issues[0]?.path).toEqual(['points']);
  });
});
