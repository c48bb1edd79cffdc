/**
 * Release trains: stage gates per train, the blocked status (any failed gate blocks a train) and
 * the gate verdict "may this train go to stage S?". Pure: no I/O, no clock.
 */
export * from './schemas.ts';
export { allTrainGates, failedSentence, gatesByTrain, stageOrder, trainGates, trainsOf, trainStage } from './stages.ts';
export { canaryCheck, gatesCheck, gateVerdict, whatIfCheck, type GateAnswer, type GateJudgement, type GateQuestion } from './gate-verdict.ts';
export { inFlightRollouts, rolloutsWithTrains, type TrainRollout } from './train-rollouts.ts';
export { instancesByTrain } from './where-it-runs.ts';

import type { FleetState } from '../protocol/index.ts';
import type { BlockedTrain, TrainGates } from './schemas.ts';
import { allTrainGates } from './stages.ts';

/** Blocked trains with their component versions (each once, whichever regions declare it). */
export function blockedTrains(trains: readonly TrainGates[], states: readonly FleetState[]): BlockedTrain[] {
  const blocked = trains.filter((t) => t.blocked);
  if (blocked.length === 0) return [];
  const wanted = new Set(blocked.map((t) => t.train));
  const versions = new Map<number, Map<string, { component: string; version: string }>>();
  for (const state of states) {
    for (const v of state.componentVersions) {
      if (!wanted.has(v.train)) continue;
      const own = versions.get(v.train) ?? new Map<string, { component: string; version: string }>();
      own.set(`${v.component}\u0000${v.version}`, { component: v.component, version: v.version });
      versions.set(v.train, own);
    }
  }
  return blocked.map((t) => ({ train: t.train, trainName: t.trainName, reasons: t.blockedReasons, versions: [...(versions.get(t.train)?.values() ?? [])] }));
}

/** The blocked train a rollout rolls to, or null (unknown rollout, or its train passed every gate it reached). */
export function blockedTrainOfRollout(states: readonly FleetState[], region: string, rolloutId: string): BlockedTrain | null {
  const state = states.find((s) => s.region.id === region);
  const rollout = state?.rollouts.find((r) => r.id === rolloutId);
  if (!state || !rollout) return null;
  const train = state.componentVersions.find((v) => v.component === rollout.component && v.version === rollout.toVersion)?.train;
  if (train === undefined) return null;
  const gates = allTrainGates(states).find((t) => t.train === train);
  return gates?.blocked ? { train, trainName: gates.trainName, reasons: gates.blockedReasons, versions: [{ component: rollout.component, version: rollout.toVersion }] } : null;
}
