import type { RegionMetrics } from '../metrics/region-metrics.ts';
import type { RegionFaults, RegionFaultsPatch } from '../model/faults.ts';
import type { Prng } from '../model/prng.ts';
import type { RegionSpec } from '../model/regions.ts';
import type { ScenarioName } from '../model/scenarios.ts';
import type { SimClock } from '../sim/clock.ts';
import type { RegionSim } from '../sim/region-sim.ts';
import type { StreamConnection } from './change-stream.ts';
import type { IdempotencyStore } from './idempotency.ts';

/** Everything the HTTP layer needs about one region. */
export interface RegionRuntime {
  spec: RegionSpec;
  token: string;
  sim: RegionSim;
  metrics: RegionMetrics;
  faults: RegionFaults;
  /** Decides which requests the `errorRate` fault fails. */
  errorRng: Prng;
  idempotency: IdempotencyStore;
  /** How many times each idempotency key's action was applied (a test counts "exactly once" here). */
  appliedActions: Map<string, number>;
  streams: Set<StreamConnection>;
}

/** The fleet as the HTTP layer sees it. */
export interface FleetRuntime {
  readonly seed: number;
  readonly clock: SimClock;
  readonly controlToken: string;
  readonly heartbeatMs: number;
  region(id: string): RegionRuntime | undefined;
  regions(): RegionRuntime[];
  /** Advances the region to the current simulated time; returns that time. */
  sync(region: RegionRuntime): number;
  setFaults(regionId: string, patch: RegionFaultsPatch, reset?: boolean): RegionFaults;
  setScenario(name: ScenarioName): void;
  scenario(): ScenarioName;
  /** Seed for one stream connection's fault decisions. */
  nextStreamSeed(): number;
}
