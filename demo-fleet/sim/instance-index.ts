import type { Instance } from '../../shared/protocol/index.ts';
import { SampleSet } from './sample-set.ts';

/**
 * The instances of one region, indexed for the simulator: random picks, per-component lookups,
 * live version counts and the instances in a transitional state.
 */
export class InstanceIndex {
  /** Insertion-ordered, so snapshots are deterministic. */
  readonly byId = new Map<string, Instance>();
  readonly all = new SampleSet();
  readonly starting = new SampleSet();
  /** Draining or failed: waiting to be replaced. */
  readonly ending = new SampleSet();
  private readonly byComponent = new Map<string, Set<string>>();
  private readonly versionCounts = new Map<string, Map<string, number>>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Instance | undefined {
    return this.byId.get(id);
  }

  upsert(instance: Instance): void {
    this.remove(instance.id, true);
    this.byId.set(instance.id, instance);
    this.all.add(instance.id);
    if (instance.state === 'starting') this.starting.add(instance.id);
    if (instance.state === 'draining' || instance.state === 'failed') this.ending.add(instance.id);
    let ids = this.byComponent.get(instance.component);
    if (!ids) this.byComponent.set(instance.component, (ids = new Set()));
    ids.add(instance.id);
    const counts = this.versionCounts.get(instance.component) ?? new Map<string, number>();
    counts.set(instance.version, (counts.get(instance.version) ?? 0) + 1);
    this.versionCounts.set(instance.component, counts);
  }

  /** `keepSlot`: an upsert of an existing id keeps its position in `byId`. */
  remove(id: string, keepSlot = false): void {
    const old = this.byId.get(id);
    if (!old) return;
    if (!keepSlot) {
      this.byId.delete(id);
      this.all.delete(id);
    }
    this.starting.delete(id);
    this.ending.delete(id);
    this.byComponent.get(old.component)?.delete(id);
    const counts = this.versionCounts.get(old.component);
    const n = (counts?.get(old.version) ?? 0) - 1;
    if (n > 0) counts?.set(old.version, n);
    else counts?.delete(old.version);
  }

  idsOf(component: string): ReadonlySet<string> {
    return this.byComponent.get(component) ?? new Set();
  }

  /** Live versions of a component with their instance counts. */
  versionsOf(component: string): ReadonlyMap<string, number> {
    return this.versionCounts.get(component) ?? new Map();
  }

  countOf(component: string): number {
    return this.byComponent.get(component)?.size ?? 0;
  }
}
