import type { Database, Instance } from '../protocol/index.ts';

/**
 * Count tables: the engine reasons over these, never over instance pairs.
 * Instances: region → component → version → tally. Databases: region → group → schema shape → count.
 */
export interface VersionTally {
  /** All instances at this version, failed included (for input validation). */
  total: number;
  live: number;
  liveUsers: number;
}
export type ComponentTally = Map<string, VersionTally>;
export type InstanceTallies = Map<string, ComponentTally>;

/** A database's trains: its schema train and, mid-migration, both ends of the migration. */
export interface SchemaShape {
  schemaTrain: number;
  fromTrain: number | null;
  toTrain: number | null;
}
export interface GroupTally {
  /** Databases not migrating, by schema train. */
  plain: Map<number, number>;
  /** Databases mid-migration, by shape key. */
  migrating: Map<string, { shape: SchemaShape; count: number }>;
}
export type GroupTallies = Map<string, GroupTally>;

/** Failed instances do not serve traffic, so they take no part in skew. */
export function isLive(state: Instance['state']): boolean {
  return state !== 'failed';
}

/** Adds (sign 1) or removes (sign −1) an instance. Returns true when a table key appeared or vanished. */
export function tallyInstance(tallies: InstanceTallies, instance: Instance, sign: 1 | -1): boolean {
  let byVersion = tallies.get(instance.component);
  let keysChanged = false;
  if (!byVersion) {
    byVersion = new Map();
    tallies.set(instance.component, byVersion);
    keysChanged = true;
  }
  let tally = byVersion.get(instance.version);
  if (!tally) {
    tally = { total: 0, live: 0, liveUsers: 0 };
    byVersion.set(instance.version, tally);
    keysChanged = true;
  }
  tally.total += sign;
  if (isLive(instance.state)) {
    tally.live += sign;
    tally.liveUsers += sign * instance.activeUsers;
  }
  if (tally.total <= 0) {
    byVersion.delete(instance.version);
    keysChanged = true;
    if (byVersion.size === 0) tallies.delete(instance.component);
  }
  return keysChanged;
}

export function shapeOf(database: Database): SchemaShape {
  const m = database.migration;
  return { schemaTrain: database.schemaTrain, fromTrain: m?.fromTrain ?? null, toTrain: m?.toTrain ?? null };
}

export function shapeKey(shape: SchemaShape): string {
  return `${shape.schemaTrain}:${shape.fromTrain ?? ''}:${shape.toTrain ?? ''}`;
}

/** The distinct trains a database of this shape counts at (rule 3 checks each of them). */
export function shapeTrains(shape: SchemaShape): number[] {
  const trains = [shape.schemaTrain];
  if (shape.fromTrain !== null && !trains.includes(shape.fromTrain)) trains.push(shape.fromTrain);
  if (shape.toTrain !== null && !trains.includes(shape.toTrain)) trains.push(shape.toTrain);
  return trains;
}

export function emptyGroupTally(): GroupTally {
  return { plain: new Map(), migrating: new Map() };
}

export function tallyShape(tally: GroupTally, shape: SchemaShape, count: number): void {
  if (shape.fromTrain === null && shape.toTrain === null) {
    const next = (tally.plain.get(shape.schemaTrain) ?? 0) + count;
    if (next <= 0) tally.plain.delete(shape.schemaTrain);
    else tally.plain.set(shape.schemaTrain, next);
    return;
  }
  const key = shapeKey(shape);
  const entry = tally.migrating.get(key);
  const next = (entry?.count ?? 0) + count;
  if (next <= 0) tally.migrating.delete(key);
  else tally.migrating.set(key, { shape, count: next });
}

/** Adds or removes a database. Returns true when a table key appeared or vanished. */
export function tallyDatabase(tallies: GroupTallies, database: Database, sign: 1 | -1): boolean {
  let tally = tallies.get(database.group);
  let keysChanged = false;
  if (!tally) {
    tally = emptyGroupTally();
    tallies.set(database.group, tally);
    keysChanged = true;
  }
  const before = tally.plain.size + tally.migrating.size;
  tallyShape(tally, shapeOf(database), sign);
  const after = tally.plain.size + tally.migrating.size;
  if (after === 0) tallies.delete(database.group);
  return keysChanged || before !== after;
}

export function copyGroupTally(tally: GroupTally): GroupTally {
  return { plain: new Map(tally.plain), migrating: new Map(tally.migrating) };
}
