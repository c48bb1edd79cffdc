import { assertNever } from '../../shared/assert-never.ts';
import type { ActionRequest, Database, Rollout } from '../../shared/protocol/index.ts';
import type { ChangeDraft, RegionModel } from './region-model.ts';
import { schemaVersionOf } from './steps/migration-steps.ts';

/** Who the rollout history names for actions that arrive through the protocol. */
export const API_ACTOR = 'console';

export type ActionOutcome =
  | {
      status: 'succeeded';
      message: string;
      drafts: ChangeDraft[];
      /** A held rollout a human has now acted on (the simulator may move it again). */
      unhold?: string;
      /** A component a human rolled back: the simulator no longer starts rollouts for it. */
      freeze?: string;
      /** A database group a human rolled back: the simulator no longer migrates it forward. */
      pin?: string;
    }
  | { status: 'failed'; message: string };

const fail = (message: string): ActionOutcome => ({ status: 'failed', message });

function withEvent(rollout: Rollout, atMs: number, event: string, patch: Partial<Rollout>): Rollout {
  return { ...rollout, ...patch, history: [...rollout.history, { at: new Date(atMs).toISOString(), event, by: API_ACTOR }] };
}

function rolloutAction(model: RegionModel, req: Extract<ActionRequest, { rolloutId: string }>, atMs: number): ActionOutcome {
  const rollout = model.rollouts.get(req.rolloutId);
  if (!rollout) return fail(`unknown rollout ${req.rolloutId}`);
  const upsert = (r: Rollout): ChangeDraft[] => [{ type: 'rollout.upsert', rollout: r }];
  switch (req.type) {
    case 'rollout.pause':
      if (rollout.state !== 'progressing') return fail(`rollout ${rollout.id} is ${rollout.state}, only a progressing rollout can be paused`);
      return { status: 'succeeded', message: `paused ${rollout.id}`, drafts: upsert(withEvent(rollout, atMs, 'paused', { state: 'paused' })) };
    case 'rollout.resume':
      if (rollout.state !== 'paused') return fail(`rollout ${rollout.id} is ${rollout.state}, only a paused rollout can be resumed`);
      return { status: 'succeeded', message: `resumed ${rollout.id}`, drafts: upsert(withEvent(rollout, atMs, 'resumed', { state: 'progressing' })) };
    case 'rollout.abort':
      if (rollout.state !== 'progressing' && rollout.state !== 'paused') {
        return fail(`rollout ${rollout.id} is ${rollout.state}, only a progressing or paused rollout can be aborted`);
      }
      return {
        status: 'succeeded',
        message: `aborting ${rollout.id}: instances return to ${rollout.fromVersion}`,
        drafts: upsert(withEvent(rollout, atMs, 'aborted, rolling back', { state: 'rolling-back' })),
        unhold: rollout.id,
      };
    default:
      return assertNever(req, 'rollout action');
  }
}

/** Every instance on a newer train restarts on the target train's version, at once. */
function componentRollback(model: RegionModel, component: string, toTrain: number, atMs: number): ActionOutcome {
  if (!model.hasComponent(component)) return fail(`unknown component ${component}`);
  const version = model.versionFor(component, toTrain);
  if (!version) return fail(`${component} has no version for train ${toTrain}`);
  const at = new Date(atMs).toISOString();
  const drafts: ChangeDraft[] = [];
  for (const id of model.instances.idsOf(component)) {
    const inst = model.instances.get(id);
    const train = inst ? model.trainOf(component, inst.version) : undefined;
    if (!inst || train === undefined || train <= toTrain) continue;
    drafts.push({ type: 'instance.upsert', instance: { ...inst, version, state: 'starting', startedAt: at, activeUsers: 0 } });
  }
  if (drafts.length === 0) return fail(`no instance of ${component} runs a train newer than ${toTrain}`);
  for (const rollout of model.rollouts.values()) {
    const target = model.trainOf(component, rollout.toVersion);
    if (rollout.component !== component || target === undefined || target <= toTrain) continue;
    if (rollout.state === 'completed' || rollout.state === 'aborted') continue;
    drafts.push({ type: 'rollout.upsert', rollout: withEvent(rollout, atMs, `aborted by rollback to train ${toTrain}`, { state: 'aborted' }) });
  }
  const moved = drafts.filter((d) => d.type === 'instance.upsert').length;
  return { status: 'succeeded', message: `rolled back ${moved} instance(s) of ${component} to ${version}`, drafts, freeze: component };
}

/** Databases of the group above the target start migrating backward to it. */
function schemaRollback(model: RegionModel, group: string, toTrain: number, atMs: number): ActionOutcome {
  if (!model.databaseGroups.some((g) => g.id === group)) return fail(`unknown database group ${group}`);
  if (!model.trains.some((t) => t.index === toTrain)) return fail(`unknown train ${toTrain}`);
  const drafts: ChangeDraft[] = [];
  for (const id of model.databasesByGroup.get(group) ?? []) {
    const db = model.databases.get(id);
    if (!db) continue;
    if (db.schemaTrain > toTrain) {
      const migration: Database['migration'] = {
        direction: 'backward',
        fromTrain: db.schemaTrain,
        toTrain,
        startedAt: new Date(atMs).toISOString(),
        progress: 0,
      };
      drafts.push({ type: 'database.upsert', database: { ...db, migration } });
    } else if (db.migration && db.migration.toTrain > toTrain) {
      // Still at or below the target: cancelling its forward migration is the rollback.
      drafts.push({ type: 'database.upsert', database: { ...db, migration: null } });
    }
  }
  if (drafts.length === 0) return fail(`no database of ${group} has a schema newer than train ${toTrain}`);
  return { status: 'succeeded', message: `rolling back ${drafts.length} database(s) of ${group} to ${schemaVersionOf(group, toTrain)}`, drafts, pin: group };
}

export function planAction(model: RegionModel, req: ActionRequest, atMs: number): ActionOutcome {
  switch (req.type) {
    case 'rollout.pause':
    case 'rollout.resume':
    case 'rollout.abort':
      return rolloutAction(model, req, atMs);
    case 'component.rollback':
      return componentRollback(model, req.component, req.toTrain, atMs);
    case 'schema.rollback':
      return schemaRollback(model, req.databaseGroup, req.toTrain, atMs);
    case 'toggle.set': {
      const toggle = model.toggles.get(req.key);
      if (!toggle) return fail(`unknown toggle ${req.key}`);
      return { status: 'succeeded', message: `${req.key} is ${req.state}`, drafts: [{ type: 'toggle.upsert', toggle: { ...toggle, state: req.state } }] };
    }
    default:
      return assertNever(req, 'action');
  }
}
