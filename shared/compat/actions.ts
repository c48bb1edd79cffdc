import { assertNever } from '../assert-never.ts';
import type { Rollout } from '../protocol/index.ts';
import { inputError } from './input-error.ts';
import type { CompatModel } from './model.ts';
import { trainOfVersion, type RegionIndex } from './region-index.ts';
import type { CompatInputError, WhatIfRequest } from './schemas.ts';
import { emptyGroupTally, shapeTrains, tallyShape, type ComponentTally, type VersionTally } from './tallies.ts';

export type ActionOutcome = { ok: true; model: CompatModel } | { ok: false; errors: CompatInputError[] };

interface Move {
  from: string;
  to: string;
  count: number;
  users: number;
}

/**
 * Applies an action to a fork of `base` (never to `base`): it edits only the count tables of the
 * component, group or toggle concerned, so what-if costs no more than those units.
 */
export function applyAction(base: CompatModel, request: WhatIfRequest, at: string): ActionOutcome {
  const fail = (entity: 'action' | 'rollout', entityId: string, path: (string | number)[], message: string): ActionOutcome => ({
    ok: false,
    errors: [inputError(request.region, entity, entityId, path, message)],
  });
  const region = base.anyRegion(request.region);
  if (!region) return fail('action', request.action.type, ['region'], `region ${request.region} is not in the fleet`);
  if (!base.isValid(request.region)) {
    return fail('action', request.action.type, ['region'], `region ${request.region} has input errors, so the action cannot be evaluated`);
  }
  const model = base.fork();
  const action = request.action;
  switch (action.type) {
    case 'component.rollback': {
      const { component, toTrain } = action;
      if (!region.componentIds.has(component)) return fail('action', component, ['action', 'component'], `component "${component}" is not in components`);
      if (!region.trainSet.has(toTrain)) return fail('action', component, ['action', 'toTrain'], `train ${toTrain} is not in trains`);
      const tally = region.instanceTallies.get(component);
      const target = versionAtTrain(region, component, toTrain, tally);
      if (target === undefined) {
        return fail('action', component, ['action', 'toTrain'], `${component} has no version at train ${base.catalog.label(toTrain)}`);
      }
      const moves: Move[] = [];
      for (const [version, t] of tally ?? []) {
        const train = trainOfVersion(region, component, version);
        if (train !== undefined && train > toTrain && t.live > 0) moves.push({ from: version, to: target, count: t.live, users: t.liveUsers });
      }
      replaceComponentTally(model, region, component, moveLive(tally, moves), at);
      return { ok: true, model };
    }
    case 'schema.rollback': {
      const { databaseGroup, toTrain } = action;
      if (!region.databaseGroups.has(databaseGroup)) {
        return fail('action', databaseGroup, ['action', 'databaseGroup'], `database group "${databaseGroup}" is not in databaseGroups`);
      }
      if (!region.trainSet.has(toTrain)) return fail('action', databaseGroup, ['action', 'toTrain'], `train ${toTrain} is not in trains`);
      const next = emptyGroupTally();
      const tally = region.groupTallies.get(databaseGroup);
      for (const [train, count] of tally?.plain ?? []) tallyShape(next, plainShape(Math.min(train, toTrain)), count);
      for (const { shape, count } of tally?.migrating.values() ?? []) {
        const beyond = Math.max(...shapeTrains(shape)) > toTrain;
        tallyShape(next, beyond ? plainShape(Math.min(shape.schemaTrain, toTrain)) : shape, count);
      }
      const groupTallies = new Map(region.groupTallies);
      groupTallies.set(databaseGroup, next);
      model.setRegion({ ...region, groupTallies });
      model.groupChanged(request.region, databaseGroup, at);
      return { ok: true, model };
    }
    case 'rollout.pause':
    case 'rollout.resume':
    case 'rollout.abort':
    case 'rollout.step': {
      const found = findRollout(region, action.rolloutId);
      if (!found) return fail('action', action.rolloutId, ['action', 'rolloutId'], `rollout "${action.rolloutId}" does not exist in ${request.region}`);
      const { rollout, index } = found;
      for (const field of ['fromVersion', 'toVersion'] as const) {
        if (trainOfVersion(region, rollout.component, rollout[field]) === undefined) {
          return fail('rollout', rollout.id, ['rollouts', index, field], `${rollout.component} version "${rollout[field]}" is not in componentVersions`);
        }
      }
      if (action.type === 'rollout.pause') return { ok: true, model };
      const tally = region.instanceTallies.get(rollout.component);
      const from = tally?.get(rollout.fromVersion);
      const to = tally?.get(rollout.toVersion);
      let move: Move;
      if (action.type === 'rollout.resume') move = moveAll(rollout.fromVersion, rollout.toVersion, from);
      else if (action.type === 'rollout.abort') move = moveAll(rollout.toVersion, rollout.fromVersion, to);
      else {
        const stage = rollout.stages[rollout.currentStage + 1];
        if (!stage) {
          return fail('action', rollout.id, ['action', 'rolloutId'],
            `rollout "${rollout.id}" is at its last stage (${rollout.currentStage + 1} of ${rollout.stages.length}); resume completes it`);
        }
        move = stepMove(rollout, stage.canaryPercent, from, to);
      }
      replaceComponentTally(model, region, rollout.component, moveLive(tally, [move]), at);
      return { ok: true, model };
    }
    case 'toggle.set': {
      const toggle = region.toggles.get(action.key);
      if (!toggle) return fail('action', action.key, ['action', 'key'], `toggle "${action.key}" does not exist in ${request.region}`);
      const toggles = new Map(region.toggles);
      toggles.set(action.key, { ...toggle, state: action.state });
      model.setRegion({ ...region, toggles });
      model.toggleChanged(request.region, action.key, at);
      return { ok: true, model };
    }
    default:
      return assertNever(action, 'action');
  }
}

function plainShape(schemaTrain: number) {
  return { schemaTrain, fromTrain: null, toTrain: null };
}

/** Of the versions at `train`, the one already running most here; else the first declared. */
function versionAtTrain(region: RegionIndex, component: string, train: number, tally: ComponentTally | undefined): string | undefined {
  let best: string | undefined;
  let bestLive = -1;
  for (const [version, t] of region.versionTrains.get(component) ?? []) {
    if (t !== train) continue;
    const live = tally?.get(version)?.live ?? 0;
    if (live > bestLive) [best, bestLive] = [version, live];
  }
  return best;
}

function findRollout(region: RegionIndex, id: string): { rollout: Rollout; index: number } | undefined {
  let index = 0;
  for (const rollout of region.rollouts.values()) {
    if (rollout.id === id) return { rollout, index };
    index++;
  }
  return undefined;
}

function moveAll(from: string, to: string, tally: VersionTally | undefined): Move {
  return { from, to, count: tally?.live ?? 0, users: tally?.liveUsers ?? 0 };
}

/** Next stage: `canaryPercent` of the rollout's live instances end up at toVersion (users moved pro rata). */
function stepMove(rollout: Rollout, percent: number, from: VersionTally | undefined, to: VersionTally | undefined): Move {
  const fromLive = from?.live ?? 0;
  const toLive = to?.live ?? 0;
  const wanted = Math.ceil(((fromLive + toLive) * percent) / 100);
  const count = Math.max(0, Math.min(fromLive, wanted - toLive));
  const users = fromLive === 0 ? 0 : Math.round(((from?.liveUsers ?? 0) * count) / fromLive);
  return { from: rollout.fromVersion, to: rollout.toVersion, count, users };
}

/** A new tally with live instances moved between versions; failed instances stay where they are. */
function moveLive(tally: ComponentTally | undefined, moves: readonly Move[]): ComponentTally {
  const next: ComponentTally = new Map(tally);
  const edit = (version: string): VersionTally => {
    const copy = { ...(next.get(version) ?? { total: 0, live: 0, liveUsers: 0 }) };
    next.set(version, copy);
    return copy;
  };
  for (const move of moves) {
    if (move.count === 0 || move.from === move.to) continue;
    const from = edit(move.from);
    const to = edit(move.to);
    from.total -= move.count;
    from.live -= move.count;
    from.liveUsers -= move.users;
    to.total += move.count;
    to.live += move.count;
    to.liveUsers += move.users;
    if (from.total <= 0) next.delete(move.from);
  }
  return next;
}

function replaceComponentTally(model: CompatModel, region: RegionIndex, component: string, tally: ComponentTally, at: string): void {
  const instanceTallies = new Map(region.instanceTallies);
  if (tally.size === 0) instanceTallies.delete(component);
  else instanceTallies.set(component, tally);
  model.setRegion({ ...region, instanceTallies });
  model.componentChanged(region.info.id, component, at);
}
