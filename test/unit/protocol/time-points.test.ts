import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TimePoints } from '../../../shared/protocol/index.ts';
import { ChartSeries } from '../../../shared/contract/telemetry.ts';

const zodTuples = z.array(z.tuple([z.number(), z.number()]));
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY));
const entry = fc.oneof(fc.tuple(number, number), fc.array(number, { maxLength: 3 }), fc.anything());
const value = fc.oneof(fc.array(entry, { maxLength: 6 }), fc.array(fc.tuple(number, number), { maxLength: 6 }), fc.anything());

describe('TimePoints ([unix seconds, value] pairs in the protocol and the contract)', () => {
  it('accepts exactly what an array of zod number tuples accepts', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(TimePoints.safeParse(v).success).toBe(zodTuples.safeParse(v).success);
      }),
      { numRuns: 3_000 },
    );
  });

  it('keeps the pairs as given, and a contract answer names the bad point by its path', () => {
    const points: [number, number][] = [[1, 2], [3, 4]];
    expect(TimePoints.parse(points)[1]).toBe(points[1]);
    const bad = ChartSeries.safeParse({ signal: 'error_rate', version: 'v1', train: 1, role: 'other', unit: 'ratio', points: [[1, 2], [3, Number.NaN]] });
    expect(bad.error?.issues[0]?.path).toEqual(['points', 1, 1]);
    expect(bad.error?.issues[0]?.message).toMatch(/^expected a finite number/);
  });
});
