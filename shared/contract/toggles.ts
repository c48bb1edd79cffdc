import { z } from 'zod';
import { Toggle } from '../protocol/index.ts';
import { call } from './define.ts';

/** One region's toggles, as its current fleet state has them. */
export const RegionToggles = z.object({
  region: z.object({ id: z.string(), name: z.string() }),
  /** Where the region's toggles live: its endpoint, or an Unleash (regions.json `"toggles"`). */
  source: z.enum(['native', 'unleash']),
  /** Why the last listing from the source failed (the list shown is then the last good one). */
  problem: z.string().nullable(),
  /** The fleet-state revision the list reflects. */
  revision: z.number().int(),
  toggles: z.array(Toggle),
});
export type RegionToggles = z.infer<typeof RegionToggles>;

/** One change of a flag: from the source's own log (Unleash) or from the console's audit trail. */
export const ToggleHistoryEntry = z.object({
  at: z.iso.datetime({ offset: true }),
  origin: z.enum(['source', 'console']),
  actor: z.string(),
  summary: z.string(),
});
export type ToggleHistoryEntry = z.infer<typeof ToggleHistoryEntry>;

export const toggleCalls = {
  'toggles.history': call({
    kind: 'query',
    summary: "A flag's recent changes: the source's own event log (Unleash) next to the console's audit entries, newest first",
    input: z.object({ region: z.string().min(1), key: z.string().min(1), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.object({ entries: z.array(ToggleHistoryEntry), problem: z.string().nullable() }),
  }),
  'toggles.list': call({
    kind: 'query',
    summary: 'Every region\'s toggles (key, description, environment, state, minimum version) from its fleet state',
    input: z.object({}),
    output: z.array(RegionToggles),
  }),
};
