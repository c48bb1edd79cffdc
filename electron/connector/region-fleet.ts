import { assertNever } from '../../shared/assert-never.ts';
import type { ChangeEvent, ComponentVersion, Database, FleetState, Instance, Rollout, StageGate, Toggle } from '../../shared/protocol/index.ts';
import { StringPool } from './string-pool.ts';

export type ApplyOutcome = 'applied' | 'duplicate' | 'buffered' | 'gap';

export interface ApplyResult {
  outcome: ApplyOutcome;
  /** Events applied by this call, in revision order (a late event can release buffered ones). */
  applied: ChangeEvent[];
}

/** Out-of-order events are held this long (in events) waiting for the missing one before a refetch. */
const MAX_PENDING = 256;

/**
 * One region's fleet state, kept current by change events. Entities are indexed by id so an event
 * applies in O(1); the array form the rest of the console reads is rebuilt lazily.
 */
export class RegionFleet {
  private readonly instances = new Map<string, Instance>();
  private readonly databases = new Map<string, Database>();
  private readonly rollouts = new Map<string, Rollout>();
  private readonly toggles = new Map<string, Toggle>();
  private readonly componentVersions = new Map<string, ComponentVersion>();
  private readonly stageGates = new Map<string, StageGate>();
  private readonly pending = new Map<number, ChangeEvent>();
  /** Instances' component and host names, shared (the instances are this fleet's own parsed objects). */
  private readonly names = new StringPool();
  private cached: FleetState | null;
  /** Set when the region's toggles come from another source (Unleash): the stream's toggle events are then ignored. */
  private externalToggles = false;
  /** The document's small parts; its entity arrays are not kept (they would pin every replaced entity). */
  private readonly base: Omit<FleetState, 'instances' | 'databases' | 'rollouts' | 'toggles' | 'componentVersions' | 'stageGates'>;
  revision: number;

  constructor(state: FleetState) {
    const { instances, databases, rollouts, toggles, componentVersions, stageGates, ...base } = state;
    this.base = base;
    this.revision = state.revision;
    for (const i of instances) this.instances.set(i.id, this.shareNames(i));
    for (const d of databases) this.databases.set(d.id, d);
    for (const r of rollouts) this.rollouts.set(r.id, r);
    for (const t of toggles) this.toggles.set(t.key, t);
    for (const v of componentVersions) this.componentVersions.set(versionKey(v), v);
    for (const g of stageGates) this.stageGates.set(gateKey(g), g);
    this.cached = null;
  }

  get regionId(): string {
    return this.base.region.id;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  apply(event: ChangeEvent): ApplyResult {
    if (event.revision <= this.revision) return { outcome: 'duplicate', applied: [] };
    if (event.revision > this.revision + 1) {
      // Past the cap nothing more is held: the caller refetches, and memory stays bounded meanwhile.
      if (this.pending.size >= MAX_PENDING) return { outcome: 'gap', applied: [] };
      this.pending.set(event.revision, event);
      return { outcome: 'buffered', applied: [] };
    }
    const applied = [event];
    this.applyInOrder(event);
    let next: ChangeEvent | undefined;
    while ((next = this.pending.get(this.revision + 1))) {
      this.pending.delete(next.revision);
      this.applyInOrder(next);
      applied.push(next);
    }
    return { outcome: 'applied', applied };
  }

  private applyInOrder(event: ChangeEvent): void {
    switch (event.type) {
      case 'instance.upsert':
        this.instances.set(event.instance.id, this.shareNames(event.instance));
        break;
      case 'instance.remove':
        this.instances.delete(event.id);
        break;
      case 'database.upsert':
        this.databases.set(event.database.id, event.database);
        break;
      case 'rollout.upsert':
        this.rollouts.set(event.rollout.id, event.rollout);
        break;
      case 'toggle.upsert':
        if (!this.externalToggles) this.toggles.set(event.toggle.key, event.toggle);
        break;
      case 'componentVersion.upsert':
        this.componentVersions.set(versionKey(event.componentVersion), event.componentVersion);
        break;
      case 'stageGate.upsert':
        this.stageGates.set(gateKey(event.stageGate), event.stageGate);
        break;
      default:
        assertNever(event, 'change event');
    }
    this.revision = event.revision;
    this.cached = null;
  }

  private shareNames(instance: Instance): Instance {
    instance.component = this.names.intern(instance.component);
    instance.host = this.names.intern(instance.host);
    return instance;
  }

  /** The region's toggles as another source reports them; from now on they replace the endpoint's. */
  replaceToggles(toggles: readonly Toggle[]): void {
    this.externalToggles = true;
    this.toggles.clear();
    for (const t of toggles) this.toggles.set(t.key, t);
    this.cached = null;
  }

  state(): FleetState {
    this.cached ??= {
      ...this.base,
      revision: this.revision,
      instances: [...this.instances.values()],
      databases: [...this.databases.values()],
      rollouts: [...this.rollouts.values()],
      toggles: [...this.toggles.values()],
      componentVersions: [...this.componentVersions.values()],
      stageGates: [...this.stageGates.values()],
    };
    return this.cached;
  }
}

const versionKey = (v: ComponentVersion) => `${v.component}\u0000${v.version}`;
const gateKey = (g: StageGate) => `${g.train}\u0000${g.stage}`;
