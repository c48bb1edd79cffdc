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

export function blockedTrains(trains: readonly TrainGates[]): BlockedTrain[] {
  return trains.filter((t) => t.blocked).map((t) => ({ train: t.train, trainName: t.trainName, reasons: t.blockedReasons }));
}

/** The blocked train a rollout rolls to, or null (unknown rollout, or its train passed every gate it reached). */
export function blockedTrainOfRollout(states: readonly FleetState[], region: string, rolloutId: string): BlockedTrain | null {
  const state = states.find((s) => s.region.id === region);
  const rollout = state?.rollouts.find((r) => r.id === rolloutId);
  if (!state || !rollout) return null;
  const train = state.componentVersions.find((v) => v.component === rollout.component && v.version === rollout.toVersion)?.train;
  if (train === undefined) return null;
  return blockedTrains(allTrainGates(states)).find((b) => b.train === train) ?? null;
}
