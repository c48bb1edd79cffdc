import type { CadenceHistory, CadenceRelease } from './history.ts';
import type { CadenceBucket, CadenceSummary, RegionFrequency, TrendPoint } from './schemas.ts';
import { median, percentile } from './stats.ts';
import { buckets, WEEK_MS, within, type Period } from './time-buckets.ts';

export interface CadenceOptions {
  /** Whole UTC weeks (see `completeWeeksBefore`). */
  period: Period;
  /** Releases to production per region per week the organisation aims for. */
  weeklyTarget: number;
  bucket: CadenceBucket;
  /** Regions to report even without a release (the configured ones); regions seen in releases are added. */
  regions: readonly string[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

interface TrainFacts {
  train: number;
  name: string;
  firstGateMs: number | null;
  /** Its first region in production. */
  productionMs: number;
  failures: CadenceRelease[];
}

/** Per train: first production across regions, name, first gate and failures. */
function trainFacts(history: CadenceHistory): TrainFacts[] {
  const known = new Map(history.trains.map((t) => [t.train, t]));
  const byTrain = new Map<number, TrainFacts>();
  for (const r of history.releases) {
    let facts = byTrain.get(r.train);
    if (!facts) {
      const t = known.get(r.train);
      facts = { train: r.train, name: t?.name ?? String(r.train), firstGateMs: t?.firstGateMs ?? null, productionMs: r.productionMs, failures: [] };
      byTrain.set(r.train, facts);
    }
    facts.productionMs = Math.min(facts.productionMs, r.productionMs);
    if (r.failure) facts.failures.push(r);
  }
  return [...byTrain.values()].sort((a, b) => a.train - b.train);
}

/** Lead times (ms) of the trains first in production within `p`; a gate after production counts as 0. */
function leadTimes(trains: readonly TrainFacts[], p: Period): Array<{ facts: TrainFacts; ms: number }> {
  const out: Array<{ facts: TrainFacts; ms: number }> = [];
  for (const t of trains) {
    if (t.firstGateMs === null || !within(t.productionMs, p)) continue;
    out.push({ facts: t, ms: Math.max(0, t.productionMs - t.firstGateMs) });
  }
  return out;
}

function restoreSamples(history: CadenceHistory, p: Period): number[] {
  const out: number[] = [];
  for (const r of history.restores) if (within(r.startMs, p)) out.push(Math.max(0, r.restoredMs - r.startMs));
  for (const r of history.releases) {
    const f = r.failure;
    if (f && f.source === 'region' && f.restoredMs !== null && within(f.detectedMs, p)) out.push(Math.max(0, f.restoredMs - f.detectedMs));
  }
  return out;
}

function trendPoint(history: CadenceHistory, trains: readonly TrainFacts[], regionCount: number, b: Period): TrendPoint {
  const releases = history.releases.filter((r) => within(r.productionMs, b)).length;
  const weeks = (b.toMs - b.fromMs) / WEEK_MS;
  const leads = leadTimes(trains, b).map((l) => l.ms);
  const deployed = trains.filter((t) => within(t.productionMs, b));
  const failed = deployed.filter((t) => t.failures.length > 0).length;
  const restores = restoreSamples(history, b);
  return {
    start: iso(b.fromMs),
    end: iso(b.toMs),
    releases,
    perRegionPerWeek: regionCount === 0 ? 0 : releases / regionCount / weeks,
    leadTimeMedianMs: median(leads),
    leadTimeP90Ms: percentile(leads, 90),
    leadTimeTrains: leads.length,
    trains: deployed.length,
    failedTrains: failed,
    changeFailureRate: deployed.length === 0 ? null : failed / deployed.length,
    restoreMedianMs: median(restores),
    restores: restores.length,
  };
}

function regionFrequency(history: CadenceHistory, region: string, period: Period, weeklyTarget: number): RegionFrequency {
  const weeks = buckets(period, 'week').map((w) => ({
    start: iso(w.fromMs),
    releases: history.releases.filter((r) => r.region === region && within(r.productionMs, w)).length,
  }));
  const releases = weeks.reduce((sum, w) => sum + w.releases, 0);
  return {
    region,
    releases,
    perWeek: weeks.length === 0 ? 0 : releases / weeks.length,
    weeksOnTarget: weeks.filter((w) => w.releases >= weeklyTarget).length,
    weeks,
  };
}

/**
 * The four DORA keys over a period of whole weeks, with a trend per week or calendar month:
 * deployment frequency per region against the weekly target, lead time per train (median and p90,
 * nearest rank), change-failure rate over trains and time to restore (median). Pure.
 */
export function computeCadence(history: CadenceHistory, options: CadenceOptions): CadenceSummary {
  const { period, weeklyTarget } = options;
  const regions = [...new Set([...options.regions, ...history.releases.map((r) => r.region)])].sort();
  const trains = trainFacts(history);
  const byRegion = regions.map((region) => regionFrequency(history, region, period, weeklyTarget));
  const weeks = Math.round((period.toMs - period.fromMs) / WEEK_MS);
  const releases = byRegion.reduce((sum, r) => sum + r.releases, 0);

  const leads = leadTimes(trains, period);
  const leadMs = leads.map((l) => l.ms);
  const deployed = trains.filter((t) => within(t.productionMs, period));
  const failed = deployed.filter((t) => t.failures.length > 0);
  const restores = restoreSamples(history, period);
  const open = history.releases.filter((r) => r.failure?.source === 'region' && r.failure.restoredMs === null && within(r.failure.detectedMs, period)).length;

  return {
    period: { from: iso(period.fromMs), to: iso(period.toMs), weeks },
    weeklyTarget,
    bucket: options.bucket,
    regions,
    frequency: {
      releases,
      perRegionPerWeek: regions.length === 0 || weeks === 0 ? 0 : releases / regions.length / weeks,
      regionWeeks: regions.length * weeks,
      regionWeeksOnTarget: byRegion.reduce((sum, r) => sum + r.weeksOnTarget, 0),
      byRegion,
    },
    leadTime: {
      medianMs: median(leadMs),
      p90Ms: percentile(leadMs, 90),
      trains: leads.length,
      byTrain: leads.map(({ facts, ms }) => ({ train: facts.train, name: facts.name, firstGateAt: iso(facts.firstGateMs ?? facts.productionMs), productionAt: iso(facts.productionMs), leadTimeMs: ms })),
    },
    changeFailure: {
      rate: deployed.length === 0 ? null : failed.length / deployed.length,
      failedTrains: failed.length,
      trains: deployed.length,
      failures: failed.flatMap((t) =>
        t.failures.flatMap(({ region, failure: f }) =>
          f ? [{ train: t.train, name: t.name, region, action: f.action, source: f.source, detectedAt: iso(f.detectedMs), restoredAt: f.restoredMs === null ? null : iso(f.restoredMs) }] : [],
        ),
      ),
    },
    restore: { medianMs: median(restores), samples: restores.length, open },
    trend: buckets(period, options.bucket).map((b) => trendPoint(history, trains, regions.length, b)),
  };
}
