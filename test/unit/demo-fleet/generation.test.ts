import { describe, expect, it } from 'vitest';
import { FleetState } from '../../../shared/protocol/index.ts';
import { DEFAULT_SCALE, generateFleet, REGION_SPECS, SCENARIO_NAMES } from '../../../demo-fleet/index.ts';

describe('generateFleet', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = JSON.stringify(generateFleet({ seed: 7 }));
    const b = JSON.stringify(generateFleet({ seed: 7 }));
    const c = JSON.stringify(generateFleet({ seed: 8 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('produces the default fleet: four regions with their own time zones, ≥ 10,000 instances, a large us-east', () => {
    const fleet = generateFleet();
    expect(fleet.map((s) => s.region.id)).toEqual(REGION_SPECS.map((r) => r.id));
    expect(new Set(fleet.map((s) => s.region.timezone)).size).toBe(fleet.length);
    const instances = fleet.reduce((n, s) => n + s.instances.length, 0);
    expect(instances).toBe(DEFAULT_SCALE);
    expect(instances).toBeGreaterThanOrEqual(10_000);
    const usEast = fleet.find((s) => s.region.id === 'us-east');
    expect(usEast?.databases.length).toBeGreaterThanOrEqual(3_000);
    for (const s of fleet) {
      expect(s.components.length).toBeGreaterThanOrEqual(30);
      expect(s.components.length).toBeLessThanOrEqual(60);
      expect(s.trains.length).toBeGreaterThanOrEqual(12);
      expect(s.revision).toBe(0);
    }
  });

  it('keeps a year of weekly trains, cut on Mondays at 10:00 UTC; most passed every gate, a few stopped at a failed one', () => {
    const [state] = generateFleet({ seed: 5, scale: 2_000 });
    const trains = state?.trains ?? [];
    expect(trains).toHaveLength(52);
    for (let i = 1; i < trains.length; i++) {
      expect(trains[i]?.index).toBe((trains[i - 1]?.index ?? 0) + 1);
      expect(Date.parse(trains[i]?.date ?? '') - Date.parse(trains[i - 1]?.date ?? '')).toBe(7 * 86_400_000);
    }
    expect(new Date(trains[0]?.date ?? '').getUTCDay()).toBe(1);
    expect(new Date(trains[0]?.date ?? '').getUTCHours()).toBe(10);
    const gates = state?.stageGates ?? [];
    const failedTrains = new Set(gates.filter((g) => g.testsFailed > 0).map((g) => g.train));
    const newest = trains[trains.length - 1]?.index ?? 0;
    // The live trains (upcoming, current, previous and the one before it) are clean in steady.
    expect([...failedTrains].filter((t) => t >= newest - 3)).toEqual([]);
    expect(failedTrains.size).toBeGreaterThan(0);
    expect(failedTrains.size).toBeLessThan(trains.length / 4);
    for (const t of failedTrains) {
      // A failed gate is the last one that train reported.
      const own = gates.filter((g) => g.train === t);
      expect(own[own.length - 1]?.testsFailed).toBeGreaterThan(0);
    }
  });

  it('generates exactly `scale` instances at 100,000', () => {
    const fleet = generateFleet({ scale: 100_000, seed: 3 });
    expect(fleet.reduce((n, s) => n + s.instances.length, 0)).toBe(100_000);
    const ids = new Set(fleet.flatMap((s) => s.instances.map((i) => i.id)));
    expect(ids.size).toBe(100_000);
  });

  it('rejects scales it cannot honour', () => {
    expect(() => generateFleet({ scale: 10 })).toThrow(RangeError);
    expect(() => generateFleet({ scale: 1_000_000 })).toThrow(RangeError);
    expect(() => generateFleet({ scale: 12_000.5 })).toThrow(RangeError);
  });

  it.each(SCENARIO_NAMES)('scenario %s passes FleetState.parse in every region', (scenario) => {
    for (const state of generateFleet({ scenario, seed: 11, scale: 2_000 })) {
      const parsed = FleetState.safeParse(state);
      expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
    }
  });

  it('has a realistic dependency graph: gateways call services that call stores, plus cross-region edges', () => {
    const [state] = generateFleet({ scale: 2_000 });
    if (!state) throw new Error('no region');
    const tier = new Map(state.components.map((c) => [c.id, c.tier]));
    const ids = new Set(state.components.map((c) => c.id));
    const local = state.dependencies.filter((d) => !d.crossRegion);
    for (const d of local) {
      expect(ids.has(d.from) && ids.has(d.to), `${d.from} → ${d.to}`).toBe(true);
    }
    expect(local.some((d) => tier.get(d.from) === 'ui' && tier.get(d.to) === 'gateway')).toBe(true);
    expect(local.some((d) => tier.get(d.from) === 'gateway' && tier.get(d.to) === 'service')).toBe(true);
    expect(local.some((d) => tier.get(d.from) === 'service' && tier.get(d.to) === 'store')).toBe(true);
    expect(new Set(state.dependencies.map((d) => d.kind))).toEqual(new Set(['http', 'queue', 'event-stream']));
    expect(state.dependencies.filter((d) => d.crossRegion).map((d) => `${d.from}→${d.to}`).sort()).toEqual([
      'replication-agent→document-store',
      'search-federation→search',
    ]);
  });

  it('names weekly trains by ISO week and numbers them consecutively', () => {
    const [state] = generateFleet({ startTime: new Date('2027-01-06T12:00:00Z'), scale: 2_000 });
    const trains = state?.trains ?? [];
    for (let i = 1; i < trains.length; i++) {
      const prev = trains[i - 1];
      const cur = trains[i];
      if (!prev || !cur) continue;
      expect(cur.index).toBe(prev.index + 1);
      expect(Date.parse(cur.date) - Date.parse(prev.date)).toBe(7 * 86_400_000);
    }
    expect(trains.at(-1)?.name).toBe('2027.01');
    expect(trains.at(-2)?.name).toBe('2026.53');
  });
});
