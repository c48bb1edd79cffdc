import { impact, plural } from '../format.ts';
import { violationId, violationSubject } from '../ids.ts';
import { bucketLabel, involvedVersions, trainsApart, type RuleContext, type ViolationDraft } from './context.ts';

/** Rule 3: an instance at train k uses only schemas at trains k−1 … k+1. */
export const SCHEMA_LIMIT = 1;

/**
 * One violation per (region, group, component, component train, schema train). A database
 * mid-migration counts at its schema train and at both ends of its migration.
 */
export function schemaSkewViolations(ctx: RuleContext, regionId: string, groupId: string): ViolationDraft[] {
  const region = ctx.region(regionId);
  const group = region?.databaseGroups.get(groupId);
  if (!group) return [];
  const schemas = ctx.groupSummary(regionId, groupId);
  if (schemas.length === 0) return [];
  const out: ViolationDraft[] = [];
  for (const component of new Set(group.usedBy)) {
    for (const bucket of ctx.summary(regionId, component).buckets) {
      for (const schema of schemas) {
        const gap = Math.abs(bucket.train - schema.train);
        if (gap <= SCHEMA_LIMIT) continue;
        const subject = violationSubject('schema-skew', [regionId], [groupId, component]);
        const trainName = ctx.catalog.label(schema.train);
        const migrating = schema.migrating > 0 ? `, ${schema.migrating} of them mid-migration` : '';
        out.push({
          id: violationId(subject, [bucket.train, schema.train]),
          subject,
          rule: 'schema-skew',
          regions: [regionId],
          components: [component],
          databaseGroup: groupId,
          toggle: null,
          trains: [bucket.train, schema.train],
          trainNames: [bucket.train, schema.train].map((t) => ctx.catalog.label(t)),
          gap,
          limit: SCHEMA_LIMIT,
          versions: involvedVersions(ctx, regionId, component, [bucket]),
          schemaTrains: [{ train: schema.train, trainName, databases: schema.databases, migrating: schema.migrating }],
          instances: bucket.live,
          activeUsers: bucket.users,
          databases: schema.databases,
          sentence:
            `In ${regionId}, ${component} ${bucketLabel(ctx, bucket)} uses ${group.name} databases at schema train ${trainName} ` +
            `(${plural(schema.databases, 'database')}${migrating}): ${trainsApart(gap)}, but an instance may only use schemas ` +
            `within 1 train of its own ${impact(bucket.live, bucket.users)}.`,
        });
      }
    }
  }
  return out;
}
