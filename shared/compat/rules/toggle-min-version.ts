import { impact, joinList } from '../format.ts';
import { violationId, violationSubject } from '../ids.ts';
import { bucketLabel, involvedVersions, sumBuckets, type RuleContext, type ViolationDraft } from './context.ts';

/**
 * A toggle that is on while some live instance of its `minVersion` component runs an older train
 * than the required version's. One violation per (region, toggle).
 */
export function toggleMinVersionViolations(ctx: RuleContext, regionId: string, key: string): ViolationDraft[] {
  const region = ctx.region(regionId);
  const toggle = region?.toggles.get(key);
  const min = toggle?.minVersion;
  if (!region || !toggle || !min || toggle.state !== 'on') return [];
  const required = region.versionTrains.get(min.component)?.get(min.version);
  if (required === undefined) return [];
  const behind = ctx.summary(regionId, min.component).buckets.filter((b) => b.train < required);
  const oldest = behind[0];
  if (!oldest) return [];
  const { instances, activeUsers } = sumBuckets(behind);
  const subject = violationSubject('toggle-min-version', [regionId], [key, min.component]);
  const still = behind.map((b) => bucketLabel(ctx, b));
  return [
    {
      id: violationId(subject, [required]),
      subject,
      rule: 'toggle-min-version',
      regions: [regionId],
      components: [min.component],
      databaseGroup: null,
      toggle: key,
      trains: [required],
      trainNames: [required].map((t) => ctx.catalog.label(t)),
      gap: required - oldest.train,
      limit: 0,
      versions: involvedVersions(ctx, regionId, min.component, behind),
      schemaTrains: [],
      instances,
      activeUsers,
      databases: 0,
      sentence:
        `In ${regionId}, toggle ${key} is on but needs ${min.component} ${min.version} (train ${ctx.catalog.label(required)}) or later, ` +
        `while ${joinList(still)} still ${behind.length === 1 && oldest.versions.length === 1 ? 'runs' : 'run'} ${impact(instances, activeUsers)}.`,
    },
  ];
}
