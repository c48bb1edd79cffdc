import { describe, expect, it } from 'vitest';
import { createDemoFleet, generateFleet } from '../../../demo-fleet/index.ts';
import { checkFleet } from './helpers/compat-checker.ts';
import { manualClock } from './helpers/manual-clock.ts';

const HOUR = 3_600_000;

describe('steady fleet honours the +1/−1 rules', () => {
  it.each([1, 42, 2026, 99_991])('at generation (seed %i)', (seed) => {
    expect(checkFleet(generateFleet({ seed }))).toEqual([]);
  });

  it('has rollouts in flight, migrations running ahead and backward, and mixed toggles', () => {
    const fleet = generateFleet({ seed: 42 });
    const rollouts = fleet.flatMap((s) => s.rollouts);
    expect(rollouts.filter((r) => r.state === 'progressing').length).toBeGreaterThan(5);
    expect(rollouts.some((r) => r.state === 'paused')).toBe(true);
    const dbs = fleet.flatMap((s) => s.databases);
    expect(dbs.some((d) => d.migration?.direction === 'forward')).toBe(true);
    expect(dbs.some((d) => d.migration?.direction === 'backward')).toBe(true);
    // Schema ahead of some instances: a database one train above a user's instances.
    const usEast = fleet[0];
    const upcoming = Math.max(...(usEast?.trains.map((t) => t.index) ?? []));
    expect(dbs.some((d) => d.schemaTrain === upcoming)).toBe(true);
    expect(new Set(fleet.flatMap((s) => s.toggles.map((t) => t.state)))).toEqual(new Set(['on', 'off', 'dormant']));
  });

  it('keeps honouring them while the simulation runs for twelve simulated hours', () => {
    const clock = manualClock();
    const fleet = createDemoFleet({ seed: 5, scale: 3_000, wallClock: clock.now, timeScale: 60, changesPerSecond: 5 });
    const snapshots = () => fleet.regionIds().map((id) => fleet.fleetState(id));
    for (let h = 1; h <= 12; h++) {
      clock.advance(HOUR / 60);
      const states = snapshots();
      expect(checkFleet(states), `after ${h} h`).toEqual([]);
    }
    const states = snapshots();
    expect(states.every((s) => s.revision > 500)).toBe(true);
    // Rollouts moved on: some completed during the run.
    expect(states.flatMap((s) => s.rollouts).some((r) => r.state === 'completed' && Date.parse(r.history.at(-1)?.at ?? '') > Date.parse('2026-11-23T15:00:00Z'))).toBe(true);
  });
});
