import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { FleetState } from '../shared/protocol/index.ts';
import { generateWorld } from './generate/fleet.ts';
import { RegionMetrics } from './metrics/region-metrics.ts';
import { NO_FAULTS, RegionFaults, isDown, type RegionFaultsPatch } from './model/faults.ts';
import { Prng, seedFor } from './model/prng.ts';
import { SCENARIOS, ScenarioName, scenarioFaults } from './model/scenarios.ts';
import { resolveOptions, type DemoFleetOptions, type ResolvedOptions } from './options.ts';
import { IdempotencyStore } from './server/idempotency.ts';
import type { FleetRuntime, RegionRuntime } from './server/runtime.ts';
import { createFleetServer } from './server/server.ts';
import { createSimClock, type SimClock } from './sim/clock.ts';
import { RegionSim } from './sim/region-sim.ts';

export interface StartOptions {
  host?: string;
  /** 0 (default): any free port. */
  port?: number;
}

export interface DemoRegionEndpoint {
  id: string;
  name: string;
  baseUrl: string;
  token: string;
}

export interface StartedDemoFleet {
  url: string;
  regions: DemoRegionEndpoint[];
  /** Bearer token for POST /control/faults and /control/scenario. */
  controlToken: string;
}

export interface DemoFleet {
  start(opts?: StartOptions): Promise<StartedDemoFleet>;
  stop(): Promise<void>;
  /** Merges `faults` into the region's faults (after clearing them when `reset`); returns the result. */
  setFaults(regionId: string, faults: RegionFaultsPatch, reset?: boolean): RegionFaults;
  faults(regionId: string): RegionFaults;
  /** Switches scenario: faults reset to the scenario's; a state-changing switch regenerates the fleet and resets streams. */
  setScenario(name: ScenarioName): void;
  scenario(): ScenarioName;
  /** The region's state at the current simulated time. */
  fleetState(regionId: string): FleetState;
  regionIds(): string[];
  /** Runs every simulation step due by now (the tick loop does this every `tickMs` once started). */
  tick(): void;
  /** Current simulated time. */
  now(): Date;
  /** Times each idempotency key's action was applied in the region (the last 100,000 keys). */
  appliedActions(regionId: string): ReadonlyMap<string, number>;
}

function buildRegions(o: ResolvedOptions, clock: SimClock): Map<string, RegionRuntime> {
  const atMs = clock.now();
  const world = generateWorld({ seed: o.seed, scale: o.scale, scenario: o.scenario, atMs, regions: o.regions });
  const stepMs = (1000 * o.timeScale) / o.changesPerSecond;
  const out = new Map<string, RegionRuntime>();
  for (const { spec, world: regionWorld } of world.regions) {
    const sim = new RegionSim(spec, regionWorld, world.trains, { seed: o.seed, stepMs, bufferSize: o.replayBufferSize }, atMs);
    out.set(spec.id, {
      spec,
      token: o.tokens.get(spec.id) ?? '',
      sim,
      metrics: new RegionMetrics(sim, o.seed),
      faults: scenarioFaults(o.scenario, spec.id),
      errorRng: new Prng(seedFor(o.seed, spec.id, 'errors')),
      idempotency: new IdempotencyStore(),
      appliedActions: new Map(),
      streams: new Set(),
    });
  }
  return out;
}

export function createDemoFleet(options: DemoFleetOptions = {}): DemoFleet {
  const o = resolveOptions(options);
  const clock = createSimClock(o.startMs, o.timeScale, o.wallClock);
  const regions = buildRegions(o, clock);
  let scenario = o.scenario;
  let streamSeq = 0;
  let server: Server | null = null;
  let ticker: NodeJS.Timeout | null = null;

  const regionOrThrow = (id: string): RegionRuntime => {
    const r = regions.get(id);
    if (!r) throw new RangeError(`unknown region ${id}; regions: ${[...regions.keys()].join(', ')}`);
    return r;
  };

  /** Connections of a region that just went down are cut, like a real outage would. */
  const enforceOutages = (): void => {
    for (const r of regions.values()) {
      if (r.streams.size > 0 && isDown(r.faults, clock.wall())) for (const s of [...r.streams]) s.destroy();
    }
  };

  const runtime: FleetRuntime = {
    seed: o.seed,
    clock,
    controlToken: o.controlToken,
    heartbeatMs: o.heartbeatMs,
    region: (id) => regions.get(id),
    regions: () => [...regions.values()],
    sync: (r) => {
      const atMs = clock.now();
      r.sim.advanceTo(atMs);
      return atMs;
    },
    setFaults: (id, patch, reset = false) => {
      const r = regionOrThrow(id);
      r.faults = RegionFaults.parse({ ...(reset ? NO_FAULTS : r.faults), ...patch });
      enforceOutages();
      return r.faults;
    },
    setScenario: (requested) => {
      const name = ScenarioName.parse(requested);
      const previous = scenario;
      scenario = name;
      for (const r of regions.values()) r.faults = scenarioFaults(name, r.spec.id);
      if (name !== previous && (SCENARIOS[name].changesState || SCENARIOS[previous].changesState)) {
        const atMs = clock.now();
        const revisions = new Map([...regions.values()].map((r) => [r.spec.id, r.sim.revision + 1]));
        const world = generateWorld({ seed: o.seed, scale: o.scale, scenario: name, atMs, revisions, regions: o.regions });
        for (const { spec: regionSpec, world: regionWorld } of world.regions) {
          const r = regionOrThrow(regionSpec.id);
          r.sim.replaceWorld(regionWorld, world.trains, atMs);
          for (const s of r.streams) s.reset(r.sim.revision, `scenario switched to ${name}; refetch /v1/fleet`);
        }
      }
      enforceOutages();
    },
    scenario: () => scenario,
    nextStreamSeed: () => seedFor(o.seed, 'stream', streamSeq++),
  };

  const tick = (): void => {
    for (const r of regions.values()) runtime.sync(r);
    enforceOutages();
  };

  return {
    async start(opts = {}) {
      if (server) throw new Error('demo fleet already started');
      const srv = createFleetServer(runtime);
      server = srv;
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
          srv.off('error', reject);
          resolve();
        });
      });
      ticker = setInterval(tick, o.tickMs);
      ticker.unref();
      const address = srv.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${host}:${address.port}`;
      return {
        url,
        controlToken: o.controlToken,
        regions: [...regions.values()].map((r) => ({ id: r.spec.id, name: r.spec.name, baseUrl: `${url}/regions/${r.spec.id}`, token: r.token })),
      };
    },
    async stop() {
      if (ticker) clearInterval(ticker);
      ticker = null;
      const srv = server;
      server = null;
      if (!srv) return;
      for (const r of regions.values()) for (const s of [...r.streams]) s.destroy();
      await new Promise<void>((resolve) => {
        srv.close(() => resolve());
        srv.closeAllConnections();
      });
    },
    setFaults: (id, faults, reset) => runtime.setFaults(id, faults, reset),
    faults: (id) => regionOrThrow(id).faults,
    setScenario: (name) => runtime.setScenario(name),
    scenario: () => scenario,
    fleetState(id) {
      const r = regionOrThrow(id);
      return r.sim.snapshot(runtime.sync(r));
    },
    regionIds: () => [...regions.keys()],
    appliedActions: (id) => regionOrThrow(id).appliedActions,
    tick,
    now: () => new Date(clock.now()),
  };
}
