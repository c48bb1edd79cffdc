import { assertNever } from '../assert-never.ts';
import type { PlanDraft } from './cause-schemas.ts';
import type { PlanWorld } from './plan-candidates.ts';
import type { CompatView } from './view.ts';

function trainText(view: CompatView, train: number): string {
  const name = view.trainName(train);
  return name ? `train ${name}` : `train #${train}`;
}

/** One line for a plan step, naming the target the way the action confirmation does. */
export function stepSummary(view: CompatView, world: PlanWorld, draft: PlanDraft): string {
  const { region, action } = draft;
  const state = world.states.get(region);
  switch (action.type) {
    case 'toggle.set':
      return `Turn ${action.state} toggle ${action.key} in ${region}`;
    case 'rollout.pause':
    case 'rollout.resume':
    case 'rollout.abort': {
      const r = state?.rollouts.find((x) => x.id === action.rolloutId);
      const verb = action.type === 'rollout.pause' ? 'Pause' : action.type === 'rollout.resume' ? 'Resume' : 'Abort';
      if (!r) return `${verb} the rollout ${action.rolloutId} in ${region}`;
      // Worded like the confirmation's title, so the step and the dialog it opens read alike.
      const where = `${verb} the rollout of ${r.component} ${r.fromVersion} → ${r.toVersion} in ${region}`;
      return action.type === 'rollout.abort' ? `${where}: back to ${r.fromVersion}` : action.type === 'rollout.resume' ? `${where}: on to ${r.toVersion}` : where;
    }
    case 'component.rollback': {
      const version = state?.componentVersions.find((v) => v.component === action.component && v.train === action.toTrain)?.version;
      return `Roll ${action.component} in ${region} back to ${trainText(view, action.toTrain)}${version ? ` (${version})` : ''}`;
    }
    case 'schema.rollback':
      return `Roll the ${action.databaseGroup} schema in ${region} back to ${trainText(view, action.toTrain)}`;
    default:
      return assertNever(action, 'action');
  }
}

/** The reason prefilled in the confirmation: the plan, the step, and the cause it addresses. */
export function stepReason(index: number, total: number, causeTitles: readonly string[]): string {
  const what = causeTitles.length === 0 ? 'compatibility violations' : causeTitles.join('; ');
  return `Remediation plan, step ${index} of ${total}: ${what}`.slice(0, 2_000);
}
