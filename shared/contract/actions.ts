import { z } from 'zod';
import { WhatIfResult } from '../compat/schemas.ts';
import { ActionRequest, Id } from '../protocol/index.ts';
import { BlockedTrain } from '../trains/schemas.ts';
import { call, event } from './define.ts';

/** An action as the console proposes it: one protocol request in one region. */
export const ActionDraft = z.object({ region: Id, action: ActionRequest }).strict();
export type ActionDraft = z.infer<typeof ActionDraft>;

/** What policy asks of one action in one region (policy.json; see README "Actions and policy"). */
export const ActionPolicy = z.object({
  ticketRequired: z.boolean(),
  /** A regular expression the ticket must match, when set. */
  ticketPattern: z.string().nullable(),
  /** The text to type to confirm (the target's name), or null when no typed confirmation is needed. */
  typedConfirmation: z.string().nullable(),
  cooldownSeconds: z.number().int().min(0),
  breakGlassAllowed: z.boolean(),
});
export type ActionPolicy = z.infer<typeof ActionPolicy>;

export const TargetKind = z.enum(['toggle', 'rollout', 'component', 'database-group']);

/** Where the action lands and whom it touches, judged on the console's current fleet state. */
export const ActionImpact = z.object({
  /** One sentence: "Turn off toggle new-viewer in eu-west (production)". */
  summary: z.string(),
  targetKind: TargetKind,
  target: z.string(),
  instances: z.number().int().min(0),
  activeUsers: z.number().int().min(0),
  before: z.json(),
  after: z.json(),
});
export type ActionImpact = z.infer<typeof ActionImpact>;

export const ActionPreview = z.object({
  draft: ActionDraft,
  impact: ActionImpact,
  whatIf: WhatIfResult,
  /** The action would introduce violations, or resumes a rollout of a blocked train: it runs only with an override justification. */
  blocked: z.boolean(),
  /** `rollout.resume` of a rollout whose train has a failed gate: the train and why it is blocked. */
  blockedTrain: BlockedTrain.nullable().default(null),
  policy: ActionPolicy,
  /** Seconds until the cooldown on this target ends (0 when none); break-glass may skip it. */
  cooldownRemainingSeconds: z.number().int().min(0),
  /** Why the action cannot run at all right now (read-only snapshot, audit store unavailable, region has no data). */
  unavailable: z.string().nullable(),
});
export type ActionPreview = z.infer<typeof ActionPreview>;

export const RunActionInput = ActionDraft.extend({
  /** Client-generated, one per confirmation dialog: a double submit of the same dialog runs once. */
  requestId: z.uuid(),
  reason: z.string().trim().min(5, 'give a reason of a few words').max(2_000),
  ticket: z.string().trim().max(100).optional(),
  typedConfirmation: z.string().max(200).optional(),
  /** Required when the what-if introduces violations; recorded in the audit trail. */
  override: z.object({ justification: z.string().trim().min(10, 'justify the override in a sentence').max(2_000) }).strict().optional(),
  /** Skips ticket and cooldown where policy allows; marked in the audit trail and the UI. */
  breakGlass: z.boolean().optional(),
}).strict();
export type RunActionInput = z.infer<typeof RunActionInput>;

export const ActionOutcomeKind = z.enum(['succeeded', 'failed', 'unknown']);
export type ActionOutcomeKind = z.infer<typeof ActionOutcomeKind>;

export const ActionOutcome = z.object({
  requestId: z.uuid(),
  idempotencyKey: z.string(),
  intentSeq: z.number().int().min(1),
  /** Null while the outcome is unknown and awaits reconciliation. */
  outcomeSeq: z.number().int().min(1).nullable(),
  outcome: ActionOutcomeKind,
  message: z.string(),
  /** Change-stream revision that carries the effect, when the endpoint reported it. */
  revision: z.number().int().nullable(),
});
export type ActionOutcome = z.infer<typeof ActionOutcome>;

export const actionCalls = {
  'actions.preview': call({
    kind: 'query',
    summary: 'What an action would change, whom it touches, its what-if verdict and what policy asks',
    input: ActionDraft,
    output: ActionPreview,
  }),
  'actions.run': call({
    kind: 'action',
    summary: 'Run an action: audit intent, send with an idempotency key, audit the outcome',
    input: RunActionInput,
    output: ActionOutcome,
  }),
};

export const actionEvents = {
  'actions.outcome': event({ summary: 'An action (or a reconciled earlier one) has an outcome', payload: ActionOutcome.extend({ region: z.string() }) }),
};
