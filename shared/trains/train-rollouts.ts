import type { FleetState, Rollout } from '../protocol/index.ts';

/** Rollouts still under way: the ones "completing the train" would finish. */
const IN_FLIGHT: ReadonlySet<Rollout['state']> = new Set(['progressing', 'paused']);

export interface TrainRollout {
  region: string;
  rollout: Rollout;
  /** Train of the version it rolls to, and of the one it rolls from (undefined when not declared). */
  toTrain: number | undefined;
  fromTrain: number | undefined;
}

/** Every rollout of every region with the trains of its two versions (one lookup table per region). */
export function rolloutsWithTrains(states: readonly FleetState[]): TrainRollout[] {
  const out: TrainRollout[] = [];
  for (const state of states) {
    const trainOf = new Map<string, number>();
    for (const v of state.componentVersions) trainOf.set(`${v.component}\u0000${v.version}`, v.train);
    for (const rollout of state.rollouts) {
      out.push({
        region: state.region.id,
        rollout,
        toTrain: trainOf.get(`${rollout.component}\u0000${rollout.toVersion}`),
        fromTrain: trainOf.get(`${rollout.component}\u0000${rollout.fromVersion}`),
      });
    }
  }
  return out;
}

/** The train's rollouts (to one of its versions) still under way in the given regions. */
export function inFlightRollouts(all: readonly TrainRollout[], train: number, regions: ReadonlySet<string>): TrainRollout[] {
  return all.filter((r) => r.toTrain === train && IN_FLIGHT.has(r.rollout.state) && regions.has(r.region));
}
