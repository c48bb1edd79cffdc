import type { Instance, Rollout } from '../../../shared/protocol/index.ts';
import { RELEASE_BOT, rolloutId } from '../../generate/rollouts.ts';
import { LAST_STAGE, stagesAt, stageSpec, stageTarget } from '../../model/rollout-stages.ts';
import type { ChangeDraft, RegionModel } from '../region-model.ts';
import { iso, replaceInstance, type StepContext } from './context.ts';

export const ACTIVE_STATES: ReadonlySet<Rollout['state']> = new Set(['progressing', 'paused', 'rolling-back']);

function findInstance(model: RegionModel, component: string, match: (i: Instance) => boolean): Instance | undefined {
  for (const id of model.instances.idsOf(component)) {
    const inst = model.instances.get(id);
    if (inst && match(inst)) return inst;
  }
  return undefined;
}

function stageEnteredMs(rollout: Rollout): number {
  const last = rollout.history[rollout.history.length - 1];
  return last ? Date.parse(last.at) : Date.parse(rollout.startedAt);
}

/** Moves one replica of a progressing rollout forward (or of a rolling-back one back), or advances its stage. */
export function progressRollout(ctx: StepContext): ChangeDraft[] {
  const movable = [...ctx.model.rollouts.values()].filter(
    (r) => r.state === 'rolling-back' || (r.state === 'progressing' && !ctx.held.has(r.id)),
  );
  if (movable.length === 0) return [];
  const rollout = ctx.rng.pick(movable);
  const { model } = ctx;

  if (rollout.state === 'rolling-back') {
    const inst = findInstance(model, rollout.component, (i) => i.version === rollout.toVersion);
    if (inst) return replaceInstance(ctx, inst, rollout.fromVersion);
    const history = [...rollout.history, { at: iso(ctx.atMs), event: 'rollback complete', by: RELEASE_BOT }];
    return [{ type: 'rollout.upsert', rollout: { ...rollout, state: 'aborted', history } }];
  }

  const total = model.instances.countOf(rollout.component);
  const onNew = model.instances.versionsOf(rollout.component).get(rollout.toVersion) ?? 0;
  if (onNew < stageTarget(rollout.currentStage, total)) {
    const inst = findInstance(model, rollout.component, (i) => i.version !== rollout.toVersion);
    return inst ? replaceInstance(ctx, inst, rollout.toVersion) : [];
  }
  if (ctx.atMs - stageEnteredMs(rollout) < stageSpec(rollout.currentStage).dwellMs) return [];
  if (rollout.currentStage >= LAST_STAGE) {
    const history = [...rollout.history, { at: iso(ctx.atMs), event: 'completed', by: RELEASE_BOT }];
    return [{ type: 'rollout.upsert', rollout: { ...rollout, state: 'completed', stages: stagesAt(LAST_STAGE, true), history } }];
  }
  const next = rollout.currentStage + 1;
  const history = [...rollout.history, { at: iso(ctx.atMs), event: `stage ${stageSpec(next).name} started`, by: RELEASE_BOT }];
  return [{ type: 'rollout.upsert', rollout: { ...rollout, currentStage: next, stages: stagesAt(next, false), history } }];
}

/** Whether every same-region peer of `component` stays within one train of `train` (rule 2). */
export function peersAllow(model: RegionModel, component: string, train: number): boolean {
  for (const dep of model.dependencies) {
    if (dep.crossRegion) continue;
    const peer = dep.from === component ? dep.to : dep.to === component ? dep.from : null;
    if (peer === null || peer === component) continue;
    if (model.liveTrains(peer).some((t) => Math.abs(t - train) > 1)) return false;
  }
  return true;
}

/** Whether every database the component uses accepts an instance at `train` (rule 3). */
export function schemasAllow(model: RegionModel, component: string, train: number): boolean {
  for (const group of model.databaseGroups) {
    if (!group.usedBy.includes(component)) continue;
    for (const id of model.databasesByGroup.get(group.id) ?? []) {
      const db = model.databases.get(id);
      if (!db) continue;
      const trains = db.migration ? [db.schemaTrain, db.migration.toTrain] : [db.schemaTrain];
      if (trains.some((s) => s < train - 1 || s > train + 1)) return false;
    }
  }
  return true;
}

/** Simulated time between two rollout starts in one region (release managers stagger them). */
export const ROLLOUT_START_SPACING_MS = 20 * 60_000;

/** Starts the next train's rollout for a component that runs one train below the current one. */
export function startRollout(ctx: StepContext): ChangeDraft[] {
  const { model, trains } = ctx;
  let lastStart = 0;
  for (const r of model.rollouts.values()) lastStart = Math.max(lastStart, Date.parse(r.startedAt));
  if (ctx.atMs - lastStart < ROLLOUT_START_SPACING_MS) return [];
  const candidates = model.components.filter((c) => {
    if (ctx.frozen.has(c.id)) return false;
    const live = model.liveTrains(c.id);
    return live.length === 1 && live[0] === trains.current - 1;
  });
  if (candidates.length === 0) return [];
  const component = ctx.rng.pick(candidates).id;
  const to = trains.current;
  const toName = trains.trains.find((t) => t.index === to)?.name ?? String(to);
  const id = rolloutId(ctx.region, component, toName);
  if (model.rollouts.has(id)) return [];
  if ([...model.rollouts.values()].some((r) => r.component === component && ACTIVE_STATES.has(r.state))) return [];
  if (!peersAllow(model, component, to) || !schemasAllow(model, component, to)) return [];
  const fromVersion = model.versionFor(component, to - 1);
  const toVersion = model.versionFor(component, to);
  if (!fromVersion || !toVersion) return [];
  const at = iso(ctx.atMs);
  const rollout: Rollout = {
    id,
    component,
    fromVersion,
    toVersion,
    state: 'progressing',
    stages: stagesAt(0, false),
    currentStage: 0,
    startedAt: at,
    history: [
      { at, event: 'started', by: RELEASE_BOT },
      { at, event: `stage ${stageSpec(0).name} started`, by: RELEASE_BOT },
    ],
  };
  return [{ type: 'rollout.upsert', rollout }];
}
