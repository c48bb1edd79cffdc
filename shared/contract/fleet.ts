import { z } from 'zod';
import { RegionSummary } from '../fleet/summary.ts';
import { ComponentTier } from '../protocol/index.ts';
import { call, event } from './define.ts';

export const fleetCalls = {
  'fleet.summary': call({
    kind: 'query',
    summary: 'Per-region counts for the overview: instances, versions, rollouts in flight, toggles',
    input: z.object({}),
    output: z.array(RegionSummary.extend({ violations: z.number().int() })),
  }),
  'fleet.components': call({
    kind: 'query',
    summary: 'Every component defined in any region, ordered by tier and name',
    input: z.object({}),
    output: z.array(z.object({ id: z.string(), name: z.string(), tier: ComponentTier })),
  }),
};

export const fleetEvents = {
  'fleet.changed': event({
    summary: 'Fleet data of some regions changed (coalesced, at most a few per second)',
    payload: z.object({ regionIds: z.array(z.string()), at: z.iso.datetime() }),
  }),
};
