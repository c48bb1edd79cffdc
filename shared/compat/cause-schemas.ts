import { z } from 'zod';
import { ActionRequest, Id } from '../protocol/index.ts';
import { RuleId } from './schemas.ts';

/**
 * Public shapes of root causes and remediation plans (zod, so the contract carries them unchanged).
 * The action inside a plan step is exactly what the action confirmation takes.
 */

export const CauseKind = z.enum(['component', 'schema', 'toggle']);
export type CauseKind = z.infer<typeof CauseKind>;

/** Which way the outlier is off: behind (older than its counterparts) or ahead of them. */
export const CauseDirection = z.enum(['behind', 'ahead']);
export type CauseDirection = z.infer<typeof CauseDirection>;

export const Cause = z.object({
  /** `component:eu-west:consent:199`, `schema:ca-central:imaging-meta-db:202`, `toggle:us-east:new-viewer`. */
  id: z.string(),
  kind: CauseKind,
  region: z.string(),
  component: z.string().nullable(),
  databaseGroup: z.string().nullable(),
  toggle: z.string().nullable(),
  /** The outlier's train (component train or schema train); null for a toggle. */
  train: z.number().int().nullable(),
  trainName: z.string().nullable(),
  /** Versions of `component` live at `train` in `region` (empty for schema and toggle causes). */
  versions: z.array(z.string()),
  direction: CauseDirection.nullable(),
  /** The largest gap, in trains, among its violations. */
  gap: z.number().int(),
  /** One line: "consent in eu-west is 2 trains behind its callers". */
  title: z.string(),
  /** The full sentence, naming the counterparts. */
  sentence: z.string(),
  rules: z.array(RuleId),
  violationIds: z.array(z.string()),
  /** Live instances (and their active users) the violations touch, each counted once. */
  instances: z.number().int(),
  activeUsers: z.number().int(),
  databases: z.number().int(),
});
export type Cause = z.infer<typeof Cause>;

export const CauseList = z.object({
  causes: z.array(Cause),
  /** Every current violation id → the one cause it belongs to. */
  causeOf: z.record(z.string(), z.string()),
  violations: z.number().int(),
  /** Over all violations, each instance counted once. */
  instances: z.number().int(),
  activeUsers: z.number().int(),
});
export type CauseList = z.infer<typeof CauseList>;

/** The escalation ladder, in the order the plan prefers it. */
export const LadderRung = z.enum(['toggle', 'rollout', 'code-rollback', 'schema-rollback']);
export type LadderRung = z.infer<typeof LadderRung>;

export const PlanDraft = z.object({ region: Id, action: ActionRequest }).strict();
export type PlanDraft = z.infer<typeof PlanDraft>;

export const PlanStep = z.object({
  /** 1-based position: step n is judged on the fleet after steps 1 … n−1. */
  index: z.number().int().min(1),
  draft: PlanDraft,
  rung: LadderRung,
  /** "Abort the rollout eu-west.search.2026.46 (search 6.18.2-r2 → 6.19.0-r1) in eu-west". */
  summary: z.string(),
  /** Live instances (and their users) the action moves or gates, judged after the previous steps. */
  instances: z.number().int(),
  activeUsers: z.number().int(),
  /** The what-if of this step on the fleet after the previous ones. */
  introduced: z.array(z.string()),
  resolved: z.array(z.string()),
  /** Violations left after this step (whole fleet). */
  remaining: z.number().int(),
  /** The causes whose violations this step resolves. */
  causeIds: z.array(z.string()),
  /** Prefilled into the confirmation's reason. */
  reason: z.string(),
});
export type PlanStep = z.infer<typeof PlanStep>;

export const UnfixableKind = z.enum(['needs-release', 'would-introduce', 'no-action']);
export type UnfixableKind = z.infer<typeof UnfixableKind>;

export const Unfixable = z.object({
  violationId: z.string(),
  causeId: z.string(),
  kind: UnfixableKind,
  /** "needs a release: consent in eu-west has no paused rollout to resume towards train 2026.46". */
  why: z.string(),
});
export type Unfixable = z.infer<typeof Unfixable>;

export const Plan = z.object({
  /** The cause the plan is for; null for the whole fleet. */
  cause: z.string().nullable(),
  /** Violations in scope before the plan. */
  violations: z.number().int(),
  steps: z.array(PlanStep),
  resolved: z.number().int(),
  /** True when the steps resolve every violation in scope. */
  complete: z.boolean(),
  unfixable: z.array(Unfixable),
  instances: z.number().int(),
  activeUsers: z.number().int(),
  /** How the search went, for people wondering why a plan is what it is. */
  search: z.object({ candidates: z.number().int(), evaluations: z.number().int(), beamWidth: z.number().int(), truncated: z.boolean() }),
});
export type Plan = z.infer<typeof Plan>;
