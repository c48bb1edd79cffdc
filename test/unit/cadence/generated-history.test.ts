import { describe, expect, it } from 'vitest';
import { completeWeeksBefore, computeCadence, weekStartUtc, type CadenceHistory, type CadenceRelease } from '../../../shared/cadence/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONDAY = Date.parse('2025-12-01T00:00:00Z');

/**
 * 52 weekly trains cut on Mondays at 10:00, first gate two hours later. Region `weekly` takes every
 * train to production on the Wednesday of the following week at 12:00 (first gate + 9 days), region
 * `fortnightly` every even train a day later, region `idle` nothing. Every fifth train needs a
 * toggle-off in `weekly`, restored after (5 + train % 3) × 10 minutes.
 */
function generated(): CadenceHistory {
  const trains = [];
  const releases: CadenceRelease[] = [];
  for (let i = 0; i < 52; i++) {
    const cut = MONDAY + i * WEEK + 10 * HOUR;
    trains.push({ train: i, name: `t${i}`, dateMs: cut, firstGateMs: cut + 2 * HOUR });
    // The Wednesday of the following week at 12:00: cut + 9 d + 2 h; first gate + 9 d.
    const weeklyAt = cut + 9 * DAY + 2 * HOUR;
    const failed = i % 5 === 0;
    releases.push({
      region: 'weekly',
      train: i,
      productionMs: weeklyAt,
      failure: failed ? { action: 'toggle-off', source: 'region', detectedMs: weeklyAt + HOUR, restoredMs: weeklyAt + HOUR + (5 + (i % 3)) * 10 * 60_000 } : null,
    });
    if (i % 2 === 0) releases.push({ region: 'fortnightly', train: i, productionMs: weeklyAt + DAY, failure: null });
  }
  return { trains, releases, restores: [] };
}

describe('cadence on a generated year of weekly trains', () => {
  // Trains 0–51 reach production in weeks 1–52 after MONDAY; take the 26 complete weeks ending at week 53.
  const now = MONDAY + 53 * WEEK + 3 * DAY;
  const period = completeWeeksBefore(now, 26);
  const summary = computeCadence(generated(), { period, weeklyTarget: 1, bucket: 'week', regions: ['idle'] });

  it('takes whole UTC weeks before the current one', () => {
    expect(period.toMs).toBe(MONDAY + 53 * WEEK);
    expect(period.fromMs).toBe(MONDAY + 27 * WEEK);
    expect(weekStartUtc(Date.parse('2026-11-29T23:59:59Z'))).toBe(Date.parse('2026-11-23T00:00:00Z'));
    expect(weekStartUtc(Date.parse('2026-11-23T00:00:00Z'))).toBe(Date.parse('2026-11-23T00:00:00Z'));
  });

  it('counts one release a week in `weekly`, one every other week in `fortnightly`, none in `idle`', () => {
    // Weeks 27–52 hold the releases of trains 26–51: 26 in weekly, the 13 even ones in fortnightly.
    const by = Object.fromEntries(summary.frequency.byRegion.map((r) => [r.region, r]));
    expect(by.weekly?.releases).toBe(26);
    expect(by.weekly?.weeksOnTarget).toBe(26);
    expect(by.fortnightly?.releases).toBe(13);
    expect(by.fortnightly?.perWeek).toBe(0.5);
    expect(by.fortnightly?.weeksOnTarget).toBe(13);
    expect(by.idle?.releases).toBe(0);
    expect(summary.frequency.perRegionPerWeek).toBeCloseTo(39 / 3 / 26, 12);
    expect(summary.frequency.regionWeeksOnTarget).toBe(39);
  });

  it('measures every train’s lead time as nine days', () => {
    expect(summary.leadTime.trains).toBe(26);
    expect(summary.leadTime.medianMs).toBe(9 * DAY);
    expect(summary.leadTime.p90Ms).toBe(9 * DAY);
  });

  it('counts the failed fifth trains', () => {
    // Trains 26–51 divisible by 5: 30, 35, 40, 45, 50.
    expect(summary.changeFailure.failedTrains).toBe(5);
    expect(summary.changeFailure.rate).toBeCloseTo(5 / 26, 12);
    // Restores (5 + i % 3) × 10 min for i = 30, 35, 40, 45, 50 → 50, 70, 60, 50, 70 min: median 60.
    expect(summary.restore.samples).toBe(5);
    expect(summary.restore.medianMs).toBe(60 * 60_000);
  });

  it('draws 26 weekly trend points, one release in every other week from fortnightly', () => {
    expect(summary.trend).toHaveLength(26);
    expect(summary.trend.map((p) => p.releases)).toEqual(Array.from({ length: 26 }, (_, k) => ((26 + k) % 2 === 0 ? 2 : 1)));
  });
});
