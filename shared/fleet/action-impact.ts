import type { ActionImpact } from '../contract/actions.ts';
import type { ActionRequest, FleetState, Instance } from '../protocol/index.ts';
import { assertNever } from '../assert-never.ts';

export class UnknownTargetError extends Error {}

const live = (i: Instance) => i.state !== 'failed';

function touching(instances: Iterable<Instance>): { instances: number; activeUsers: number } {
  let count = 0;
  let users = 0;
  for (const i of instances) {
    if (!live(i)) continue;
    count++;
    users += i.activeUsers;
  }
  return { instances: count, activeUsers: users };
}

/**
 * What an action would change in one region and whom it touches, judged on the region's current
 * state: the instances (and their active users) of the component it acts on — for a toggle, those
 * of its minimum-version component, or the whole region when it names none. Throws
 * UnknownTargetError when the target does not exist in the state.
 */
export function actionImpact(state: FleetState, action: ActionRequest): ActionImpact {
  const region = state.region.id;
  const ofComponent = (component: string) => state.instances.filter((i) => i.component === component);
  const trainOf = new Map(state.componentVersions.map((v) => [`${v.component}\u0000${v.version}`, v.train]));
  switch (action.type) {
    case 'toggle.set': {
      const toggle = state.toggles.find((t) => t.key === action.key);
      if (!toggle) throw new UnknownTargetError(`toggle "${action.key}" does not exist in ${region}`);
      const scope = toggle.minVersion ? ofComponent(toggle.minVersion.component) : state.instances;
      const verb = action.state === 'on' ? 'Turn on' : action.state === 'off' ? 'Turn off' : 'Set dormant';
      return {
        summary: `${verb} toggle ${toggle.key} in ${region} (${toggle.environment})`,
        targetKind: 'toggle',
        target: toggle.key,
        ...touching(scope),
        before: { state: toggle.state, environment: toggle.environment },
        after: { state: action.state, environment: toggle.environment },
      };
    }
    case 'rollout.pause':
    case 'rollout.resume':
    case 'rollout.abort': {
      const rollout = state.rollouts.find((r) => r.id === action.rolloutId);
      if (!rollout) throw new UnknownTargetError(`rollout "${action.rolloutId}" does not exist in ${region}`);
      const verb = action.type === 'rollout.pause' ? 'Pause' : action.type === 'rollout.resume' ? 'Resume' : 'Abort';
      const after = action.type === 'rollout.pause' ? 'paused' : action.type === 'rollout.resume' ? 'progressing' : 'rolling-back';
      const scope = ofComponent(rollout.component).filter((i) => i.version === rollout.fromVersion || i.version === rollout.toVersion);
      return {
        summary: `${verb} the rollout of ${rollout.component} ${rollout.fromVersion} → ${rollout.toVersion} in ${region}`,
        targetKind: 'rollout',
        target: rollout.id,
        ...touching(scope),
        before: { state: rollout.state, stage: rollout.stages[rollout.currentStage]?.name ?? null },
        after: { state: after },
      };
    }
    case 'component.rollback': {
      if (!state.components.some((c) => c.id === action.component)) throw new UnknownTargetError(`component "${action.component}" does not exist in ${region}`);
      const above = ofComponent(action.component).filter((i) => (trainOf.get(`${i.component}\u0000${i.version}`) ?? -1) > action.toTrain);
      const target = state.componentVersions.find((v) => v.component === action.component && v.train === action.toTrain);
      const from = [...new Set(above.map((i) => i.version))].sort();
      return {
        summary: `Roll ${action.component} in ${region} back to train ${action.toTrain}${target ? ` (${target.version})` : ''}`,
        targetKind: 'component',
        target: action.component,
        ...touching(above),
        before: { versions: from },
        after: { train: action.toTrain, version: target?.version ?? null },
      };
    }
    case 'schema.rollback': {
      const group = state.databaseGroups.find((g) => g.id === action.databaseGroup);
      if (!group) throw new UnknownTargetError(`database group "${action.databaseGroup}" does not exist in ${region}`);
      const databases = state.databases.filter((d) => d.group === group.id && d.schemaTrain > action.toTrain);
      const users = new Set(group.usedBy);
      return {
        summary: `Roll the schema of ${group.id} in ${region} back to train ${action.toTrain} (${databases.length} databases)`,
        targetKind: 'database-group',
        target: group.id,
        ...touching(state.instances.filter((i) => users.has(i.component))),
        before: { databasesAbove: databases.length, trains: [...new Set(databases.map((d) => d.schemaTrain))].sort((a, b) => a - b) },
        after: { train: action.toTrain },
      };
    }
    default:
      return assertNever(action, 'action');
  }
}
