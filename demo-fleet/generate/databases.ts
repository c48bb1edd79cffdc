import type { Database, DatabaseGroup } from '../../shared/protocol/index.ts';
import type { DatabaseGroupSpec } from '../model/database-catalog.ts';
import type { Prng } from '../model/prng.ts';
import type { RegionSpec } from '../model/regions.ts';
import type { TrainPlan } from '../model/trains.ts';
import { schemaVersion } from '../model/versions.ts';

const MINUTE = 60_000;

/** Schema trains every database of a group may have while its users run `userTrains` (rule 3). */
export function allowedSchemaRange(userTrains: readonly number[], trains: TrainPlan): { lo: number; hi: number } | null {
  if (userTrains.length === 0) return null;
  const lo = Math.max(Math.max(...userTrains) - 1, trains.first);
  const hi = Math.min(Math.min(...userTrains) + 1, trains.upcoming);
  return lo <= hi ? { lo, hi } : null;
}

export function databaseId(group: DatabaseGroupSpec, region: RegionSpec, n: number): string {
  return `${group.id}-${region.code}-${String(n).padStart(4, '0')}`;
}

export function groupsInRegion(groups: readonly DatabaseGroupSpec[], componentIds: ReadonlySet<string>): DatabaseGroup[] {
  return groups
    .map((g) => ({ id: g.id, name: g.name, usedBy: g.usedBy.filter((c) => componentIds.has(c)) }))
    .filter((g) => g.usedBy.length > 0);
}

/**
 * Databases of one group. Migrations run ahead: the group's target is the newest schema its users
 * all accept; tenants move there one by one, a few mid-migration, a rare one migrating back.
 */
export function generateGroupDatabases(
  rng: Prng,
  region: RegionSpec,
  group: DatabaseGroupSpec,
  count: number,
  userTrains: readonly number[],
  trains: TrainPlan,
  atMs: number,
): Database[] {
  const range = allowedSchemaRange(userTrains, trains) ?? { lo: trains.previous, hi: trains.previous };
  const target = range.hi;
  const behind = target - 1 >= range.lo ? target - 1 : target;
  const out: Database[] = [];
  for (let n = 1; n <= count; n++) {
    const r = rng.next();
    let schemaTrain = target;
    let migration: Database['migration'] = null;
    const startedAt = (): string => new Date(atMs - rng.int(2, 180) * MINUTE).toISOString();
    if (r < 0.55) {
      schemaTrain = target;
    } else if (r < 0.66 && behind !== target) {
      schemaTrain = behind;
      migration = { direction: 'forward', fromTrain: behind, toTrain: target, startedAt: startedAt(), progress: round2(rng.float(0.02, 0.95)) };
    } else if (r < 0.995) {
      schemaTrain = behind;
    } else if (behind !== target) {
      migration = { direction: 'backward', fromTrain: target, toTrain: behind, startedAt: startedAt(), progress: round2(rng.float(0.05, 0.8)) };
    }
    out.push({
      id: databaseId(group, region, n),
      group: group.id,
      schemaVersion: schemaVersion(group, schemaTrain),
      schemaTrain,
      migration,
    });
  }
  return out;
}

export function databaseCount(group: DatabaseGroupSpec, tenants: number): number {
  return group.layout.perTenant ? tenants : Math.max(1, Math.min(group.layout.shards, tenants));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
