import type { DatabaseGroup } from '../../protocol/index.ts';
import { inRange } from '../declarations.ts';
import { impact, plural } from '../format.ts';
import { violationId, violationSubject } from '../ids.ts';
import type { DeclaredException, DeclaredRange } from '../schemas.ts';
import type { SchemaBucket, TrainBucket } from '../summaries.ts';
import { bucketLabel, involvedVersions, trainsApart, type RuleContext, type UnitFindings, type ViolationDraft } from './context.ts';
import { declaredRange, rangeTexts } from './declared-ranges.ts';
import { DECLARED_EXCEPTION_PREFIX } from './peer-declared.ts';

/** Rule 3: an instance at train k uses only schemas at trains k−1 … k+1. */
export const SCHEMA_LIMIT = 1;

interface SchemaPair {
  regionId: string;
  group: DatabaseGroup;
  component: string;
  bucket: TrainBucket;
  schema: SchemaBucket;
  gap: number;
}

/**
 * One violation per (region, group, component, component train, schema train). A database
 * mid-migration counts at its schema train and at both ends of its migration. A version that
 * declares a range for the group is judged against it instead of ±1; a version beyond ±1 that its
 * range allows makes a declared exception for the same pair.
 */
export function schemaSkewFindings(ctx: RuleContext, regionId: string, groupId: string): UnitFindings {
  const region = ctx.region(regionId);
  const group = region?.databaseGroups.get(groupId);
  const violations: ViolationDraft[] = [];
  const exceptions: DeclaredException[] = [];
  if (!region || !group) return { violations, exceptions };
  const schemas = ctx.groupSummary(regionId, groupId);
  if (schemas.length === 0) return { violations, exceptions };
  for (const component of new Set(group.usedBy)) {
    const declarations = region.declarations.get(component);
    for (const bucket of ctx.summary(regionId, component).buckets) {
      for (const schema of schemas) {
        const at: SchemaPair = { regionId, group, component, bucket, schema, gap: Math.abs(bucket.train - schema.train) };
        if (!declarations) {
          if (at.gap > SCHEMA_LIMIT) violations.push(schemaViolation(ctx, at, []));
          continue;
        }
        const bad: TrainBucket['versions'] = [];
        const broken: DeclaredRange[] = [];
        const allowed: TrainBucket['versions'] = [];
        const allowing: DeclaredRange[] = [];
        for (const v of bucket.versions) {
          const range = declarations.get(v.version)?.groups.get(groupId);
          if (!range) {
            if (at.gap > SCHEMA_LIMIT) bad.push(v);
            continue;
          }
          const entry = { ordinal: 0, region: regionId, component, train: bucket.train, version: v.version, live: v.live, users: v.users, declaration: undefined };
          const declared = declaredRange(ctx, entry, 'database-group', groupId, range);
          if (!inRange(range, schema.train)) {
            bad.push(v);
            broken.push(declared);
          } else if (at.gap > SCHEMA_LIMIT) {
            allowed.push(v);
            allowing.push(declared);
          }
        }
        if (bad.length > 0) violations.push(schemaViolation(ctx, { ...at, bucket: only(bucket, bad) }, broken));
        if (allowed.length > 0) exceptions.push(schemaException(ctx, { ...at, bucket: only(bucket, allowed) }, allowing));
      }
    }
  }
  return { violations, exceptions };
}

function only(bucket: TrainBucket, versions: TrainBucket['versions']): TrainBucket {
  if (versions.length === bucket.versions.length) return bucket;
  return { train: bucket.train, live: versions.reduce((n, v) => n + v.live, 0), users: versions.reduce((n, v) => n + v.users, 0), versions };
}

function uses(ctx: RuleContext, at: SchemaPair): string {
  const migrating = at.schema.migrating > 0 ? `, ${at.schema.migrating} of them mid-migration` : '';
  return (
    `In ${at.regionId}, ${at.component} ${bucketLabel(ctx, at.bucket)} uses ${at.group.name} databases at schema train ${ctx.catalog.label(at.schema.train)} ` +
    `(${plural(at.schema.databases, 'database')}${migrating}): ${trainsApart(at.gap)}`
  );
}

function schemaViolation(ctx: RuleContext, at: SchemaPair, declarations: DeclaredRange[]): ViolationDraft {
  const { bucket, schema } = at;
  const subject = violationSubject('schema-skew', [at.regionId], [at.group.id, at.component]);
  const reason = declarations.length > 0 ? `, outside the declared range: ${rangeTexts(declarations)}` : `, but an instance may only use schemas within 1 train of its own`;
  return {
    id: violationId(subject, [bucket.train, schema.train]),
    subject,
    rule: 'schema-skew',
    regions: [at.regionId],
    components: [at.component],
    databaseGroup: at.group.id,
    toggle: null,
    trains: [bucket.train, schema.train],
    trainNames: [bucket.train, schema.train].map((t) => ctx.catalog.label(t)),
    gap: at.gap,
    limit: SCHEMA_LIMIT,
    versions: involvedVersions(ctx, at.regionId, at.component, [bucket]),
    schemaTrains: [{ train: schema.train, trainName: ctx.catalog.label(schema.train), databases: schema.databases, migrating: schema.migrating }],
    instances: bucket.live,
    activeUsers: bucket.users,
    databases: schema.databases,
    sentence: `${uses(ctx, at)}${reason} ${impact(bucket.live, bucket.users)}.`,
    ...(declarations.length > 0 ? { declarations } : {}),
  };
}

function schemaException(ctx: RuleContext, at: SchemaPair, declarations: DeclaredRange[]): DeclaredException {
  const { bucket, schema } = at;
  const subject = violationSubject('schema-skew', [at.regionId], [at.group.id, at.component]);
  return {
    id: DECLARED_EXCEPTION_PREFIX + violationId(subject, [bucket.train, schema.train]),
    rule: 'schema-skew',
    regions: [at.regionId],
    components: [at.component],
    databaseGroup: at.group.id,
    trains: [bucket.train, schema.train],
    trainNames: [bucket.train, schema.train].map((t) => ctx.catalog.label(t)),
    gap: at.gap,
    limit: SCHEMA_LIMIT,
    versions: involvedVersions(ctx, at.regionId, at.component, [bucket]),
    instances: bucket.live,
    activeUsers: bucket.users,
    declarations,
    sentence: `${uses(ctx, at)}, beyond the default ±1 but allowed by the declared range: ${rangeTexts(declarations)} ${impact(bucket.live, bucket.users)}.`,
  };
}
