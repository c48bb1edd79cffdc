import { describe, expect, it } from 'vitest';
import { ChangeEvent, FleetState } from '../../../shared/protocol/index.ts';
import { RegionModel } from '../../../demo-fleet/sim/region-model.ts';
import { regionSim, T0 } from './helpers/region-sim.ts';

const MINUTE = 60_000;

describe('RegionSim change stream', () => {
  it('emits schema-valid events whose revisions increase by exactly one', () => {
    const sim = regionSim('eu-west');
    const events: ChangeEvent[] = [];
    sim.onEvents((batch) => events.push(...batch.map((b) => b.event)));
    sim.advanceTo(T0 + 30 * MINUTE);
    expect(events.length).toBeGreaterThan(1_800);
    events.forEach((e, i) => {
      expect(ChangeEvent.safeParse(e).success).toBe(true);
      expect(e.revision).toBe(i + 1);
    });
    const types = new Set(events.map((e) => e.type));
    for (const type of ['instance.upsert', 'instance.remove', 'database.upsert', 'rollout.upsert', 'stageGate.upsert', 'componentVersion.upsert']) {
      expect(types).toContain(type);
    }
  });

  it('folding the stream over an earlier snapshot reproduces the later snapshot', () => {
    const sim = regionSim('ca-central');
    sim.advanceTo(T0 + 10 * MINUTE);
    const start = sim.snapshot(T0 + 10 * MINUTE);
    const client = new RegionModel(structuredClone(start));
    sim.onEvents((batch) => batch.forEach((b) => client.apply(structuredClone(b.event))));
    sim.advanceTo(T0 + 3 * 60 * MINUTE);
    const at = new Date(T0).toISOString();
    expect(JSON.stringify(client.snapshot(at))).toBe(JSON.stringify(sim.snapshot(T0)));
    expect(FleetState.safeParse(sim.snapshot(T0)).success).toBe(true);
  });

  it('is deterministic: same seed and simulated time, same state', () => {
    const a = regionSim('us-east');
    const b = regionSim('us-east');
    a.advanceTo(T0 + 20 * MINUTE);
    b.advanceTo(T0 + 5 * MINUTE);
    b.advanceTo(T0 + 20 * MINUTE);
    expect(JSON.stringify(a.snapshot(T0))).toBe(JSON.stringify(b.snapshot(T0)));
  });

  it('moves rollouts through their stages over simulated time', () => {
    const sim = regionSim('ap-southeast');
    const stages = () => new Map([...sim.model.rollouts.values()].map((r) => [r.id, `${r.state}:${r.currentStage}`]));
    const before = stages();
    sim.advanceTo(T0 + 6 * 60 * MINUTE);
    const after = stages();
    const moved = [...after].filter(([id, s]) => before.get(id) !== s);
    expect(moved.length).toBeGreaterThan(3);
    expect([...sim.model.rollouts.values()].some((r) => r.history.some((h) => h.event === 'stage waves started' && Date.parse(h.at) > T0))).toBe(true);
  });

  it('keeps a share of instances starting and draining once running', () => {
    const sim = regionSim('us-east');
    sim.advanceTo(T0 + 4 * 60 * MINUTE);
    expect(sim.model.instances.starting.size).toBeGreaterThan(0);
    expect(sim.model.instances.ending.size).toBeGreaterThan(0);
    expect(sim.model.instances.size).toBeGreaterThan(1_000);
  });
});
