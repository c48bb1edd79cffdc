import { assertNever } from '../assert-never.ts';
import type { ChangeEvent, Database, Instance } from '../protocol/index.ts';
import { indexDeclaration } from './declarations.ts';
import type { CompatModel } from './model.ts';
import { versionKey, type EntityStore, type RegionIndex } from './region-index.ts';
import { tallyDatabase, tallyInstance } from './tallies.ts';

/**
 * Applies one change-stream event to a region the incremental evaluator owns, updating the count
 * tables in place and marking only the affected units dirty. Upserts replace by id (keeping
 * document position) or append; removing an unknown instance is a no-op. Input errors are
 * re-derived when a table key appears or vanishes, and on every change while the region has some
 * (their paths and counts move with the documents).
 */
export function applyChangeEvent(model: CompatModel, region: RegionIndex, event: ChangeEvent, at: string): void {
  const regionId = region.info.id;
  region.revision = event.revision;
  switch (event.type) {
    case 'instance.upsert':
    case 'instance.remove': {
      const store = keyedStore(region.instances);
      const id = event.type === 'instance.upsert' ? event.instance.id : event.id;
      const old = store.get(id);
      let keysChanged = false;
      if (old) {
        keysChanged = tallyInstance(region.instanceTallies, old, -1) || keysChanged;
        model.componentChanged(regionId, old.component, at);
      }
      if (event.type === 'instance.upsert') {
        store.set(id, event.instance);
        keysChanged = tallyInstance(region.instanceTallies, event.instance, 1) || keysChanged;
        model.componentChanged(regionId, event.instance.component, at);
      } else {
        store.delete(id);
      }
      if (keysChanged || !model.isValid(regionId)) model.errorsMayChange(regionId, at);
      return;
    }
    case 'database.upsert': {
      const store = keyedStore(region.databases);
      const old = store.get(event.database.id);
      let keysChanged = false;
      if (old) {
        keysChanged = tallyDatabase(region.groupTallies, old, -1) || keysChanged;
        model.groupChanged(regionId, old.group, at);
      }
      store.set(event.database.id, event.database);
      keysChanged = tallyDatabase(region.groupTallies, event.database, 1) || keysChanged;
      model.groupChanged(regionId, event.database.group, at);
      if (keysChanged || !model.isValid(regionId)) model.errorsMayChange(regionId, at);
      return;
    }
    case 'toggle.upsert':
      region.toggles.set(event.toggle.key, event.toggle);
      model.toggleChanged(regionId, event.toggle.key, at);
      model.errorsMayChange(regionId, at);
      return;
    case 'componentVersion.upsert': {
      const cv = event.componentVersion;
      region.componentVersions.set(versionKey(cv.component, cv.version), cv);
      let byVersion = region.versionTrains.get(cv.component);
      if (!byVersion) region.versionTrains.set(cv.component, (byVersion = new Map()));
      byVersion.set(cv.version, cv.train);
      indexDeclaration(region.declarations, cv);
      model.componentChanged(regionId, cv.component, at);
      model.errorsMayChange(regionId, at);
      return;
    }
    case 'rollout.upsert':
      region.rollouts.set(event.rollout.id, event.rollout);
      return;
    case 'stageGate.upsert': {
      const gate = event.stageGate;
      const i = region.stageGates.findIndex((g) => g.train === gate.train && g.stage === gate.stage);
      if (i >= 0) region.stageGates[i] = gate;
      else region.stageGates.push(gate);
      return;
    }
    default:
      assertNever(event, 'change event');
  }
}

function keyedStore<T extends Instance | Database>(store: EntityStore<T>): Map<string, T> {
  if (store instanceof Map) return store;
  throw new Error('incremental updates need a region indexed with keyed entities');
}
