import { describe, expect, it } from 'vitest';
import { computeCadence, type CadenceHistory } from '../../../shared/cadence/index.ts';

/**
 * A small history written by hand; every expected figure below is worked out in the comments from
 * the dates, not by calling the code under test.
 */
const t = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const history: CadenceHistory = {
  trains: [
    { train: 9, name: '2026.43', dateMs: t('2026-10-19T10:00:00Z'), firstGateMs: t('2026-10-19T12:00:00Z') },
    { train: 10, name: '2026.44', dateMs: t('2026-10-26T10:00:00Z'), firstGateMs: t('2026-10-26T12:00:00Z') },
    { train: 11, name: '2026.45', dateMs: t('2026-11-02T10:00:00Z'), firstGateMs: t('2026-11-02T12:00:00Z') },
    { train: 12, name: '2026.46', dateMs: t('2026-11-09T10:00:00Z'), firstGateMs: t('2026-11-09T12:00:00Z') },
  ],
  releases: [
    // Before the period; its failure is detected inside it (counts for time to restore, not for the failure rate).
    { region: 'a', train: 9, productionMs: t('2026-10-30T12:00:00Z'), failure: { action: 'rollback', source: 'region', detectedMs: t('2026-11-03T00:00:00Z'), restoredMs: t('2026-11-03T04:00:00Z') } },
    { region: 'a', train: 10, productionMs: t('2026-11-03T12:00:00Z'), failure: null },
    { region: 'b', train: 10, productionMs: t('2026-11-05T12:00:00Z'), failure: { action: 'toggle-off', source: 'region', detectedMs: t('2026-11-05T18:00:00Z'), restoredMs: t('2026-11-05T18:30:00Z') } },
    { region: 'a', train: 11, productionMs: t('2026-11-10T00:00:00Z'), failure: null },
    { region: 'b', train: 11, productionMs: t('2026-11-12T00:00:00Z'), failure: { action: 'rollback', source: 'region', detectedMs: t('2026-11-12T06:00:00Z'), restoredMs: null } },
    { region: 'a', train: 12, productionMs: t('2026-11-14T12:00:00Z'), failure: null },
    { region: 'b', train: 12, productionMs: t('2026-11-13T12:00:00Z'), failure: null },
    // Exactly at the period's end: outside (periods are half-open). Train 13 is not in `trains`.
    { region: 'a', train: 13, productionMs: t('2026-11-16T00:00:00Z'), failure: null },
  ],
  restores: [
    { id: 'alert-1', region: 'a', startMs: t('2026-11-04T00:00:00Z'), restoredMs: t('2026-11-04T01:00:00Z') },
    { id: 'alert-2', region: 'b', startMs: t('2026-11-20T00:00:00Z'), restoredMs: t('2026-11-20T02:00:00Z') },
  ],
};

// Two complete weeks, Monday 2 to Monday 16 November 2026; region c has no release at all.
const period = { fromMs: t('2026-11-02T00:00:00Z'), toMs: t('2026-11-16T00:00:00Z') };
const options = { period, weeklyTarget: 1, bucket: 'week' as const, regions: ['a', 'b', 'c'] };

describe('cadence on a hand-written history', () => {
  const summary = computeCadence(history, options);

  it('deployment frequency per region per week against the target', () => {
    // Week 1: a 10, b 10. Week 2: a 11 + 12, b 11 + 12. Six releases over 3 regions × 2 weeks = 1.0.
    expect(summary.frequency.releases).toBe(6);
    expect(summary.frequency.perRegionPerWeek).toBe(1);
    expect(summary.frequency.regionWeeks).toBe(6);
    // a and b release in both weeks; c in neither.
    expect(summary.frequency.regionWeeksOnTarget).toBe(4);
    expect(summary.frequency.byRegion.map((r) => [r.region, r.releases, r.perWeek, r.weeksOnTarget, r.weeks.map((w) => w.releases)])).toEqual([
      ['a', 3, 1.5, 2, [1, 2]],
      ['b', 3, 1.5, 2, [1, 2]],
      ['c', 0, 0, 0, [0, 0]],
    ]);
    expect(summary.frequency.byRegion[0]?.weeks.map((w) => w.start)).toEqual(['2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z']);
    // A target of two a week: only a and b in week 2.
    expect(computeCadence(history, { ...options, weeklyTarget: 2 }).frequency.regionWeeksOnTarget).toBe(2);
  });

  it('lead time per train: first gate → first region in production', () => {
    // 10: Oct 26 12:00 → Nov 3 12:00 = 8 d; 11: Nov 2 12:00 → Nov 10 00:00 = 7.5 d; 12: Nov 9 12:00 → Nov 13 12:00 (b first) = 4 d.
    expect(summary.leadTime.byTrain.map((l) => [l.name, l.leadTimeMs / DAY])).toEqual([
      ['2026.44', 8],
      ['2026.45', 7.5],
      ['2026.46', 4],
    ]);
    expect(summary.leadTime.trains).toBe(3);
    expect(summary.leadTime.medianMs).toBe(7.5 * DAY);
    // Nearest rank of 90 % of three values is the third.
    expect(summary.leadTime.p90Ms).toBe(8 * DAY);
  });

  it('change-failure rate over the trains first in production in the period', () => {
    // Trains 10, 11, 12; 10 needed a toggle-off (b), 11 a rollback (b). Train 9 went to production before the period.
    expect(summary.changeFailure.trains).toBe(3);
    expect(summary.changeFailure.failedTrains).toBe(2);
    expect(summary.changeFailure.rate).toBeCloseTo(2 / 3, 12);
    expect(summary.changeFailure.failures.map((f) => [f.name, f.region, f.action, f.restoredAt])).toEqual([
      ['2026.44', 'b', 'toggle-off', '2026-11-05T18:30:00.000Z'],
      ['2026.45', 'b', 'rollback', null],
    ]);
  });

  it('time to restore over failures that began in the period', () => {
    // Train 9's rollback 4 h, alert-1 1 h, train 10's toggle-off 30 min; alert-2 is after the period; train 11 is still open.
    expect(summary.restore.samples).toBe(3);
    expect(summary.restore.medianMs).toBe(HOUR);
    expect(summary.restore.open).toBe(1);
  });

  it('a weekly trend of every key', () => {
    expect(summary.trend.map((p) => ({ start: p.start, releases: p.releases, lead: p.leadTimeMedianMs, p90: p.leadTimeP90Ms, cfr: p.changeFailureRate, restore: p.restoreMedianMs, restores: p.restores }))).toEqual([
      // Week 1: releases a/10, b/10; train 10 (8 d, failed); restores 4 h, 1 h, 30 min.
      { start: '2026-11-02T00:00:00.000Z', releases: 2, lead: 8 * DAY, p90: 8 * DAY, cfr: 1, restore: HOUR, restores: 3 },
      // Week 2: four releases; trains 11 (7.5 d, failed) and 12 (4 d): median 5.75 d, p90 the second.
      { start: '2026-11-09T00:00:00.000Z', releases: 4, lead: 5.75 * DAY, p90: 7.5 * DAY, cfr: 0.5, restore: null, restores: 0 },
    ]);
    expect(summary.trend[1]?.perRegionPerWeek).toBeCloseTo(4 / 3, 12);
  });

  it('monthly buckets are calendar months clipped to the period', () => {
    const longer = computeCadence(history, { ...options, period: { fromMs: t('2026-10-19T00:00:00Z'), toMs: t('2026-11-16T00:00:00Z') }, bucket: 'month' });
    expect(longer.trend.map((p) => [p.start, p.end, p.releases])).toEqual([
      ['2026-10-19T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 1],
      ['2026-11-01T00:00:00.000Z', '2026-11-16T00:00:00.000Z', 6],
    ]);
    // a/9 on Oct 30: 1 release over 3 regions and 13/7 weeks.
    expect(longer.trend[0]?.perRegionPerWeek).toBeCloseTo(1 / 3 / (13 / 7), 12);
  });

  it('says null, not zero, when there is nothing to measure', () => {
    const empty = computeCadence({ trains: [], releases: [], restores: [] }, options);
    expect(empty.leadTime.medianMs).toBeNull();
    expect(empty.changeFailure.rate).toBeNull();
    expect(empty.restore.medianMs).toBeNull();
    expect(empty.frequency.perRegionPerWeek).toBe(0);
    expect(empty.regions).toEqual(['a', 'b', 'c']);
  });
});

describe('a failure the console audited itself', () => {
  it('counts for the change-failure rate, not for time to restore (its alerts measure that)', () => {
    const audited: CadenceHistory = {
      trains: history.trains,
      releases: [{ region: 'a', train: 12, productionMs: t('2026-11-10T00:00:00Z'), failure: { action: 'rollback', source: 'audit', detectedMs: t('2026-11-11T00:00:00Z'), restoredMs: null } }],
      restores: [],
    };
    const s = computeCadence(audited, options);
    expect(s.changeFailure).toMatchObject({ trains: 1, failedTrains: 1, rate: 1 });
    expect(s.changeFailure.failures[0]?.source).toBe('audit');
    expect(s.restore).toEqual({ medianMs: null, samples: 0, open: 0 });
  });
});
