import { assertNever } from '../assert-never.ts';
import type { PlanDraft } from './cause-schemas.ts';
import type { PlanWorld } from './plan-candidates.ts';
import type { VersionMixEntry } from './schemas.ts';
import type { CompatView } from './view.ts';

export interface Touched {
  instances: number;
  activeUsers: number;
}

function sum(entries: readonly VersionMixEntry[], keep: (e: VersionMixEntry) => boolean = () => true): Touched {
  let instances = 0;
  let activeUsers = 0;
  for (const e of entries) {
    if (!keep(e)) continue;
    instances += e.count;
    activeUsers += e.activeUsers;
  }
  return { instances, activeUsers };
}

function add(a: Touched, b: Touched): Touched {
  return { instances: a.instances + b.instances, activeUsers: a.activeUsers + b.activeUsers };
}

/**
 * Whom the action touches on the fleet `view` shows, read from the engine's count tables (never by
 * scanning instances): a rollback moves the live instances above its train; a rollout action moves
 * those at the version it leaves (the confirmation counts the whole rollout, both versions, as
 * touched — the plan ranks by what actually moves); a toggle gates its minimum-version component; a
 * schema rollback reaches every component using the group.
 */
export function touchedBy(view: CompatView, world: PlanWorld, draft: PlanDraft): Touched {
  const { region, action } = draft;
  const state = world.states.get(region);
  const mix = (component: string) => view.versionMix(region, component);
  switch (action.type) {
    case 'component.rollback':
      return sum(mix(action.component), (e) => e.train > action.toTrain);
    case 'rollout.pause':
    case 'rollout.resume':
    case 'rollout.abort': {
      const rollout = state?.rollouts.find((r) => r.id === action.rolloutId);
      if (!rollout) return { instances: 0, activeUsers: 0 };
      const moving = action.type === 'rollout.abort' ? rollout.toVersion : action.type === 'rollout.resume' ? rollout.fromVersion : null;
      return sum(mix(rollout.component), (e) => moving === null ? e.version === rollout.fromVersion || e.version === rollout.toVersion : e.version === moving);
    }
    case 'toggle.set': {
      const component = state?.toggles.find((t) => t.key === action.key)?.minVersion?.component;
      return component ? sum(mix(component)) : { instances: 0, activeUsers: 0 };
    }
    case 'schema.rollback': {
      const users = state?.databaseGroups.find((g) => g.id === action.databaseGroup)?.usedBy ?? [];
      return [...new Set(users)].reduce((total, c) => add(total, sum(mix(c))), { instances: 0, activeUsers: 0 });
    }
    default:
      return assertNever(action, 'action');
  }
}
