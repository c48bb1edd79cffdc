import { describe, expect, it } from 'vitest';
import { thinTargets } from '../../../electron/history/mix-table.ts';

describe('thinTargets', () => {
  it('spreads max times evenly from the first to the last, both kept', () => {
    expect(thinTargets(0, 100, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(thinTargets(1_000, 1_010, 4)).toEqual([1_000, 1_004, 1_007, 1_010]);
    expect(thinTargets(0, 100, 1)).toEqual([100]);
    expect(thinTargets(0, 100, 0)).toEqual([]);
    expect(thinTargets(0, 100, 2.9)).toEqual([0, 100]);
  });

  it('is ascending and within the range', () => {
    for (const [first, last, max] of [[0, 7, 20], [5, 5, 3], [0, 604_800_000, 720]] as const) {
      const targets = thinTargets(first, last, max);
      expect(targets).toHaveLength(max);
      expect(targets[0]).toBe(first);
      expect(targets.at(-1)).toBe(last);
      for (let i = 1; i < targets.length; i++) expect(targets[i]!).toBeGreaterThanOrEqual(targets[i - 1]!);
    }
  });
});
