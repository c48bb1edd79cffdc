import { z } from 'zod';

/** One region's report of one stage gate of one train. */
export const StageGateCell = z.object({
  region: z.string(),
  testsRun: z.number().int().min(0),
  testsPassed: z.number().int().min(0),
  testsFailed: z.number().int().min(0),
  at: z.iso.datetime({ offset: true }),
});
export type StageGateCell = z.infer<typeof StageGateCell>;

/**
 * passed: reported, no failed test in any region; failed: some region reports a failed test;
 * pending: no region has reported it yet.
 */
export const StageStatus = z.enum(['passed', 'failed', 'pending']);
export type StageStatus = z.infer<typeof StageStatus>;

export const TrainStage = z.object({
  stage: z.string(),
  status: StageStatus,
  /** When the gate passed (the latest report among regions); null unless passed. */
  passedAt: z.iso.datetime({ offset: true }).nullable(),
  testsRun: z.number().int().min(0),
  testsFailed: z.number().int().min(0),
  /** Per region, in the order regions are listed; regions that did not report it are absent. */
  regions: z.array(StageGateCell),
});
export type TrainStage = z.infer<typeof TrainStage>;

/** A train's gates in stage order, and whether a failed gate blocks it. */
export const TrainGates = z.object({
  train: z.number().int(),
  trainName: z.string(),
  stages: z.array(TrainStage),
  blocked: z.boolean(),
  /** One sentence per failed gate, e.g. `pre-production gate failed: 3 of 120 tests (us-east, eu-west)`. */
  blockedReasons: z.array(z.string()),
});
export type TrainGates = z.infer<typeof TrainGates>;

export const GateCheckKind = z.enum(['gates', 'what-if', 'canary']);
export type GateCheckKind = z.infer<typeof GateCheckKind>;
/** skipped: the check had nothing to go on (e.g. no canary judgements given); it does not stop the train. */
export const GateCheckOutcome = z.enum(['pass', 'fail', 'skipped']);
export type GateCheckOutcome = z.infer<typeof GateCheckOutcome>;

export const GateCheck = z.object({
  check: GateCheckKind,
  outcome: GateCheckOutcome,
  /** The reason in one sentence. */
  sentence: z.string(),
  /** What backs it up: failed gates, introduced violations, failing canaries. */
  details: z.array(z.string()),
});
export type GateCheck = z.infer<typeof GateCheck>;

/** "May this train go to stage S?" — go only when no check fails. */
export const GateVerdict = z.object({
  train: z.number().int(),
  trainName: z.string(),
  stage: z.string(),
  go: z.boolean(),
  regions: z.array(z.string()),
  checks: z.array(GateCheck),
});
export type GateVerdict = z.infer<typeof GateVerdict>;

/** A train and a minimal summary of why it is blocked, for marking its versions wherever they appear. */
export const BlockedTrain = z.object({
  train: z.number().int(),
  trainName: z.string(),
  reasons: z.array(z.string()),
  /** The train's component versions, to mark them where only versions are shown (rollouts). */
  versions: z.array(z.object({ component: z.string(), version: z.string() })),
});
export type BlockedTrain = z.infer<typeof BlockedTrain>;
