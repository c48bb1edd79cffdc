import { impact, joinList } from '../format.ts';
import { FLEET_REGION_TOKEN, violationId, violationSubject } from '../ids.ts';
import type { InvolvedVersion } from '../schemas.ts';
import type { TrainBucket } from '../summaries.ts';
import { bucketLabel, involvedVersions, sumBuckets, type RuleContext, type ViolationDraft } from './context.ts';

/** Rule 1: live versions of a component span at most 3 consecutive trains (newest − oldest ≤ 2). */
export const WINDOW_LIMIT = 2;

/**
 * One violation per (region, component). It touches the instances at the oldest and the newest
 * train: those are the versions that cannot run side by side.
 */
export function regionWindowViolations(ctx: RuleContext, regionId: string, component: string): ViolationDraft[] {
  const { buckets } = ctx.summary(regionId, component);
  const oldest = buckets[0];
  const newest = buckets[buckets.length - 1];
  if (!oldest || !newest || newest.train - oldest.train <= WINDOW_LIMIT) return [];
  const gap = newest.train - oldest.train;
  const ends = [oldest, newest];
  const { instances, activeUsers } = sumBuckets(ends);
  const subject = violationSubject('version-window', [regionId], [component]);
  return [
    {
      id: violationId(subject, [oldest.train, newest.train]),
      subject,
      rule: 'version-window',
      regions: [regionId],
      components: [component],
      databaseGroup: null,
      toggle: null,
      trains: [oldest.train, newest.train],
      trainNames: [oldest.train, newest.train].map((t) => ctx.catalog.label(t)),
      gap,
      limit: WINDOW_LIMIT,
      versions: involvedVersions(ctx, regionId, component, ends),
      schemaTrains: [],
      instances,
      activeUsers,
      databases: 0,
      sentence:
        `In ${regionId}, ${component} runs ${bucketLabel(ctx, oldest)} alongside ${bucketLabel(ctx, newest)}: ` +
        `that spans ${gap + 1} trains, but at most 3 consecutive trains may run side by side ${impact(instances, activeUsers)}.`,
    },
  ];
}

interface RegionSpan {
  region: string;
  oldest: TrainBucket;
  newest: TrainBucket;
}

/**
 * The window across regions: some version in one region and some version in another region span
 * more than 3 trains. Pairs within one region are the regional rule's business, so a fleet-wide
 * violation never just repeats a regional one — and removing instances can never create one.
 */
export function fleetWindowViolations(ctx: RuleContext, component: string): ViolationDraft[] {
  const spans: RegionSpan[] = [];
  for (const region of ctx.validRegions()) {
    const { buckets } = ctx.summary(region, component);
    const oldest = buckets[0];
    const newest = buckets[buckets.length - 1];
    if (oldest && newest) spans.push({ region, oldest, newest });
  }
  let worst: { low: number; high: number } | undefined;
  for (const a of spans) {
    for (const b of spans) {
      if (a === b) continue;
      const gap = b.newest.train - a.oldest.train;
      if (gap > WINDOW_LIMIT && (!worst || gap > worst.high - worst.low)) worst = { low: a.oldest.train, high: b.newest.train };
    }
  }
  if (!worst) return [];
  const { low, high } = worst;
  const gap = high - low;
  const olds = spans.filter((s) => s.oldest.train === low);
  const news = spans.filter((s) => s.newest.train === high);
  const versions: InvolvedVersion[] = [
    ...olds.flatMap((s) => involvedVersions(ctx, s.region, component, [s.oldest])),
    ...news.flatMap((s) => involvedVersions(ctx, s.region, component, [s.newest])),
  ];
  const instances = versions.reduce((n, v) => n + v.instances, 0);
  const activeUsers = versions.reduce((n, v) => n + v.activeUsers, 0);
  const regions = spans.filter((s) => olds.includes(s) || news.includes(s)).map((s) => s.region);
  const side = (list: RegionSpan[], train: number, end: 'oldest' | 'newest') => {
    const names = [...new Set(list.flatMap((s) => s[end].versions.map((v) => v.version)))];
    return `${joinList(names)} (train ${ctx.catalog.label(train)}) in ${joinList(list.map((s) => s.region))}`;
  };
  const subject = violationSubject('version-window', [FLEET_REGION_TOKEN], [component]);
  return [
    {
      id: violationId(subject, [low, high]),
      subject,
      rule: 'version-window',
      regions,
      components: [component],
      databaseGroup: null,
      toggle: null,
      trains: [low, high],
      trainNames: [low, high].map((t) => ctx.catalog.label(t)),
      gap,
      limit: WINDOW_LIMIT,
      versions,
      schemaTrains: [],
      instances,
      activeUsers,
      databases: 0,
      sentence:
        `Across regions, ${component} runs ${side(olds, low, 'oldest')} alongside ${side(news, high, 'newest')}: ` +
        `that spans ${gap + 1} trains, but at most 3 consecutive trains may run side by side ${impact(instances, activeUsers)}.`,
    },
  ];
}
