import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../../demo-fleet/generate/fleet.ts';
import { FleetState } from '../../../shared/protocol/index.ts';

const START = new Date('2026-11-23T15:00:00.000Z');

describe("the demo fleet's release history", () => {
  const states = generateFleet({ scale: 800, startTime: START });

  it('is valid protocol, deterministic, and never in the future', () => {
    for (const s of states) {
      expect(FleetState.safeParse(s).success).toBe(true);
      for (const r of s.releases ?? []) {
        expect(Date.parse(r.productionAt)).toBeLessThanOrEqual(START.getTime());
        if (r.failure?.restoredAt) expect(Date.parse(r.failure.restoredAt)).toBeLessThanOrEqual(START.getTime());
      }
    }
    expect(generateFleet({ scale: 800, startTime: START }).map((s) => s.releases)).toEqual(states.map((s) => s.releases));
  });

  it('releases only trains that passed every gate, at most once per region, the previous train everywhere, after its last gate', () => {
    for (const s of states) {
      const trains = s.trains.map((t) => t.index).sort((a, b) => a - b);
      const current = trains[trains.length - 2]!;
      const previous = current - 1;
      const released = (s.releases ?? []).map((r) => r.train);
      expect(new Set(released).size).toBe(released.length);
      expect(released.every((t) => t < current)).toBe(true);
      expect(released).toContain(previous);
      for (const r of s.releases ?? []) {
        const gates = s.stageGates.filter((g) => g.train === r.train);
        expect(gates.map((g) => g.stage)).toContain('production');
        expect(gates.every((g) => g.testsFailed === 0)).toBe(true);
        const lastGate = Math.max(...s.stageGates.filter((g) => g.train === r.train).map((g) => Date.parse(g.at)));
        expect(Date.parse(r.productionAt)).toBeGreaterThan(lastGate);
      }
    }
  });

  it('skips trains in lagging regions and has a few failures somewhere, so every key has samples', () => {
    const all = states.flatMap((s) => s.releases ?? []);
    const olderTrains = new Set(states[0]!.trains.map((t) => t.index)).size - 2;
    expect(all.length).toBeLessThan(states.length * olderTrains);
    expect(all.some((r) => r.failure !== null && r.failure.restoredAt !== null)).toBe(true);
  });

  it('keeps the release history in the state the simulator serves', async () => {
    const { RegionModel } = await import('../../../demo-fleet/sim/region-model.ts');
    const model = new RegionModel(states[0]!);
    expect(model.snapshot(START.toISOString()).releases).toEqual(states[0]!.releases);
  });
});
