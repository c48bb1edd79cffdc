import { z } from 'zod';
import { BlockedTrain, GateVerdict, TrainGates } from '../trains/schemas.ts';
import { RolloutState } from '../protocol/index.ts';
import { call } from './define.ts';

export const TrainRolloutRow = z.object({
  region: z.string(),
  id: z.string(),
  component: z.string(),
  fromVersion: z.string(),
  toVersion: z.string(),
  state: RolloutState,
  /** Stage the rollout is at (1-based) out of `stages`. */
  stage: z.number().int().min(1),
  stages: z.number().int().min(1),
  startedAt: z.iso.datetime({ offset: true }),
});
export type TrainRolloutRow = z.infer<typeof TrainRolloutRow>;

export const TrainJudgementRow = z.object({
  region: z.string(),
  component: z.string(),
  rolloutId: z.string(),
  version: z.string(),
  verdict: z.enum(['pass', 'marginal', 'fail']).nullable(),
  problem: z.string().nullable(),
});
export type TrainJudgementRow = z.infer<typeof TrainJudgementRow>;

export const TrainRow = TrainGates.extend({
  date: z.iso.datetime({ offset: true }),
  /** Live instances of the train's versions per region (regions running none are absent). */
  runsIn: z.array(z.object({ region: z.string(), instances: z.number().int().min(0) })),
  rollouts: z.array(TrainRolloutRow),
  judgements: z.array(TrainJudgementRow),
  /** The stage after the last gate reported; null when every stage has reported. */
  nextStage: z.string().nullable(),
  /** `rcc gate` for the next stage; null when there is none. */
  gate: GateVerdict.nullable(),
});
export type TrainRow = z.infer<typeof TrainRow>;

export const TrainList = z.object({
  evaluatedAt: z.iso.datetime(),
  regions: z.array(z.string()),
  /** The pipeline's stages in order. */
  stages: z.array(z.string()),
  /** Newest first. */
  trains: z.array(TrainRow),
  /** Why canary judgements are missing from the verdicts, when they are. */
  judgementsProblem: z.string().nullable(),
});
export type TrainList = z.infer<typeof TrainList>;

export const trainCalls = {
  'trains.list': call({
    kind: 'query',
    summary: 'Every release train, newest first: gates per stage and region, where it runs, rollouts, canary judgements, blocked status and the gate verdict for its next stage',
    input: z.object({}).strict(),
    output: TrainList,
  }),
  'trains.gate': call({
    kind: 'query',
    summary: 'May this train go to this stage? Gates passed, the what-if of completing its rollouts, its canary judgements — each with its reason (as `rcc gate`)',
    input: z.object({ train: z.number().int().min(0), stage: z.string().min(1).max(200), regions: z.array(z.string().min(1)).min(1).optional() }).strict(),
    output: GateVerdict,
  }),
  'trains.blocked': call({
    kind: 'query',
    summary: 'Trains with a failed gate (blocked), to mark their versions wherever they appear',
    input: z.object({}).strict(),
    output: z.array(BlockedTrain),
  }),
};
