import type { Database } from '../../../shared/protocol/index.ts';
import { allowedSchemaRange } from '../../generate/databases.ts';
import { DATABASE_GROUPS } from '../../model/database-catalog.ts';
import { schemaVersion } from '../../model/versions.ts';
import type { ChangeDraft } from '../region-model.ts';
import { iso, type StepContext } from './context.ts';

export function schemaVersionOf(groupId: string, train: number): string {
  const spec = DATABASE_GROUPS.find((g) => g.id === groupId);
  return spec ? schemaVersion(spec, train) : `${groupId}-T${train}`;
}

/** Advances one running migration; a finished one lands on its target schema. */
export function progressMigration(ctx: StepContext): ChangeDraft[] {
  const id = ctx.model.migrating.pick(ctx.rng);
  const db = id === undefined ? undefined : ctx.model.databases.get(id);
  if (!db?.migration) return [];
  const progress = Math.round((db.migration.progress + ctx.rng.float(0.08, 0.3)) * 100) / 100;
  const next: Database =
    progress >= 1
      ? { ...db, schemaTrain: db.migration.toTrain, schemaVersion: schemaVersionOf(db.group, db.migration.toTrain), migration: null }
      : { ...db, migration: { ...db.migration, progress } };
  return [{ type: 'database.upsert', database: next }];
}

/** Starts a forward migration for a database still below the newest schema its group's users accept. */
export function startMigration(ctx: StepContext): ChangeDraft[] {
  const { model, rng } = ctx;
  if (model.databaseGroups.length === 0) return [];
  const group = rng.pick(model.databaseGroups);
  if (ctx.pinned.has(group.id)) return [];
  const userTrains = group.usedBy.flatMap((c) => model.liveTrains(c));
  const range = allowedSchemaRange(userTrains, ctx.trains);
  if (!range) return [];
  const ids = model.databasesByGroup.get(group.id) ?? [];
  for (let attempt = 0; attempt < 6 && ids.length > 0; attempt++) {
    const db = model.databases.get(rng.pick(ids));
    if (!db || db.migration || db.schemaTrain >= range.hi || db.schemaTrain + 1 < range.lo) continue;
    const migration: Database['migration'] = {
      direction: 'forward',
      fromTrain: db.schemaTrain,
      toTrain: db.schemaTrain + 1,
      startedAt: iso(ctx.atMs),
      progress: 0,
    };
    return [{ type: 'database.upsert', database: { ...db, migration } }];
  }
  return [];
}
