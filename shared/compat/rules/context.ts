import { joinList } from '../format.ts';
import type { RegionIndex } from '../region-index.ts';
import type { DeclaredException, InvolvedVersion, Violation } from '../schemas.ts';
import type { SchemaBucket, TrainBucket, TrainSummary } from '../summaries.ts';
import type { TrainCatalog } from '../train-catalog.ts';

/** What a rule may read: the count tables of valid regions, never the instance arrays. */
export interface RuleContext {
  readonly catalog: TrainCatalog;
  /** Regions without input errors, in input order. */
  validRegions(): readonly string[];
  region(regionId: string): RegionIndex | undefined;
  summary(regionId: string, component: string): TrainSummary;
  groupSummary(regionId: string, group: string): SchemaBucket[];
}

/** A violation before the evaluator stamps when it was first seen. */
export type ViolationDraft = Omit<Violation, 'firstSeen'>;

/** What one unit finds: violations, and pairs beyond ±1 that declarations allow. */
export interface UnitFindings {
  violations: ViolationDraft[];
  exceptions: DeclaredException[];
}

export const NO_FINDINGS: UnitFindings = { violations: [], exceptions: [] };

export function involvedVersions(ctx: RuleContext, region: string, component: string, buckets: readonly TrainBucket[]): InvolvedVersion[] {
  return buckets.flatMap((b) =>
    b.versions.map((v) => ({
      region,
      component,
      version: v.version,
      train: b.train,
      trainName: ctx.catalog.label(b.train),
      instances: v.live,
      activeUsers: v.users,
    })),
  );
}

/** "4.2.0 (train 2026.44)" or "4.2.0 and 4.2.1 (train 2026.44)" */
export function bucketLabel(ctx: RuleContext, bucket: TrainBucket): string {
  return `${joinList(bucket.versions.map((v) => v.version))} (train ${ctx.catalog.label(bucket.train)})`;
}

export function sumBuckets(buckets: readonly TrainBucket[]): { instances: number; activeUsers: number } {
  let instances = 0;
  let activeUsers = 0;
  for (const b of buckets) {
    instances += b.live;
    activeUsers += b.users;
  }
  return { instances, activeUsers };
}

export function trainsApart(gap: number): string {
  return gap === 1 ? '1 train apart' : `${gap} trains apart`;
}
