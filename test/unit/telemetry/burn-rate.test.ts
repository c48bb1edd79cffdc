import { describe, expect, it } from 'vitest';
import { burnRateAlert, errorRatioOver, type TrafficSeries } from '../../../shared/telemetry/burn-rate.ts';

const NOW = 1_800_000_000;

/** One version at `rps` with error ratio `ratio(t)` every 60 s over the last 6 h. */
function traffic(rps: number, ratio: (ageSec: number) => number): TrafficSeries {
  const requestRate: Array<[number, number]> = [];
  const errorRate: Array<[number, number]> = [];
  for (let t = NOW - 21_600; t <= NOW; t += 60) {
    requestRate.push([t, rps]);
    errorRate.push([t, ratio(NOW - t)]);
  }
  return { requestRate, errorRate };
}

describe('SLO multi-window multi-burn-rate', () => {
  it('weights each version by its request rate', () => {
    const busy = traffic(90, () => 0.001);
    const canary = traffic(10, () => 0.1);
    expect(errorRatioOver([busy, canary], NOW, 3_600)).toBeCloseTo(0.9 * 0.001 + 0.1 * 0.1, 6);
  });

  it('pages when both the 1 h and the 5 min windows burn faster than 14.4×', () => {
    // 99.9 % objective: budget 0.1 %; 2 % errors for the last 2 h is a 20× burn in both windows.
    const finding = burnRateAlert([traffic(50, (age) => (age < 7_200 ? 0.02 : 0.0001))], NOW, 0.999);
    expect(finding?.window.severity).toBe('critical');
    expect(finding?.longBurn).toBeGreaterThan(14.4);
  });

  it('does not page for a burst that has already stopped (short window clear)', () => {
    const finding = burnRateAlert([traffic(50, (age) => (age > 600 && age < 3_000 ? 0.05 : 0.0001))], NOW, 0.999);
    expect(finding?.window.severity).not.toBe('critical');
  });

  it('does not page for a fresh spike the long window has not confirmed', () => {
    // 3 minutes at 20 %: the 5 min window burns, the 1 h one stays under 14.4×.
    const finding = burnRateAlert([traffic(50, (age) => (age < 180 ? 0.2 : 0.0001))], NOW, 0.999);
    expect(finding).toBeNull();
  });

  it('raises the 6 h / 30 min ticket for a slow steady burn', () => {
    const finding = burnRateAlert([traffic(50, () => 0.008)], NOW, 0.999);
    expect(finding?.window.severity).toBe('warning');
    expect(finding?.window.factor).toBe(6);
  });

  it('stays quiet within budget, and with no traffic', () => {
    expect(burnRateAlert([traffic(50, () => 0.0005)], NOW, 0.999)).toBeNull();
    expect(burnRateAlert([traffic(0, () => 0.5)], NOW, 0.999)).toBeNull();
  });

  it('refuses an objective of 100 %', () => {
    expect(() => burnRateAlert([traffic(1, () => 0)], NOW, 1)).toThrow(/below 1/);
  });
});
