/**
 * The demo fleet: a multi-region simulator serving the native regional protocol
 * (docs/protocol.md). `createDemoFleet` runs it on a loopback port; `generateFleet` returns the
 * generated state without a server.
 */
export { createDemoFleet } from './demo-fleet.ts';
export type { DemoFleet, DemoRegionEndpoint, StartOptions, StartedDemoFleet } from './demo-fleet.ts';
export type { DemoFleetOptions } from './options.ts';
export { generateFleet, DEFAULT_SEED, DEFAULT_START_TIME, MAX_SCALE } from './generate/fleet.ts';
export type { GenerateFleetOptions } from './generate/fleet.ts';
export { DEFAULT_SCALE } from './generate/region.ts';
export { SCENARIOS, SCENARIO_NAMES, ScenarioName } from './model/scenarios.ts';
export type { ScenarioSpec } from './model/scenarios.ts';
export { NO_FAULTS, RegionFaults, RegionFaultsPatch } from './model/faults.ts';
export { REGION_SPECS } from './model/regions.ts';
export type { RegionSpec } from './model/regions.ts';
