import type { FleetState, Train } from '../protocol/fleet.ts';

const key = (component: string, version: string) => `${component}\u0000${version}`;

/** What belongs to one release train across the fleet: its versions, components, rollouts and toggles. */
export interface TrainScope {
  train: Train;
  /** Component versions declared at the train, as `component\0version`. */
  versionKeys: ReadonlySet<string>;
  components: ReadonlySet<string>;
  /** Rollouts towards one of the train's versions, by id. */
  rolloutIds: ReadonlySet<string>;
  /** Toggles whose minimum version is one of the train's versions. */
  toggleKeys: ReadonlySet<string>;
  /** Database groups used by the train's components. */
  databaseGroups: ReadonlySet<string>;
  hasVersion(component: string, version: string): boolean;
  /** True when a violation or episode involves the train: by its trains, or by a version it touches. */
  involves(item: { trains: readonly number[]; versions: readonly { component: string; version: string; train: number }[] }): boolean;
}

/** Every train any region reports, newest first (a later region's name for an index wins only when the first had none). */
export function knownTrains(states: readonly FleetState[]): Train[] {
  const byIndex = new Map<number, Train>();
  for (const state of states) for (const t of state.trains) if (!byIndex.has(t.index)) byIndex.set(t.index, t);
  return [...byIndex.values()].sort((a, b) => b.index - a.index);
}

export function trainScope(states: readonly FleetState[], train: Train): TrainScope {
  const versionKeys = new Set<string>();
  const components = new Set<string>();
  for (const state of states) {
    for (const cv of state.componentVersions) {
      if (cv.train !== train.index) continue;
      versionKeys.add(key(cv.component, cv.version));
      components.add(cv.component);
    }
  }
  const rolloutIds = new Set<string>();
  const toggleKeys = new Set<string>();
  const databaseGroups = new Set<string>();
  for (const state of states) {
    for (const r of state.rollouts) if (versionKeys.has(key(r.component, r.toVersion))) rolloutIds.add(r.id);
    for (const t of state.toggles) if (t.minVersion && versionKeys.has(key(t.minVersion.component, t.minVersion.version))) toggleKeys.add(t.key);
    for (const g of state.databaseGroups) if (g.usedBy.some((c) => components.has(c))) databaseGroups.add(g.id);
  }
  const hasVersion = (component: string, version: string) => versionKeys.has(key(component, version));
  return {
    train,
    versionKeys,
    components,
    rolloutIds,
    toggleKeys,
    databaseGroups,
    hasVersion,
    involves: (item) => item.trains.includes(train.index) || item.versions.some((v) => v.train === train.index || hasVersion(v.component, v.version)),
  };
}

/** The current train: the newest with live instances anywhere, else the newest known; null without trains. */
export function currentTrain(states: readonly FleetState[]): number | null {
  let newestLive: number | null = null;
  for (const state of states) {
    const trainOf = new Map(state.componentVersions.map((cv) => [`${cv.component}\u0000${cv.version}`, cv.train]));
    for (const i of state.instances) {
      if (i.state === 'failed') continue;
      const train = trainOf.get(`${i.component}\u0000${i.version}`);
      if (train !== undefined && (newestLive === null || train > newestLive)) newestLive = train;
    }
  }
  return newestLive ?? knownTrains(states)[0]?.index ?? null;
}
