import type { CompatView, Violation } from '../compat/index.ts';
import type { FleetState } from '../protocol/index.ts';
import type { GateCheck, GateVerdict, TrainGates } from './schemas.ts';
import { allTrainGates, stageOrder } from './stages.ts';
import { inFlightRollouts, rolloutsWithTrains, type TrainRollout } from './train-rollouts.ts';

/** The part of a canary judgement (`telemetry.judgements`) the gate reads. */
export interface GateJudgement {
  region: string;
  component: string;
  rolloutId: string;
  canary: { version: string; train: number };
  verdict: 'pass' | 'marginal' | 'fail' | null;
}

export interface GateQuestion {
  train: number;
  stage: string;
  /** Regions the train would go to; default: every region of the view. */
  regions?: readonly string[];
  /** Canary judgements to check; null when none could be had (the check is then skipped, and says so). */
  judgements: readonly GateJudgement[] | null;
}

export type GateAnswer = { ok: true; verdict: GateVerdict } | { ok: false; problem: string };

/**
 * "May train N go to stage S?" Go only when (1) every gate before S passed and no gate of the train
 * failed, (2) completing the train's in-flight rollouts in the target regions introduces no
 * violation (the what-if, chained over every rollout), and (3) no canary judgement of the train is
 * `fail`. Each check gives its reason. An unknown train or stage is a problem, not a verdict.
 */
export function gateVerdict(states: readonly FleetState[], view: CompatView, question: GateQuestion, known?: { order: string[]; trains: TrainGates[] }): GateAnswer {
  const order = known?.order ?? stageOrder(states);
  const trains = known?.trains ?? allTrainGates(states);
  const gates = trains.find((t) => t.train === question.train);
  if (!gates) return { ok: false, problem: `train ${question.train} is not in the fleet (known: ${describeKnown(trains.map((t) => t.train))})` };
  const stageIndex = order.indexOf(question.stage);
  if (stageIndex < 0) return { ok: false, problem: `stage "${question.stage}" is not one of the pipeline's stages (${order.join(', ') || 'none reported'})` };
  const allRegions = view.regionIds();
  const regions = question.regions ?? allRegions;
  const unknown = regions.filter((r) => !allRegions.includes(r));
  if (unknown.length > 0) return { ok: false, problem: `region ${unknown.join(', ')} is not in the fleet (known: ${allRegions.join(', ')})` };
  const rollouts = inFlightRollouts(rolloutsWithTrains(states), question.train, new Set(regions));
  const checks = [
    gatesCheck(gates, question.stage, stageIndex),
    whatIfCheck(view, rollouts, gates.trainName, regions),
    canaryCheck(question.judgements, question.train, gates.trainName),
  ];
  return {
    ok: true,
    verdict: { train: gates.train, trainName: gates.trainName, stage: question.stage, go: checks.every((c) => c.outcome !== 'fail'), regions: [...regions], checks },
  };
}

function describeKnown(trains: readonly number[]): string {
  if (trains.length === 0) return 'none';
  return `${Math.min(...trains)}–${Math.max(...trains)}`;
}

export function gatesCheck(gates: TrainGates, stage: string, stageIndex: number): GateCheck {
  const before = gates.stages.slice(0, stageIndex);
  const pending = before.filter((s) => s.status === 'pending').map((s) => s.stage);
  const details = [...gates.blockedReasons, ...pending.map((s) => `${s} gate not passed yet`)];
  if (gates.blocked) {
    const n = gates.blockedReasons.length;
    return { check: 'gates', outcome: 'fail', sentence: `${gates.trainName} is blocked by ${n === 1 ? 'a failed gate' : `${n} failed gates`}: a single failure anywhere stops the release.`, details };
  }
  if (pending.length > 0) {
    return { check: 'gates', outcome: 'fail', sentence: `Not every gate before ${stage} has passed: ${pending.join(', ')} still to pass.`, details };
  }
  if (before.length === 0) return { check: 'gates', outcome: 'pass', sentence: `${stage} is the first stage: no gate before it, and no gate of ${gates.trainName} failed.`, details };
  const tests = before.reduce((n, s) => n + s.testsRun, 0);
  return {
    check: 'gates',
    outcome: 'pass',
    sentence: `Every gate before ${stage} passed with no failed test (${before.map((s) => s.stage).join(', ')}; ${tests.toLocaleString('en-US')} tests).`,
    details,
  };
}

export function whatIfCheck(view: CompatView, rollouts: readonly TrainRollout[], trainName: string, regions: readonly string[]): GateCheck {
  const where = regions.join(', ');
  if (rollouts.length === 0) {
    return { check: 'what-if', outcome: 'pass', sentence: `No rollout of ${trainName} is under way in ${where}: completing the train changes nothing.`, details: [] };
  }
  const before = new Set(view.verdict().violations.map((v) => v.id));
  let after = view;
  for (const { region, rollout } of rollouts) {
    const step = after.after({ region, action: { type: 'rollout.resume', rolloutId: rollout.id } });
    if (!step.ok) {
      const errors = step.errors.map((e) => `${e.region}: ${e.field}: ${e.message}`);
      return { check: 'what-if', outcome: 'fail', sentence: `The what-if of completing ${rollout.id} in ${region} could not be evaluated.`, details: errors };
    }
    after = step.view;
  }
  const introduced: Violation[] = after.verdict().violations.filter((v) => !before.has(v.id));
  const n = rollouts.length;
  const rolloutsText = `${n} rollout${n === 1 ? '' : 's'}`;
  if (introduced.length === 0) {
    return { check: 'what-if', outcome: 'pass', sentence: `Completing the ${rolloutsText} of ${trainName} in ${where} introduces no violation.`, details: [] };
  }
  return {
    check: 'what-if',
    outcome: 'fail',
    sentence: `Completing the ${rolloutsText} of ${trainName} in ${where} would introduce ${introduced.length} violation${introduced.length === 1 ? '' : 's'}.`,
    details: introduced.map((v) => v.sentence),
  };
}

export function canaryCheck(judgements: readonly GateJudgement[] | null, train: number, trainName: string): GateCheck {
  if (judgements === null) {
    return { check: 'canary', outcome: 'skipped', sentence: `No canary judgements were available for ${trainName}: not checked.`, details: [] };
  }
  const own = judgements.filter((j) => j.canary.train === train);
  const failing = own.filter((j) => j.verdict === 'fail');
  if (failing.length > 0) {
    return {
      check: 'canary',
      outcome: 'fail',
      sentence: `${failing.length} canary judgement${failing.length === 1 ? '' : 's'} of ${trainName} ${failing.length === 1 ? 'is' : 'are'} fail.`,
      details: failing.map((j) => `${j.region} ${j.component} ${j.canary.version} (${j.rolloutId}): fail`),
    };
  }
  if (own.length === 0) return { check: 'canary', outcome: 'pass', sentence: `No canary of ${trainName} is being judged: none is fail.`, details: [] };
  const judged = own.filter((j) => j.verdict !== null).length;
  return { check: 'canary', outcome: 'pass', sentence: `None of the ${own.length} canary judgements of ${trainName} is fail (${judged} judged).`, details: [] };
}
