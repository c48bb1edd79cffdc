import { randomBytes } from 'node:crypto';
import { DEFAULT_SEED, DEFAULT_START_TIME, validateScale, type GenerateFleetOptions } from './generate/fleet.ts';
import { DEFAULT_SCALE } from './generate/region.ts';
import { REGION_COUNTS, regionSpecs, type RegionCount } from './model/regions.ts';
import { ScenarioName } from './model/scenarios.ts';

export interface DemoFleetOptions extends GenerateFleetOptions {
  /** Simulated seconds per real second (default 1). */
  timeScale?: number;
  /** Simulation steps per region per real second; each emits one or two change events (default 10). */
  changesPerSecond?: number;
  /** Wall clock in epoch ms (default `Date.now`); inject one to make simulated time deterministic. */
  wallClock?: () => number;
  /** Change events kept per region for resuming streams (default 5,000). */
  replayBufferSize?: number;
  /** Interval of the `: ping` comment on change streams (default 10,000 ms). */
  heartbeatMs?: number;
  /** How often the tick loop advances the regions once started (default 100 ms). */
  tickMs?: number;
  /** Bearer token per region id (random when absent). */
  tokens?: Readonly<Record<string, string>>;
  /** Bearer token of /control/* (random when absent). */
  controlToken?: string;
}

export interface ResolvedOptions {
  regions: RegionCount;
  seed: number;
  scale: number;
  scenario: ScenarioName;
  startMs: number;
  timeScale: number;
  changesPerSecond: number;
  wallClock: () => number;
  replayBufferSize: number;
  heartbeatMs: number;
  tickMs: number;
  tokens: ReadonlyMap<string, string>;
  controlToken: string;
}

function positive(name: string, value: number, max: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new RangeError(`${name} must be a number in (0, ${max}], got ${value}`);
  return value;
}

function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

export function resolveOptions(o: DemoFleetOptions): ResolvedOptions {
  const seed = o.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const start = o.startTime ?? DEFAULT_START_TIME;
  if (Number.isNaN(start.getTime())) throw new RangeError('startTime is not a valid date');
  const regions = o.regions ?? 4;
  if (!REGION_COUNTS.includes(regions)) throw new RangeError(`regions must be one of ${REGION_COUNTS.join(', ')}, got ${String(regions)}`);
  return {
    seed,
    regions,
    scale: validateScale(o.scale ?? DEFAULT_SCALE, regions),
    scenario: ScenarioName.parse(o.scenario ?? 'steady'),
    startMs: start.getTime(),
    timeScale: positive('timeScale', o.timeScale ?? 1, 1_000_000),
    changesPerSecond: positive('changesPerSecond', o.changesPerSecond ?? 10, 100_000),
    wallClock: o.wallClock ?? Date.now,
    replayBufferSize: Math.round(positive('replayBufferSize', o.replayBufferSize ?? 5_000, 10_000_000)),
    heartbeatMs: positive('heartbeatMs', o.heartbeatMs ?? 10_000, 3_600_000),
    tickMs: positive('tickMs', o.tickMs ?? 100, 60_000),
    tokens: new Map(regionSpecs(regions).map((r) => [r.id, o.tokens?.[r.id] ?? randomToken()])),
    controlToken: o.controlToken ?? randomToken(),
  };
}
