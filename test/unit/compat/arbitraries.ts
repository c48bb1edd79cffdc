import fc from 'fast-check';
import type { ChangeEvent, Database, Dependency, FleetState, Instance, Rollout, Toggle } from '../../../shared/protocol/index.ts';

/**
 * fast-check arbitraries for valid multi-region fleets. Every component has exactly one version
 * per train, named so that string order says nothing about train order.
 */
export const T0 = '2026-01-01T00:00:00.000Z';
export const FIRST_TRAIN = 10;

export interface FleetShape {
  trains: number[];
  components: string[];
  regions: string[];
}

export function versionOf(component: string, train: number): string {
  return `${component}-v${(train * 7919) % 97}`;
}

export interface FleetOptions {
  maxTrains?: number;
  minTrains?: number;
  maxRegions?: number;
  maxInstances?: number;
}

const states: Instance['state'][] = ['starting', 'running', 'draining', 'failed'];

function regionState(shape: FleetShape, region: string): fc.Arbitrary<FleetState> {
  const { trains, components } = shape;
  const train = fc.constantFrom(...trains);
  const component = fc.constantFrom(...components);
  const instance = fc.record({ component, train, state: fc.constantFrom(...states), users: fc.nat(50) });
  const dependency = fc.record({ from: component, to: component, crossRegion: fc.boolean() });
  const group = fc.record({ usedBy: fc.uniqueArray(component, { maxLength: components.length }) });
  const migration = fc.option(fc.record({ from: train, to: train }), { freq: 3 });
  const database = fc.record({ group: fc.nat(1), schemaTrain: train, migration });
  const toggle = fc.record({ state: fc.constantFrom<Toggle['state']>('on', 'off', 'dormant'), min: fc.option(fc.record({ component, train })) });
  const rollout = fc.record({ component, from: train, to: train, stages: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 3 }), currentStage: fc.nat(2) });
  return fc
    .record({
      instances: fc.array(instance, { maxLength: 30 }),
      dependencies: fc.uniqueArray(dependency, { maxLength: 4, selector: (d) => `${d.from}>${d.to}` }),
      groups: fc.array(group, { maxLength: 2 }),
      databases: fc.array(database, { maxLength: 10 }),
      toggles: fc.array(toggle, { maxLength: 2 }),
      rollouts: fc.array(rollout, { maxLength: 2 }),
    })
    .map((r): FleetState => {
      const groups = r.groups.map((g, i) => ({ id: `g${i}`, name: `Group ${i}`, usedBy: g.usedBy }));
      return {
        region: { id: region, name: region, timezone: 'UTC' },
        revision: 0,
        generatedAt: T0,
        trains: trains.map((index) => ({ index, name: `2026.${index}`, date: T0 })),
        components: components.map((id) => ({ id, name: id, tier: 'service' })),
        componentVersions: components.flatMap((c) => trains.map((t) => ({ component: c, version: versionOf(c, t), train: t }))),
        dependencies: r.dependencies.map((d): Dependency => ({ ...d, kind: 'http' })),
        instances: r.instances.map((i, n) => ({
          id: `${region}-i${n}`, host: `h${n}`, component: i.component, version: versionOf(i.component, i.train), state: i.state, startedAt: T0, activeUsers: i.users,
        })),
        databaseGroups: groups,
        databases: groups.length === 0 ? [] : r.databases.map((d, n): Database => ({
          id: `${region}-db${n}`,
          group: groups[d.group % groups.length]?.id ?? 'g0',
          schemaVersion: `s${d.schemaTrain}`,
          schemaTrain: d.schemaTrain,
          migration: d.migration && { direction: d.migration.to >= d.migration.from ? 'forward' : 'backward', fromTrain: d.migration.from, toTrain: d.migration.to, startedAt: T0, progress: 0.5 },
        })),
        rollouts: r.rollouts.map((ro, n): Rollout => ({
          id: `${region}-ro${n}`, component: ro.component, fromVersion: versionOf(ro.component, ro.from), toVersion: versionOf(ro.component, ro.to),
          state: 'progressing', stages: ro.stages.map((p, i) => ({ name: `s${i}`, canaryPercent: p, waves: 1, state: 'pending' })),
          currentStage: Math.min(ro.currentStage, ro.stages.length - 1), startedAt: T0, history: [],
        })),
        toggles: r.toggles.map((t, n): Toggle => ({
          key: `t${n}`, description: '', environment: 'production', state: t.state,
          minVersion: t.min && { component: t.min.component, version: versionOf(t.min.component, t.min.train) },
        })),
        stageGates: [],
      };
    });
}

export function fleetShape(options: FleetOptions = {}): fc.Arbitrary<FleetShape> {
  return fc.record({
    trainCount: fc.integer({ min: options.minTrains ?? 1, max: options.maxTrains ?? 6 }),
    componentCount: fc.integer({ min: 1, max: 4 }),
    regionCount: fc.integer({ min: 1, max: options.maxRegions ?? 3 }),
  }).map((s) => ({
    trains: Array.from({ length: s.trainCount }, (_, i) => FIRST_TRAIN + i),
    components: Array.from({ length: s.componentCount }, (_, i) => ['search', 'gateway', 'index', 'ui'][i] ?? `c${i}`),
    regions: Array.from({ length: s.regionCount }, (_, i) => ['us-east', 'eu-west', 'ca-central'][i] ?? `r${i}`),
  }));
}

export function fleetOf(shape: FleetShape): fc.Arbitrary<FleetState[]> {
  return fc.tuple(...shape.regions.map((r) => regionState(shape, r)));
}

export function fleet(options: FleetOptions = {}): fc.Arbitrary<FleetState[]> {
  return fleetShape(options).chain(fleetOf);
}

/** One step of a change stream: an event for a region, or a refetch of the region. */
export type Step = { region: number; event: ChangeEvent } | { region: number; refetch: { keepEvery: number } };

/** Change events over the shape, including ones that reference undefined versions or trains. */
export function steps(shape: FleetShape): fc.Arbitrary<Step[]> {
  const { trains, components } = shape;
  const train = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...trains) }, { weight: 1, arbitrary: fc.constant(99) });
  const component = fc.constantFrom(...components);
  const region = fc.nat(shape.regions.length - 1);
  const version = fc.record({ component, train }).map(({ component, train }) => ({ component, version: train === 99 ? 'nightly' : versionOf(component, train) }));
  const eventIn = (regionName: string): fc.Arbitrary<ChangeEvent> => {
    const id = fc.oneof(fc.nat(30).map((n) => `${regionName}-i${n}`), fc.nat(5).map((n) => `new${n}`));
    const instance = fc.record({ id, v: version, state: fc.constantFrom(...states), users: fc.nat(50) });
    return fc.oneof(
      { weight: 6, arbitrary: instance.map(({ id, v, state, users }) => ({ revision: 0, type: 'instance.upsert' as const, instance: { id, host: 'h', ...v, state, startedAt: T0, activeUsers: users } })) },
      { weight: 3, arbitrary: id.map((id) => ({ revision: 0, type: 'instance.remove' as const, id })) },
      { weight: 2, arbitrary: fc.record({ n: fc.nat(12), group: fc.nat(2), schemaTrain: train, to: fc.option(train) }).map(({ n, group, schemaTrain, to }) => ({
        revision: 0, type: 'database.upsert' as const,
        database: { id: `${regionName}-db${n}`, group: `g${group}`, schemaVersion: 's', schemaTrain, migration: to === null ? null : { direction: 'forward' as const, fromTrain: schemaTrain, toTrain: to, startedAt: T0, progress: 0 } },
      })) },
      { weight: 2, arbitrary: fc.record({ n: fc.nat(2), state: fc.constantFrom<Toggle['state']>('on', 'off', 'dormant'), min: fc.option(version) }).map(({ n, state, min }) => ({
        revision: 0, type: 'toggle.upsert' as const, toggle: { key: `t${n}`, description: '', environment: 'production', state, minVersion: min },
      })) },
      { weight: 2, arbitrary: fc.record({ v: version, train: fc.constantFrom(...trains) }).map(({ v, train }) => ({
        revision: 0, type: 'componentVersion.upsert' as const, componentVersion: { component: v.component, version: v.version, train },
      })) },
      { weight: 1, arbitrary: fc.constant({ revision: 0, type: 'stageGate.upsert' as const, stageGate: { train: trains[0] ?? 0, stage: 'canary', testsRun: 1, testsPassed: 1, testsFailed: 0, at: T0 } }) },
    );
  };
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 12, arbitrary: region.chain((r) => eventIn(shape.regions[r] ?? '').map((event) => ({ region: r, event }))) },
    { weight: 1, arbitrary: fc.record({ region, refetch: fc.record({ keepEvery: fc.integer({ min: 1, max: 3 }) }) }) },
  );
  return fc.array(step, { maxLength: 30, size: 'max' }).map((list) => list.map((s, i) => ('event' in s ? { ...s, event: { ...s.event, revision: i + 1 } } : s)));
}
