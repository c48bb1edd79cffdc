import { z } from 'zod';
import { Id, IsoTime, TrainIndex, ToggleState } from './fleet.ts';

/** Every action is POSTed with an `Idempotency-Key` header (8–128 chars). */
export const ActionRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rollout.pause'), rolloutId: Id }),
  z.object({ type: z.literal('rollout.resume'), rolloutId: Id }),
  z.object({ type: z.literal('rollout.abort'), rolloutId: Id }),
  z.object({ type: z.literal('component.rollback'), component: Id, toTrain: TrainIndex }),
  z.object({ type: z.literal('schema.rollback'), databaseGroup: Id, toTrain: TrainIndex }),
  z.object({ type: z.literal('toggle.set'), key: Id, state: ToggleState }),
]);
export type ActionRequest = z.infer<typeof ActionRequest>;
export type ActionType = ActionRequest['type'];

export const ActionStatus = z.enum(['succeeded', 'failed']);
export const ActionResult = z.object({
  key: z.string().min(8).max(128),
  request: ActionRequest,
  status: ActionStatus,
  message: z.string(),
  acceptedAt: IsoTime,
  /** Revision of the change event that carries the action's effect, when it succeeded. */
  revision: z.number().int().nullable(),
});
export type ActionResult = z.infer<typeof ActionResult>;

export const ProtocolError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ProtocolError = z.infer<typeof ProtocolError>;
