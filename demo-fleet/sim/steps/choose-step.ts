import type { ChangeDraft } from '../region-model.ts';
import type { Step, StepContext } from './context.ts';
import { drainOrFail, finishStart, replaceEnded } from './instance-steps.ts';
import { progressMigration, startMigration } from './migration-steps.ts';
import { pipelineStep } from './pipeline-steps.ts';
import { progressRollout, startRollout } from './rollout-steps.ts';

/**
 * Transitions out of `starting` / `draining` are weighted by how many instances wait in them
 * (like exponential lifetimes), so a steady share of the fleet is always mid-transition.
 */
function churnWeights(ctx: StepContext): Array<readonly [Step, number]> {
  const { instances } = ctx.model;
  return [
    [finishStart, Math.min(40, instances.starting.size * 0.4)],
    [replaceEnded, Math.min(40, instances.ending.size * 0.4)],
    [drainOrFail, 14],
  ];
}

const OTHER: ReadonlyArray<readonly [Step, number]> = [
  [progressRollout, 26],
  [progressMigration, 12],
  [startMigration, 4],
  [startRollout, 2],
  [pipelineStep, 2],
];

/** One simulation step: one small change (one or two events). */
export function runStep(ctx: StepContext): ChangeDraft[] {
  const churn = churnWeights(ctx);
  const drafts = ctx.rng.weighted([...churn, ...OTHER])(ctx);
  if (drafts.length > 0) return drafts;
  // Nothing to do for that kind right now: churn instances instead, in the same proportions.
  for (let attempt = 0; attempt < 3; attempt++) {
    const next = ctx.rng.weighted(churn)(ctx);
    if (next.length > 0) return next;
  }
  return [];
}
