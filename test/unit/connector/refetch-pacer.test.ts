import { describe, expect, it } from 'vitest';
import { RefetchPacer } from '../../../electron/connector/refetch-pacer.ts';

describe('refetch pacer', () => {
  const make = (random = () => 0) => {
    let now = 0;
    const pacer = new RefetchPacer({ baseMs: 1_000, capMs: 8_000, random, now: () => now });
    return { pacer, at: (t: number) => (now = t) };
  };

  it('doubles the spacing after each fetch asked for by trouble, up to the cap (jitter down to half)', () => {
    const { pacer, at } = make();
    let t = 0;
    const spacings: number[] = [];
    for (let i = 0; i < 7; i++) {
      at(t);
      pacer.started(true);
      const wait = pacer.delay();
      spacings.push(wait);
      t += wait;
    }
    expect(spacings).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000]);
  });

  it('full jitter at the top: never sooner than half the window, never later than the window', () => {
    const low = make(() => 0);
    const high = make(() => 0.999999);
    for (const { pacer } of [low, high]) {
      pacer.started(true);
      pacer.started(true);
    }
    expect(low.pacer.delay()).toBe(1_000); // window 2 s, half of it
    expect(high.pacer.delay()).toBe(2_000);
  });

  it('a region quiet for twice the cap starts again from the base', () => {
    const { pacer, at } = make();
    for (let i = 0; i < 5; i++) pacer.started(true);
    expect(pacer.windowMs).toBe(8_000);
    at(16_001);
    pacer.started(true);
    expect(pacer.windowMs).toBe(1_000);
  });

  it('a fetch without trouble keeps the window where it is', () => {
    const { pacer } = make();
    pacer.started(true);
    pacer.started(true);
    expect(pacer.windowMs).toBe(2_000);
    pacer.started(false);
    expect(pacer.windowMs).toBe(2_000);
  });
});
