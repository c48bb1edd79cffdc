import type {
  Component,
  ComponentVersion,
  Database,
  DatabaseGroup,
  Dependency,
  FleetState,
  Instance,
  RegionInfo,
  Rollout,
  StageGate,
  Toggle,
  Train,
} from '../protocol/index.ts';
import { buildDeclarationIndex, type DeclarationIndex } from './declarations.ts';
import { isLive, tallyDatabase, type GroupTallies, type InstanceTallies } from './tallies.ts';

/**
 * Everything the engine knows about one region: its small structural lists, indexed, and the count
 * tables. Instances and databases are kept as given (arrays) for a one-shot evaluation, or keyed by
 * id (Maps, insertion order = document order) when change events will update them.
 */
export interface RegionIndex {
  info: RegionInfo;
  revision: number;
  generatedAt: string;
  trains: readonly Train[];
  trainSet: ReadonlySet<number>;
  components: readonly Component[];
  componentIds: ReadonlySet<string>;
  /** Keyed by `versionKey`; a later entry for the same component+version replaces an earlier one. */
  componentVersions: Map<string, ComponentVersion>;
  /** component → version → train. */
  versionTrains: Map<string, Map<string, number>>;
  /** Declared compatibility ranges, resolved once per version. */
  declarations: DeclarationIndex;
  dependencies: readonly Dependency[];
  databaseGroups: ReadonlyMap<string, DatabaseGroup>;
  /** component → groups whose `usedBy` lists it. */
  groupsByComponent: ReadonlyMap<string, readonly string[]>;
  toggles: Map<string, Toggle>;
  rollouts: Map<string, Rollout>;
  stageGates: StageGate[];
  instances: EntityStore<Instance>;
  databases: EntityStore<Database>;
  instanceTallies: InstanceTallies;
  groupTallies: GroupTallies;
}

export type EntityStore<T> = readonly T[] | Map<string, T>;

export function storeValues<T>(store: EntityStore<T>): Iterable<T> {
  return Array.isArray(store) ? store : (store as Map<string, T>).values();
}

export function versionKey(component: string, version: string): string {
  return `${component}@${version}`;
}

export function trainOfVersion(region: RegionIndex, component: string, version: string): number | undefined {
  return region.versionTrains.get(component)?.get(version);
}

export function buildVersionTrains(componentVersions: Iterable<ComponentVersion>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const cv of componentVersions) {
    let byVersion = out.get(cv.component);
    if (!byVersion) out.set(cv.component, (byVersion = new Map()));
    byVersion.set(cv.version, cv.train);
  }
  return out;
}

export function groupsByComponentOf(groups: Iterable<DatabaseGroup>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const group of groups) {
    for (const component of new Set(group.usedBy)) {
      const list = out.get(component);
      if (list) list.push(group.id);
      else out.set(component, [group.id]);
    }
  }
  return out;
}

function keyed<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) out.set(key(item), item);
  return out;
}

/** Indexes one FleetState. Never mutates it; `keyedEntities` copies instances/databases into Maps. */
export function buildRegionIndex(state: FleetState, keyedEntities: boolean): RegionIndex {
  const componentVersions = keyed(state.componentVersions, (cv) => versionKey(cv.component, cv.version));
  const databaseGroups = keyed(state.databaseGroups, (g) => g.id);
  const instances: EntityStore<Instance> = keyedEntities ? keyed(state.instances, (i) => i.id) : state.instances;
  const databases: EntityStore<Database> = keyedEntities ? keyed(state.databases, (d) => d.id) : state.databases;
  return {
    info: state.region,
    revision: state.revision,
    generatedAt: state.generatedAt,
    trains: state.trains,
    trainSet: new Set(state.trains.map((t) => t.index)),
    components: state.components,
    componentIds: new Set(state.components.map((c) => c.id)),
    componentVersions,
    versionTrains: buildVersionTrains(componentVersions.values()),
    declarations: buildDeclarationIndex(componentVersions.values()),
    dependencies: state.dependencies,
    databaseGroups,
    groupsByComponent: groupsByComponentOf(databaseGroups.values()),
    toggles: keyed(state.toggles, (t) => t.key),
    rollouts: keyed(state.rollouts, (r) => r.id),
    stageGates: [...state.stageGates],
    instances,
    databases,
    instanceTallies: countInstances(storeValues(instances)),
    groupTallies: countDatabases(storeValues(databases)),
  };
}

/** The hot loop: one pass, two Map lookups per instance. */
function countInstances(instances: Iterable<Instance>): InstanceTallies {
  const tallies: InstanceTallies = new Map();
  for (const instance of instances) {
    let byVersion = tallies.get(instance.component);
    if (byVersion === undefined) tallies.set(instance.component, (byVersion = new Map()));
    let tally = byVersion.get(instance.version);
    if (tally === undefined) byVersion.set(instance.version, (tally = { total: 0, live: 0, liveUsers: 0 }));
    tally.total++;
    if (isLive(instance.state)) {
      tally.live++;
      tally.liveUsers += instance.activeUsers;
    }
  }
  return tallies;
}

function countDatabases(databases: Iterable<Database>): GroupTallies {
  const tallies: GroupTallies = new Map();
  for (const database of databases) {
    if (database.migration === null) {
      let tally = tallies.get(database.group);
      if (tally === undefined) tallies.set(database.group, (tally = { plain: new Map(), migrating: new Map() }));
      tally.plain.set(database.schemaTrain, (tally.plain.get(database.schemaTrain) ?? 0) + 1);
    } else {
      tallyDatabase(tallies, database, 1);
    }
  }
  return tallies;
}

/** The region as a FleetState document again (for the incremental evaluator's current state). */
export function materializeRegion(region: RegionIndex): FleetState {
  return {
    region: region.info,
    revision: region.revision,
    generatedAt: region.generatedAt,
    trains: [...region.trains],
    components: [...region.components],
    componentVersions: [...region.componentVersions.values()],
    dependencies: [...region.dependencies],
    instances: [...storeValues(region.instances)],
    databaseGroups: [...region.databaseGroups.values()],
    databases: [...storeValues(region.databases)],
    rollouts: [...region.rollouts.values()],
    toggles: [...region.toggles.values()],
    stageGates: [...region.stageGates],
  };
}
