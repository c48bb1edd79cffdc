import type { FleetState, Rollout } from '../protocol/index.ts';
import type { LadderRung, PlanDraft } from './cause-schemas.ts';
import { buildEdgeIndex, type EdgeIndex } from './edge-index.ts';
import { joinKey } from './ids.ts';
import type { Violation } from './schemas.ts';
import { unitKey, type Unit } from './units.ts';
import type { CompatView } from './view.ts';

/** How far below the newest live train a code or schema rollback may go. */
export const ROLLBACK_DEPTH = 3;

export const RUNG_ORDER: Record<LadderRung, number> = { toggle: 0, rollout: 1, 'code-rollback': 2, 'schema-rollback': 3 };

/** One action the search may take, with what it acts on and which rule units it can change. */
export interface PlanCandidate {
  key: string;
  /** One action per target: a component, group or toggle in a region. */
  target: string;
  draft: PlanDraft;
  rung: LadderRung;
  /** How many trains back a rollback goes (0 for toggles and rollouts): the smaller change wins ties. */
  depth: number;
  /** Rule units whose verdict the action can change (two candidates interact when these meet). */
  footprint: ReadonlySet<string>;
}

/** The structural lists of the fleet the search needs (never the instances). */
export interface PlanWorld {
  states: ReadonlyMap<string, FleetState>;
  edges: EdgeIndex;
}

export function planWorld(states: readonly FleetState[]): PlanWorld {
  return {
    states: new Map(states.map((s) => [s.region.id, s])),
    edges: buildEdgeIndex(states.map((s) => ({ regionId: s.region.id, dependencies: s.dependencies }))),
  };
}

const componentTarget = (region: string, component: string) => joinKey(region, 'component', component);

function componentFootprint(world: PlanWorld, region: string, component: string): Set<string> {
  const state = world.states.get(region);
  const units: Unit[] = [{ kind: 'window', region, component }, { kind: 'fleet-window', component }];
  for (const pair of world.edges.touching(region, component)) units.push({ kind: 'peer', pair });
  for (const group of state?.databaseGroups ?? []) if (group.usedBy.includes(component)) units.push({ kind: 'schema', region, group: group.id });
  for (const toggle of state?.toggles ?? []) if (toggle.minVersion?.component === component) units.push({ kind: 'toggle', region, key: toggle.key });
  return new Set(units.map(unitKey));
}

/** The trains a rollout or rollback can act on: declared for the component in the region. */
function declaredTrains(state: FleetState, component: string): number[] {
  return [...new Set(state.componentVersions.filter((v) => v.component === component).map((v) => v.train))].sort((a, b) => a - b);
}

function rolloutCandidates(world: PlanWorld, region: string, rollout: Rollout): PlanCandidate[] {
  const out: PlanCandidate[] = [];
  const footprint = componentFootprint(world, region, rollout.component);
  const target = componentTarget(region, rollout.component);
  // Pause changes no version, so it never resolves a violation: the search leaves it out.
  if (rollout.state === 'paused') {
    out.push({ key: joinKey(region, 'resume', rollout.id), target, draft: { region, action: { type: 'rollout.resume', rolloutId: rollout.id } }, rung: 'rollout', depth: 0, footprint });
  }
  if (rollout.state === 'paused' || rollout.state === 'progressing') {
    out.push({ key: joinKey(region, 'abort', rollout.id), target, draft: { region, action: { type: 'rollout.abort', rolloutId: rollout.id } }, rung: 'rollout', depth: 0, footprint });
  }
  return out;
}

function rollbackCandidates(world: PlanWorld, view: CompatView, region: string, component: string): PlanCandidate[] {
  const state = world.states.get(region);
  if (!state) return [];
  const mix = view.versionMix(region, component);
  if (mix.length === 0) return [];
  const newest = Math.max(...mix.map((m) => m.train));
  const footprint = componentFootprint(world, region, component);
  return declaredTrains(state, component)
    .filter((t) => t < newest && t >= newest - ROLLBACK_DEPTH)
    .map((toTrain) => ({
      key: joinKey(region, 'rollback', component, String(toTrain)),
      target: componentTarget(region, component),
      draft: { region, action: { type: 'component.rollback', component, toTrain } },
      rung: 'code-rollback',
      depth: newest - toTrain,
      footprint,
    }));
}

function schemaCandidates(world: PlanWorld, region: string, group: string, schemaTrains: readonly number[]): PlanCandidate[] {
  const state = world.states.get(region);
  if (!state || schemaTrains.length === 0) return [];
  const top = Math.max(...schemaTrains);
  const footprint = new Set([unitKey({ kind: 'schema', region, group })]);
  return state.trains
    .map((t) => t.index)
    .filter((t) => t < top && t >= top - ROLLBACK_DEPTH)
    .map((toTrain) => ({
      key: joinKey(region, 'schema', group, String(toTrain)),
      target: joinKey(region, 'group', group),
      draft: { region, action: { type: 'schema.rollback', databaseGroup: group, toTrain } },
      rung: 'schema-rollback',
      depth: top - toTrain,
      footprint,
    }));
}

function toggleCandidate(region: string, key: string): PlanCandidate {
  return {
    key: joinKey(region, 'toggle', key),
    target: joinKey(region, 'toggle', key),
    draft: { region, action: { type: 'toggle.set', key, state: 'off' } },
    rung: 'toggle',
    depth: 0,
    footprint: new Set([unitKey({ kind: 'toggle', region, key })]),
  };
}

/**
 * The actions the protocol offers on what the violations involve: their toggles (off), the
 * rollouts of their components (resume when paused, abort when progressing or paused), their
 * components (rollback to each declared train up to ROLLBACK_DEPTH below the newest live one) and
 * their database groups (schema rollback likewise below the newest schema train).
 */
export function planCandidates(world: PlanWorld, view: CompatView, violations: readonly Violation[]): PlanCandidate[] {
  const cells = new Map<string, { region: string; component: string }>();
  const groups = new Map<string, { region: string; group: string; trains: Set<number> }>();
  const toggles = new Map<string, { region: string; key: string }>();
  for (const v of violations) {
    for (const x of v.versions) cells.set(joinKey(x.region, x.component), { region: x.region, component: x.component });
    const region = v.regions[0] ?? '';
    if (v.rule === 'schema-skew' && v.databaseGroup !== null) {
      const key = joinKey(region, v.databaseGroup);
      const entry = groups.get(key) ?? { region, group: v.databaseGroup, trains: new Set<number>() };
      for (const s of v.schemaTrains) entry.trains.add(s.train);
      groups.set(key, entry);
    }
    if (v.toggle !== null) toggles.set(joinKey(region, v.toggle), { region, key: v.toggle });
  }
  const out: PlanCandidate[] = [];
  for (const { region, key } of toggles.values()) {
    if (world.states.get(region)?.toggles.some((t) => t.key === key && t.state === 'on')) out.push(toggleCandidate(region, key));
  }
  for (const { region, component } of cells.values()) {
    for (const rollout of world.states.get(region)?.rollouts ?? []) {
      if (rollout.component === component) out.push(...rolloutCandidates(world, region, rollout));
    }
  }
  for (const { region, component } of cells.values()) out.push(...rollbackCandidates(world, view, region, component));
  for (const { region, group, trains } of groups.values()) out.push(...schemaCandidates(world, region, group, [...trains]));
  return out;
}

export function interacts(a: PlanCandidate, b: PlanCandidate): boolean {
  const [small, large] = a.footprint.size <= b.footprint.size ? [a.footprint, b.footprint] : [b.footprint, a.footprint];
  for (const unit of small) if (large.has(unit)) return true;
  return false;
}

/** Whether the candidate can change any of these rule units. */
export function touchesAny(candidate: PlanCandidate, units: ReadonlySet<string>): boolean {
  for (const unit of candidate.footprint) if (units.has(unit)) return true;
  return false;
}
