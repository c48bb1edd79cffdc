import type { ComponentSpec } from '../model/catalog.ts';
import { Prng } from '../model/prng.ts';
import type { RegionSpec } from '../model/regions.ts';
import { LAST_STAGE } from '../model/rollout-stages.ts';
import type { TrainPlan } from '../model/trains.ts';

/** Where one component stands in one region when the fleet is generated. */
export interface ComponentPlan {
  component: string;
  /** Train of every instance not yet moved by the in-flight rollout. */
  baseTrain: number;
  rollout: { toTrain: number; stage: number; state: 'progressing' | 'paused'; held: boolean } | null;
  /** `baseTrain` was reached by a rollout from this train that has completed. */
  completedFrom: number | null;
  /** The simulator never starts a rollout for it (scenarios pin components). */
  frozen: boolean;
}

/**
 * Steady plans keep every component on the previous or current train, so every +1/−1 rule holds:
 * live trains span at most two, peers differ by at most one.
 */
export function planRegion(rng: Prng, region: RegionSpec, trains: TrainPlan, components: readonly ComponentSpec[]): ComponentPlan[] {
  const { done, rolling, behind } = region.progress;
  return components.map((spec) => {
    const kind = rng.weighted([
      ['done', done],
      ['rolling', rolling],
      ['behind', behind],
    ] as const);
    if (kind === 'done') {
      return { component: spec.id, baseTrain: trains.current, rollout: null, completedFrom: trains.previous, frozen: false };
    }
    if (kind === 'rolling') {
      return {
        component: spec.id,
        baseTrain: trains.previous,
        rollout: {
          toTrain: trains.current,
          stage: rng.int(0, LAST_STAGE - 1),
          state: rng.chance(0.15) ? 'paused' : 'progressing',
          held: false,
        },
        completedFrom: null,
        frozen: false,
      };
    }
    return { component: spec.id, baseTrain: trains.previous, rollout: null, completedFrom: null, frozen: false };
  });
}

/** Trains a component's instances run under its plan. */
export function planTrains(plan: ComponentPlan): number[] {
  return plan.rollout ? [plan.baseTrain, plan.rollout.toTrain] : [plan.baseTrain];
}
