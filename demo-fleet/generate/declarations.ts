import type { ComponentVersion } from '../../shared/protocol/index.ts';
import { PINNED_SEARCH_INDEX } from '../model/catalog.ts';
import type { ScenarioName } from '../model/scenarios.ts';
import type { TrainPlan } from '../model/trains.ts';
import type { ComponentPlan } from './plans.ts';

/** broken-declaration: the caller's current versions declare a range its live callee is outside. */
export const BROKEN_DECLARATION = { region: 'us-east', caller: 'reporting', callee: 'search' } as const;

function pin(plans: ComponentPlan[], component: string, baseTrain: number, completedFrom: number | null): void {
  const i = plans.findIndex((p) => p.component === component);
  if (i >= 0) plans[i] = { component, baseTrain, rollout: null, completedFrom, frozen: true };
}

/**
 * Every scenario: the search index stays a train behind `previous` (its callers declare they support
 * it). broken-declaration: the caller moves to the current train and the callee stays on the previous.
 */
export function adjustDeclaredPlans(scenario: ScenarioName, regionId: string, plans: ComponentPlan[], trains: TrainPlan): void {
  pin(plans, PINNED_SEARCH_INDEX.component, trains.previous - PINNED_SEARCH_INDEX.trainsBehindPrevious, null);
  if (scenario === 'broken-declaration' && regionId === BROKEN_DECLARATION.region) {
    pin(plans, BROKEN_DECLARATION.callee, trains.previous, null);
    pin(plans, BROKEN_DECLARATION.caller, trains.current, trains.previous);
  }
}

/** broken-declaration: the caller's current-train versions declare the callee only from the current train on. */
export function declaredVersions(scenario: ScenarioName, regionId: string, versions: ComponentVersion[], trains: TrainPlan): ComponentVersion[] {
  if (scenario !== 'broken-declaration' || regionId !== BROKEN_DECLARATION.region) return versions;
  return versions.map((v) => {
    if (v.component !== BROKEN_DECLARATION.caller || v.train !== trains.current) return v;
    const callees = [...(v.compatibility?.callees ?? []), { component: BROKEN_DECLARATION.callee, trains: { min: trains.current, max: trains.upcoming } }];
    return { ...v, compatibility: { ...v.compatibility, callees } };
  });
}
