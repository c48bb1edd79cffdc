import type { FleetState } from '../../shared/protocol/index.ts';
import { regionSpecs, type RegionCount, type RegionSpec } from '../model/regions.ts';
import type { ScenarioName } from '../model/scenarios.ts';
import { buildTrains, type TrainPlan } from '../model/trains.ts';
import { buildVersionTable, type VersionTable } from '../model/versions.ts';
import { allocate } from './allocate.ts';
import { DEFAULT_SCALE, generateRegion, type RegionWorld } from './region.ts';

/** Simulated time starts here unless `startTime` is given (a Monday afternoon, UTC). */
export const DEFAULT_START_TIME = new Date('2026-11-23T15:00:00.000Z');
export const DEFAULT_SEED = 42;
export const MAX_SCALE = 200_000;

export interface GenerateFleetOptions {
  seed?: number;
  /** Total instances across all regions (default 12,000). */
  scale?: number;
  scenario?: ScenarioName;
  /** The simulated moment the fleet is generated at. */
  startTime?: Date;
  /** 4 regions (default) or 6. */
  regions?: RegionCount;
}

export interface GeneratedRegion {
  spec: RegionSpec;
  world: RegionWorld;
}

export interface GeneratedWorld {
  trains: TrainPlan;
  versions: VersionTable;
  regions: GeneratedRegion[];
}

export interface WorldOptions {
  seed: number;
  scale: number;
  scenario: ScenarioName;
  atMs: number;
  /** Revision each region's state starts at, by region id (0 when absent). */
  revisions?: ReadonlyMap<string, number>;
  regions?: RegionCount;
}

export function validateScale(scale: number, regions: RegionCount = 4): number {
  const min = regionSpecs(regions).length * 100;
  if (!Number.isInteger(scale) || scale < min || scale > MAX_SCALE) {
    throw new RangeError(`scale must be an integer between ${min} and ${MAX_SCALE}, got ${scale}`);
  }
  return scale;
}

export function generateWorld(o: WorldOptions): GeneratedWorld {
  const specs = regionSpecs(o.regions);
  const scale = validateScale(o.scale, o.regions);
  const trains = buildTrains(o.atMs);
  const versions = buildVersionTable(o.seed, trains);
  const perRegion = allocate(scale, specs.map((r) => r.share));
  const regions = specs.map((spec, i) => ({
    spec,
    world: generateRegion(
      { seed: o.seed, instances: perRegion[i] ?? 0, scale, scenario: o.scenario, atMs: o.atMs, revision: o.revisions?.get(spec.id) ?? 0, trains, versions },
      spec,
    ),
  }));
  return { trains, versions, regions };
}

/** The fleet state of every region at `startTime`, without a server. Pure and deterministic. */
export function generateFleet(opts: GenerateFleetOptions = {}): FleetState[] {
  const world = generateWorld({
    seed: opts.seed ?? DEFAULT_SEED,
    scale: opts.scale ?? DEFAULT_SCALE,
    scenario: opts.scenario ?? 'steady',
    atMs: (opts.startTime ?? DEFAULT_START_TIME).getTime(),
    regions: opts.regions,
  });
  return world.regions.map((r) => r.world.state);
}
