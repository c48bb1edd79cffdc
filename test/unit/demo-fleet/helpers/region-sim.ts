import { generateWorld } from '../../../../demo-fleet/generate/fleet.ts';
import type { ScenarioName } from '../../../../demo-fleet/model/scenarios.ts';
import { RegionSim } from '../../../../demo-fleet/sim/region-sim.ts';

export const T0 = Date.parse('2026-11-23T15:00:00Z');

/** One region's simulator, one step per simulated second. */
export function regionSim(regionId: string, scenario: ScenarioName = 'steady', bufferSize = 5_000, seed = 42): RegionSim {
  const world = generateWorld({ seed, scale: 3_000, scenario, atMs: T0 });
  const region = world.regions.find((r) => r.spec.id === regionId);
  if (!region) throw new Error(`no region ${regionId}`);
  return new RegionSim(region.spec, region.world, world.trains, { seed, stepMs: 1_000, bufferSize }, T0);
}
