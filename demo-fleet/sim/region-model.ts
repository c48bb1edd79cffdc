import { assertNever } from '../../shared/assert-never.ts';
import type {
  ChangeEvent,
  Component,
  ComponentVersion,
  Database,
  DatabaseGroup,
  Dependency,
  FleetState,
  RegionInfo,
  Release,
  Rollout,
  StageGate,
  Toggle,
  Train,
} from '../../shared/protocol/index.ts';
import { InstanceIndex } from './instance-index.ts';
import { SampleSet } from './sample-set.ts';

/** Distributes `Omit` over the union: a change event before the stream numbers it. */
export type ChangeDraft = ChangeEvent extends infer E ? (E extends ChangeEvent ? Omit<E, 'revision'> : never) : never;

const gateKey = (g: StageGate): string => `${g.train}/${g.stage}`;
const versionKey = (component: string, version: string): string => `${component}@${version}`;

/**
 * The mutable fleet of one region. It changes only through `apply`, the same fold a client runs
 * over the change stream, so the stream and `snapshot()` cannot disagree.
 */
export class RegionModel {
  readonly region: RegionInfo;
  readonly trains: Train[];
  readonly components: Component[];
  readonly dependencies: Dependency[];
  readonly databaseGroups: DatabaseGroup[];
  /** The release history the region was generated with; the change stream does not carry releases. */
  readonly releases: Release[] | undefined;
  readonly componentVersions = new Map<string, ComponentVersion>();
  readonly instances = new InstanceIndex();
  readonly databases = new Map<string, Database>();
  readonly migrating = new SampleSet();
  readonly databasesByGroup = new Map<string, string[]>();
  readonly rollouts = new Map<string, Rollout>();
  readonly toggles = new Map<string, Toggle>();
  readonly stageGates = new Map<string, StageGate>();
  revision: number;

  constructor(state: FleetState) {
    this.region = state.region;
    this.trains = state.trains;
    this.components = state.components;
    this.dependencies = state.dependencies;
    this.databaseGroups = state.databaseGroups;
    this.releases = state.releases;
    this.revision = state.revision;
    for (const v of state.componentVersions) this.componentVersions.set(versionKey(v.component, v.version), v);
    for (const i of state.instances) this.instances.upsert(i);
    for (const d of state.databases) this.putDatabase(d);
    for (const r of state.rollouts) this.rollouts.set(r.id, r);
    for (const t of state.toggles) this.toggles.set(t.key, t);
    for (const g of state.stageGates) this.stageGates.set(gateKey(g), g);
  }

  snapshot(generatedAt: string): FleetState {
    return {
      region: this.region,
      revision: this.revision,
      generatedAt,
      trains: this.trains,
      components: this.components,
      componentVersions: [...this.componentVersions.values()],
      dependencies: this.dependencies,
      instances: [...this.instances.byId.values()],
      databaseGroups: this.databaseGroups,
      databases: [...this.databases.values()],
      rollouts: [...this.rollouts.values()],
      toggles: [...this.toggles.values()],
      stageGates: [...this.stageGates.values()],
      ...(this.releases ? { releases: this.releases } : {}),
    };
  }

  apply(event: ChangeEvent): void {
    if (event.revision !== this.revision + 1) {
      throw new Error(`change ${event.revision} does not follow revision ${this.revision}`);
    }
    switch (event.type) {
      case 'instance.upsert':
        this.instances.upsert(event.instance);
        break;
      case 'instance.remove':
        this.instances.remove(event.id);
        break;
      case 'database.upsert':
        this.putDatabase(event.database);
        break;
      case 'rollout.upsert':
        this.rollouts.set(event.rollout.id, event.rollout);
        break;
      case 'toggle.upsert':
        this.toggles.set(event.toggle.key, event.toggle);
        break;
      case 'componentVersion.upsert':
        this.componentVersions.set(versionKey(event.componentVersion.component, event.componentVersion.version), event.componentVersion);
        break;
      case 'stageGate.upsert':
        this.stageGates.set(gateKey(event.stageGate), event.stageGate);
        break;
      default:
        assertNever(event, 'change event');
    }
    this.revision = event.revision;
  }

  trainOf(component: string, version: string): number | undefined {
    return this.componentVersions.get(versionKey(component, version))?.train;
  }

  /** The newest build of a component for a train. */
  versionFor(component: string, train: number): string | undefined {
    let found: string | undefined;
    for (const v of this.componentVersions.values()) if (v.component === component && v.train === train) found = v.version;
    return found;
  }

  /** Trains of the live instances of a component. */
  liveTrains(component: string): number[] {
    const out = new Set<number>();
    for (const version of this.instances.versionsOf(component).keys()) {
      const t = this.trainOf(component, version);
      if (t !== undefined) out.add(t);
    }
    return [...out];
  }

  hasComponent(id: string): boolean {
    return this.components.some((c) => c.id === id);
  }

  private putDatabase(db: Database): void {
    if (!this.databases.has(db.id)) {
      const ids = this.databasesByGroup.get(db.group) ?? [];
      ids.push(db.id);
      this.databasesByGroup.set(db.group, ids);
    }
    this.databases.set(db.id, db);
    if (db.migration) this.migrating.add(db.id);
    else this.migrating.delete(db.id);
  }
}
