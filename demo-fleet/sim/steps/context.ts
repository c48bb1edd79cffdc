import type { Instance } from '../../../shared/protocol/index.ts';
import type { Prng } from '../../model/prng.ts';
import type { RegionSpec } from '../../model/regions.ts';
import type { TrainPlan } from '../../model/trains.ts';
import type { ChangeDraft, RegionModel } from '../region-model.ts';

/** What a simulation step may read; steps return drafts and never mutate the model themselves. */
export interface StepContext {
  seed: number;
  model: RegionModel;
  rng: Prng;
  atMs: number;
  region: RegionSpec;
  trains: TrainPlan;
  /** Rollouts the simulator leaves alone. */
  held: ReadonlySet<string>;
  /** Components the simulator never starts a rollout for. */
  frozen: ReadonlySet<string>;
  /** Database groups the simulator never migrates forward (a human rolled them back). */
  pinned: ReadonlySet<string>;
  /** A fresh `starting` instance with a new id. */
  newInstance(component: string, version: string): Instance;
}

export type Step = (ctx: StepContext) => ChangeDraft[];

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Replace one instance by a fresh one of `version` (a pod rescheduled or a rollout moving a replica). */
export function replaceInstance(ctx: StepContext, old: Instance, version: string): ChangeDraft[] {
  return [
    { type: 'instance.remove', id: old.id },
    { type: 'instance.upsert', instance: ctx.newInstance(old.component, version) },
  ];
}
