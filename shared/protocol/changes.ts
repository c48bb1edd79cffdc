import { z } from 'zod';
import { ComponentVersion, Database, Id, Instance, Rollout, StageGate, Toggle } from './fleet.ts';

/**
 * Change stream (SSE). Each event's SSE `id` equals `revision`; revisions increase by exactly 1.
 * A client resumes with `Last-Event-ID`; when the server can no longer replay from there it
 * sends one `reset` event and the client must refetch the fleet state.
 */
export const ChangeEvent = z.discriminatedUnion('type', [
  z.object({ revision: z.number().int(), type: z.literal('instance.upsert'), instance: Instance }),
  z.object({ revision: z.number().int(), type: z.literal('instance.remove'), id: Id }),
  z.object({ revision: z.number().int(), type: z.literal('database.upsert'), database: Database }),
  z.object({ revision: z.number().int(), type: z.literal('rollout.upsert'), rollout: Rollout }),
  z.object({ revision: z.number().int(), type: z.literal('toggle.upsert'), toggle: Toggle }),
  z.object({ revision: z.number().int(), type: z.literal('componentVersion.upsert'), componentVersion: ComponentVersion }),
  z.object({ revision: z.number().int(), type: z.literal('stageGate.upsert'), stageGate: StageGate }),
]);
export type ChangeEvent = z.infer<typeof ChangeEvent>;

export const StreamReset = z.object({
  type: z.literal('reset'),
  reason: z.string(),
  revision: z.number().int(),
});
export type StreamReset = z.infer<typeof StreamReset>;
