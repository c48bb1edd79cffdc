import { generateFleet } from '../../demo-fleet/index.ts';
import { generateWorld, DEFAULT_START_TIME } from '../../demo-fleet/generate/fleet.ts';
import { RegionSim } from '../../demo-fleet/sim/region-sim.ts';
import { medianMs, type Benchmark } from './harness.ts';

/** Budgets from the demo-fleet brief: 100k instances generated well under ~2 s; 1,000+ changes/s per region. */
export const benchmarks: Benchmark[] = [
  {
    name: 'demo fleet: generate 100,000 instances',
    run() {
      let json = '';
      const gen = medianMs(() => generateFleet({ scale: 100_000 }), 3, 1);
      const fleet = generateFleet({ scale: 100_000 });
      const stringify = medianMs(() => (json = JSON.stringify(fleet)), 3, 1);
      const budget = 2_000;
      return {
        pass: gen <= budget,
        summary: `${gen.toFixed(0)} ms (budget <= ${budget} ms); JSON.stringify of the result ${stringify.toFixed(0)} ms for ${(json.length / 1e6).toFixed(1)} MB`,
      };
    },
  },
  {
    name: 'demo fleet: simulated changes per second (us-east, default scale)',
    run() {
      const at = DEFAULT_START_TIME.getTime();
      const world = generateWorld({ seed: 42, scale: 12_000, scenario: 'steady', atMs: at });
      const region = world.regions[0];
      if (!region) throw new Error('no region');
      const sim = new RegionSim(region.spec, region.world, world.trains, { seed: 42, stepMs: 1, bufferSize: 5_000 }, at);
      let t = at;
      const steps = 20_000;
      const ms = medianMs(() => sim.advanceTo((t += steps)), 5, 1);
      const perSecond = (steps / ms) * 1000;
      const budget = 1_000;
      return { pass: perSecond >= budget * 10, summary: `${Math.round(perSecond)} steps/s (need >= ${budget * 10}: 10x headroom over ${budget}/s)` };
    },
  },
];
