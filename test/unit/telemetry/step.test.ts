import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseStep, NICE_STEPS, pointsFor, PROMETHEUS_MAX_POINTS } from '../../../shared/telemetry/index.ts';

const DAY = 86_400;
const isNice = (step: number) => NICE_STEPS.includes(step) || (step % DAY === 0 && step > 0);
const input = fc.record({
  range: fc.integer({ min: 0, max: 400 * DAY }),
  width: fc.integer({ min: 1, max: 8_000 }),
  minStep: fc.integer({ min: 1, max: 2 * DAY }),
  maxPoints: fc.integer({ min: 2, max: 20_000 }),
});

describe('chooseStep', () => {
  it('picks the steps a chart expects for the range picker on an 800 px chart', () => {
    expect(chooseStep(15 * 60, 800)).toBe(1);
    expect(chooseStep(3_600, 800)).toBe(5);
    expect(chooseStep(3_600, 800, { minStep: 15 })).toBe(15);
    expect(chooseStep(6 * 3_600, 800)).toBe(15);
    expect(chooseStep(DAY, 800)).toBe(60);
    expect(chooseStep(7 * DAY, 800)).toBe(600);
    expect(chooseStep(7 * DAY, 4_000, { minStep: 1 })).toBe(120);
  });

  it('keeps under the Prometheus limit of 11,000 points even for a wide chart', () => {
    const step = chooseStep(DAY, 100_000);
    expect(step).toBe(10);
    expect(pointsFor(DAY, step)).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS);
    expect(pointsFor(DAY, 5)).toBeGreaterThan(PROMETHEUS_MAX_POINTS);
  });

  it('is nice, at least minStep, within 2 points per pixel and maxPoints, and the smallest such nice step', () => {
    fc.assert(
      fc.property(input, ({ range, width, minStep, maxPoints }) => {
        const step = chooseStep(range, width, { minStep, maxPoints });
        expect(isNice(step)).toBe(true);
        expect(step).toBeGreaterThanOrEqual(minStep);
        const points = pointsFor(range, step);
        expect(points).toBeLessThanOrEqual(2 * width);
        expect(points).toBeLessThanOrEqual(maxPoints);
        const smaller = [...NICE_STEPS, ...Array.from({ length: Math.ceil(step / DAY) }, (_, d) => d * DAY)].filter((s) => s >= minStep && s < step);
        for (const s of smaller) expect(pointsFor(range, s) > Math.min(2 * width, maxPoints), `step ${s} would also fit`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('goes past a day in whole days for very long ranges', () => {
    const step = chooseStep(10 * 365 * DAY, 300);
    expect(step % DAY).toBe(0);
    expect(step).toBe(7 * DAY);
    expect(pointsFor(10 * 365 * DAY, step)).toBeLessThanOrEqual(600);
  });

  it('refuses what has no answer', () => {
    expect(() => chooseStep(Number.NaN, 800)).toThrow('range NaN s is not finite');
    expect(() => chooseStep(3_600, 0)).toThrow('width 0 px');
    expect(() => chooseStep(3_600, 800, { minStep: 0 })).toThrow('minStep 0 s is not positive');
    expect(() => chooseStep(3_600, 800, { maxPoints: 1 })).toThrow('maxPoints 1 is below 2');
  });
});
