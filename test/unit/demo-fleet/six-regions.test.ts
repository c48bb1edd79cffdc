import { describe, expect, it } from 'vitest';
import { createDemoFleet, generateFleet } from '../../../demo-fleet/index.ts';
import { evaluate } from '../../../shared/compat/index.ts';
import { FleetState } from '../../../shared/protocol/index.ts';

describe('demo fleet with six regions', () => {
  it('adds us-west and eu-north to the usual four, valid and compliant in steady', () => {
    const states = generateFleet({ regions: 6, scale: 30_000 });
    expect(states.map((s) => s.region.id)).toEqual(['us-east', 'eu-west', 'ca-central', 'ap-southeast', 'us-west', 'eu-north']);
    for (const state of states) expect(FleetState.safeParse(state).success).toBe(true);
    expect(states.reduce((n, s) => n + s.instances.length, 0)).toBe(30_000);
    expect(evaluate(states, { now: '2026-11-27T00:00:00Z' })).toMatchObject({ ok: true, violations: [] });
  });

  it('keeps four regions by default and refuses other counts', () => {
    expect(generateFleet().map((s) => s.region.id)).toHaveLength(4);
    expect(() => createDemoFleet({ regions: 5 as 4 })).toThrow(/regions must be one of 4, 6/);
  });
});
