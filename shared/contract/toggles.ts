import { z } from 'zod';
import { Toggle } from '../protocol/index.ts';
import { call } from './define.ts';

/** One region's toggles, as its current fleet state has them. */
export const RegionToggles = z.object({
  region: z.object({ id: z.string(), name: z.string() }),
  /** The fleet-state revision the list reflects. */
  revision: z.number().int(),
  toggles: z.array(Toggle),
});
export type RegionToggles = z.infer<typeof RegionToggles>;

export const toggleCalls = {
  'toggles.list': call({
    kind: 'query',
    summary: 'Every region\'s toggles (key, description, environment, state, minimum version) from its fleet state',
    input: z.object({}),
    output: z.array(RegionToggles),
  }),
};
