import type { Database, Dependency, FleetState } from '../../shared/protocol/index.ts';
import { CATALOG, componentsInRegion } from '../model/catalog.ts';
import { DATABASE_GROUPS } from '../model/database-catalog.ts';
import type { Incident } from '../model/incidents.ts';
import { Prng, seedFor } from '../model/prng.ts';
import type { RegionSpec } from '../model/regions.ts';
import type { ScenarioName } from '../model/scenarios.ts';
import { TOGGLES } from '../model/toggle-catalog.ts';
import type { TrainPlan } from '../model/trains.ts';
import type { VersionTable } from '../model/versions.ts';
import { allocate } from './allocate.ts';
import { adjustDeclaredPlans, declaredVersions } from './declarations.ts';
import { databaseCount, generateGroupDatabases, groupsInRegion } from './databases.ts';
import { generateInstances } from './instances.ts';
import { planRegion, planTrains } from './plans.ts';
import { generateRollouts, rolloutId } from './rollouts.ts';
import { adjustDatabases, adjustPlans, adjustToggles, scenarioIncidents } from './scenario-state.ts';
import { generateReleases } from './releases.ts';
import { generateStageGates } from './stage-gates.ts';
import { generateToggles } from './toggles.ts';

/** Instances across all regions when no `scale` is given. */
export const DEFAULT_SCALE = 12_000;

export interface RegionGeneration {
  seed: number;
  /** Instances in this region. */
  instances: number;
  /** Total fleet scale, which sizes the databases of small test fleets. */
  scale: number;
  scenario: ScenarioName;
  atMs: number;
  revision: number;
  trains: TrainPlan;
  versions: VersionTable;
}

/** What the live simulator needs beyond the protocol state. */
export interface SimMeta {
  /** Rollouts the simulator does not advance (the bad canary waits for a human). */
  held: string[];
  /** Components the simulator never starts a rollout for. */
  frozen: string[];
  incidents: Incident[];
  nextInstanceSeq: number;
}

export interface RegionWorld {
  state: FleetState;
  meta: SimMeta;
}

export function regionDependencies(regionId: string): Dependency[] {
  const here = new Set(componentsInRegion(regionId).map((c) => c.id));
  const anywhere = new Set(CATALOG.map((c) => c.id));
  const out: Dependency[] = [];
  for (const spec of componentsInRegion(regionId)) {
    for (const dep of spec.deps) {
      const crossRegion = dep.crossRegion === true;
      if (crossRegion ? anywhere.has(dep.to) : here.has(dep.to)) out.push({ from: spec.id, to: dep.to, kind: dep.kind, crossRegion });
    }
  }
  return out;
}

export function generateRegion(g: RegionGeneration, region: RegionSpec): RegionWorld {
  // Same streams for every scenario: a scenario only adjusts the steady fleet, it does not redraw it.
  const rng = (purpose: string): Prng => new Prng(seedFor(g.seed, region.id, purpose));
  const specs = componentsInRegion(region.id);
  const componentIds = new Set(specs.map((s) => s.id));

  const plans = planRegion(rng('plans'), region, g.trains, specs);
  adjustPlans(g.scenario, region.id, plans, g.trains, DATABASE_GROUPS);
  adjustDeclaredPlans(g.scenario, region.id, plans, g.trains);

  const counts = allocate(g.instances, specs.map((s) => s.weight), 2);
  const { instances, nextSeq } = generateInstances(rng('instances'), region, specs, counts, plans, g.versions, g.atMs);

  const trainsOf = new Map(plans.map((p) => [p.component, planTrains(p)]));
  const tenants = Math.max(2, Math.round(region.tenants * Math.min(1, g.scale / DEFAULT_SCALE)));
  const dbRng = rng('databases');
  const databases: Database[] = [];
  for (const group of DATABASE_GROUPS) {
    const users = group.usedBy.filter((c) => componentIds.has(c));
    if (users.length === 0) continue;
    const userTrains = users.flatMap((u) => trainsOf.get(u) ?? []);
    databases.push(...generateGroupDatabases(dbRng, region, group, databaseCount(group, tenants), userTrains, g.trains, g.atMs));
  }
  adjustDatabases(g.scenario, region.id, dbRng, databases, g.trains, DATABASE_GROUPS, g.atMs);

  const minLiveTrain = new Map(plans.map((p) => [p.component, Math.min(...planTrains(p))]));
  const trainName = (i: number): string => g.trains.trains.find((t) => t.index === i)?.name ?? String(i);

  const stageGates = generateStageGates(g.seed, g.trains, g.scenario);
  const state: FleetState = {
    region: { id: region.id, name: region.name, timezone: region.timezone },
    revision: g.revision,
    generatedAt: new Date(g.atMs).toISOString(),
    trains: g.trains.trains,
    components: specs.map((s) => ({ id: s.id, name: s.name, tier: s.tier })),
    componentVersions: declaredVersions(g.scenario, region.id, g.versions.all().filter((v) => componentIds.has(v.component)), g.trains),
    dependencies: regionDependencies(region.id),
    instances,
    databaseGroups: groupsInRegion(DATABASE_GROUPS, componentIds),
    databases,
    rollouts: generateRollouts(rng('rollouts'), region, plans, g.versions, g.trains, g.atMs),
    toggles: adjustToggles(g.scenario, region.id, generateToggles(rng('toggles'), TOGGLES, minLiveTrain, g.versions, g.trains)),
    stageGates,
    releases: generateReleases(g.seed, region, g.trains, stageGates, g.atMs),
  };
  const meta: SimMeta = {
    held: plans.filter((p) => p.rollout?.held).map((p) => rolloutId(region, p.component, trainName(p.rollout?.toTrain ?? 0))),
    frozen: plans.filter((p) => p.frozen).map((p) => p.component),
    incidents: scenarioIncidents(g.scenario, region.id, g.versions, g.trains, g.atMs),
    nextInstanceSeq: nextSeq,
  };
  return { state, meta };
}
