import type { CanaryJudgement, Handlers, TrainList, TrainRow } from '../../shared/contract/index.ts';
import {
  allTrainGates,
  blockedTrains,
  gateVerdict,
  instancesByTrain,
  rolloutsWithTrains,
  stageOrder,
  trainsOf,
  type GateJudgement,
  type TrainRollout,
} from '../../shared/trains/index.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { CompatService } from './compat-service.ts';

type TrainHandlers = Pick<Handlers, 'trains.list' | 'trains.gate' | 'trains.blocked'>;

/** Where canary judgements come from (the telemetry service); throwing means "none to be had". */
export type JudgementSource = () => Promise<CanaryJudgement[]>;

interface Judgements {
  list: CanaryJudgement[] | null;
  problem: string | null;
}

async function judgementsOf(source: JudgementSource | null): Promise<Judgements> {
  if (!source) return { list: null, problem: 'no telemetry source: canary judgements are not checked' };
  try {
    return { list: await source(), problem: null };
  } catch (error) {
    return { list: null, problem: `canary judgements unavailable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** `trains.*` on the console's live fleet: the same rules as `rcc gate` (`shared/trains`). */
export function trainHandlers(compat: CompatService, judgements: JudgementSource | null): TrainHandlers {
  return {
    'trains.list': async () => {
      const judged = await judgementsOf(judgements);
      return listTrains(compat, judged);
    },
    'trains.gate': async ({ train, stage, regions }) => {
      const judged = await judgementsOf(judgements);
      const answer = gateVerdict(compat.states(), compat.view(), { train, stage, regions, judgements: judged.list });
      if (!answer.ok) throw new ConsoleError('not-found', answer.problem);
      return answer.verdict;
    },
    'trains.blocked': async () => {
      const states = compat.states();
      return blockedTrains(allTrainGates(states), states);
    },
  };
}

function listTrains(compat: CompatService, judged: Judgements): TrainList {
  const states = compat.states();
  const view = compat.view();
  const order = stageOrder(states);
  const gates = allTrainGates(states);
  const dates = new Map(trainsOf(states).map((t) => [t.index, t.date]));
  const where = instancesByTrain(view, states);
  const rollouts = rolloutsWithTrains(states);
  const regions = view.regionIds();
  const rows = gates.map((g): TrainRow => {
    // The stage after the last one reported (a failed gate counts as reported: the train stopped there).
    const lastReported = g.stages.findLastIndex((s) => s.status !== 'pending');
    const nextStage = g.stages[lastReported + 1]?.stage ?? null;
    const answer = nextStage === null ? null : gateVerdict(states, view, { train: g.train, stage: nextStage, judgements: judged.list }, { order, trains: gates });
    return {
      ...g,
      date: dates.get(g.train) ?? view.now,
      runsIn: [...(where.get(g.train) ?? new Map<string, number>())].filter(([, n]) => n > 0).map(([region, instances]) => ({ region, instances })),
      rollouts: rollouts.filter((r) => r.toTrain === g.train).map(rolloutRow),
      judgements: (judged.list ?? []).filter((j) => j.canary.train === g.train).map(judgementRow),
      nextStage,
      gate: answer?.ok ? answer.verdict : null,
    };
  });
  return { evaluatedAt: view.now, regions, stages: order, trains: rows, judgementsProblem: judged.problem };
}

function rolloutRow({ region, rollout }: TrainRollout): TrainRow['rollouts'][number] {
  return {
    region,
    id: rollout.id,
    component: rollout.component,
    fromVersion: rollout.fromVersion,
    toVersion: rollout.toVersion,
    state: rollout.state,
    stage: Math.min(rollout.currentStage + 1, rollout.stages.length),
    stages: rollout.stages.length,
    startedAt: rollout.startedAt,
  };
}

function judgementRow(j: GateJudgement & { problem: string | null }): TrainRow['judgements'][number] {
  return { region: j.region, component: j.component, rolloutId: j.rolloutId, version: j.canary.version, verdict: j.verdict, problem: j.problem };
}

