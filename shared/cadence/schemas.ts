import { z } from 'zod';

/**
 * Public shapes of the cadence figures (zod, so the contract carries them unchanged). Times are
 * ISO 8601 UTC; durations are milliseconds; a figure with no sample is null, never 0.
 */

/** How far back the figures look: complete UTC weeks before the current one. */
export const CadenceRange = z.enum(['4w', '13w', '26w', '52w']);
export type CadenceRange = z.infer<typeof CadenceRange>;
export const RANGE_WEEKS: Record<CadenceRange, number> = { '4w': 4, '13w': 13, '26w': 26, '52w': 52 };

export const CadenceBucket = z.enum(['week', 'month']);
export type CadenceBucket = z.infer<typeof CadenceBucket>;

const Iso = z.iso.datetime();
const Count = z.number().int().min(0);
const Ms = z.number().min(0);

export const RegionWeek = z.object({ start: Iso, releases: Count });

export const RegionFrequency = z.object({
  region: z.string(),
  releases: Count,
  perWeek: z.number().min(0),
  weeksOnTarget: Count,
  weeks: z.array(RegionWeek),
});
export type RegionFrequency = z.infer<typeof RegionFrequency>;

export const TrainLeadTime = z.object({
  train: z.number().int(),
  name: z.string(),
  firstGateAt: Iso,
  productionAt: Iso,
  leadTimeMs: Ms,
});

export const ReleaseFailureView = z.object({
  train: z.number().int(),
  name: z.string(),
  region: z.string(),
  action: z.enum(['rollback', 'toggle-off']),
  /** `region`: the region's report (with its restore); `audit`: a rollback or toggle-off this console ran (restore measured by alerts). */
  source: z.enum(['region', 'audit']),
  detectedAt: Iso,
  restoredAt: Iso.nullable(),
});

export const TrendPoint = z.object({
  start: Iso,
  end: Iso,
  releases: Count,
  /** Releases per region per week in this bucket. */
  perRegionPerWeek: z.number().min(0),
  leadTimeMedianMs: Ms.nullable(),
  leadTimeP90Ms: Ms.nullable(),
  leadTimeTrains: Count,
  /** Trains first in production in this bucket, and those of them that failed. */
  trains: Count,
  failedTrains: Count,
  changeFailureRate: z.number().min(0).max(1).nullable(),
  restoreMedianMs: Ms.nullable(),
  restores: Count,
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const CadenceSummary = z.object({
  period: z.object({ from: Iso, to: Iso, weeks: z.number().int().min(1) }),
  weeklyTarget: z.number().int().min(1),
  bucket: CadenceBucket,
  regions: z.array(z.string()),
  /** Deployment frequency: releases to production per region per week, against the weekly target. */
  frequency: z.object({
    releases: Count,
    perRegionPerWeek: z.number().min(0),
    regionWeeks: Count,
    regionWeeksOnTarget: Count,
    byRegion: z.array(RegionFrequency),
  }),
  /** Lead time per train: its first stage gate → its first region in production. */
  leadTime: z.object({ medianMs: Ms.nullable(), p90Ms: Ms.nullable(), trains: Count, byTrain: z.array(TrainLeadTime) }),
  /** Trains first in production in the period that needed a rollback or a toggle-off in any region. */
  changeFailure: z.object({ rate: z.number().min(0).max(1).nullable(), failedTrains: Count, trains: Count, failures: z.array(ReleaseFailureView) }),
  /** Time to restore: failure (alert first seen, or release failure detected) → restored. */
  restore: z.object({ medianMs: Ms.nullable(), samples: Count, open: Count }),
  trend: z.array(TrendPoint),
});
export type CadenceSummary = z.infer<typeof CadenceSummary>;
