import { describe, expect, it } from 'vitest';
import { indexFleet, whatIf, type CompatAction, type WhatIfResult } from '../../../shared/compat/index.ts';
import type { FleetState } from '../../../shared/protocol/index.ts';
import { fleetState, type FleetSpec } from './builders.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const versions = {
  gateway: { g45: 45, g46: 46, g47: 47 },
  search: { s44: 44, s45: 45, s46: 46, s47: 47 },
};

function ask(spec: FleetSpec | FleetState, action: CompatAction): WhatIfResult {
  const state = 'versions' in spec ? fleetState(spec) : spec;
  return whatIf([state], { region: state.region.id, action }, { now: NOW });
}
const ids = (list: { id: string }[]) => list.map((v) => v.id);

describe('what-if: component.rollback', () => {
  const spec: FleetSpec = {
    region: 'eu-west',
    versions,
    dependencies: [{ from: 'gateway', to: 'search' }],
    instances: [['gateway', 'g46', 2], ['search', 's44', 1], ['search', 's45', 3], ['search', 's47', 2, 'running', 9], ['search', 's47', 1, 'failed']],
  };

  it('moves live instances above the train to the version at that train', () => {
    const result = ask(spec, { type: 'component.rollback', component: 'search', toTrain: 45 });
    expect(result.ok).toBe(true);
    expect(ids(result.resolved)).toEqual(['version-window:eu-west:search:44-47']);
    expect(ids(result.introduced)).toEqual([]);
    const view = indexFleet([fleetState(spec)], { now: NOW }).after({ region: 'eu-west', action: { type: 'component.rollback', component: 'search', toTrain: 45 } });
    if (!view.ok) throw new Error('expected the action to apply');
    expect(view.view.versionMix('eu-west', 'search').map((m) => [m.version, m.count, m.activeUsers])).toEqual([['s44', 1, 10], ['s45', 5, 48]]);
  });

  it('shows the violations a rollback would introduce', () => {
    const result = ask(
      { region: 'eu-west', versions, dependencies: [{ from: 'gateway', to: 'search' }], instances: [['gateway', 'g47', 2], ['search', 's47', 2]] },
      { type: 'component.rollback', component: 'search', toTrain: 45 },
    );
    expect(ids(result.introduced)).toEqual(['peer-skew:eu-west:gateway>search:47-45']);
    expect(result.introduced[0]?.firstSeen).toBe(NOW);
  });

  it('refuses a train the component has no version at, or the region does not know', () => {
    const noVersion = ask({ ...spec, trains: [43, 44, 45, 46, 47] }, { type: 'component.rollback', component: 'gateway', toTrain: 43 });
    expect(noVersion.ok).toBe(false);
    expect(noVersion.errors.map((e) => [e.field, e.message])).toEqual([['action.toTrain', 'gateway has no version at train 2026.43']]);
    const unknownTrain = ask(spec, { type: 'component.rollback', component: 'search', toTrain: 12 });
    expect(unknownTrain.errors.map((e) => [e.field, e.message])).toEqual([['action.toTrain', 'train 12 is not in trains']]);
    const unknownComponent = ask(spec, { type: 'component.rollback', component: 'ghost', toTrain: 45 });
    expect(unknownComponent.errors.map((e) => e.field)).toEqual(['action.component']);
  });
});

describe('what-if: schema.rollback', () => {
  const spec = (component: string): FleetSpec => ({
    region: 'us-east',
    versions,
    instances: [['search', component, 2]],
    groups: [{ id: 'records', usedBy: ['search'] }],
    databases: [['records', 46, 2], ['records', 46, 1, { from: 46, to: 47 }], ['records', 44, 1]],
  });

  it('brings databases above the train down to it and ends their migrations', () => {
    const result = ask(spec('s45'), { type: 'schema.rollback', databaseGroup: 'records', toTrain: 45 });
    expect(ids(result.resolved)).toEqual(['schema-skew:us-east:records>search:45-47']);
    expect(result.introduced).toEqual([]);
  });

  it('flags a schema rollback that leaves readers behind', () => {
    const current = { ...spec('s46'), databases: [['records', 46, 2], ['records', 46, 1, { from: 46, to: 47 }]] } satisfies FleetSpec;
    const result = ask({ ...current, trains: [44, 45, 46, 47] }, { type: 'schema.rollback', databaseGroup: 'records', toTrain: 44 });
    expect(ids(result.introduced)).toEqual(['schema-skew:us-east:records>search:46-44']);
    expect(result.introduced[0]).toMatchObject({ databases: 3, schemaTrains: [{ train: 44, databases: 3, migrating: 0 }] });
  });

  it('refuses an unknown group', () => {
    expect(ask(spec('s45'), { type: 'schema.rollback', databaseGroup: 'nope', toTrain: 45 }).errors[0]?.field).toBe('action.databaseGroup');
  });
});

describe('what-if: rollouts', () => {
  const spec: FleetSpec = {
    region: 'eu-west',
    versions,
    dependencies: [{ from: 'gateway', to: 'search' }],
    instances: [['gateway', 'g45', 2], ['search', 's45', 8], ['search', 's47', 2]],
    rollouts: [{ id: 'r1', component: 'search', from: 's45', to: 's47', stages: [20, 50, 100], currentStage: 0 }],
  };
  const view = () => indexFleet([fleetState(spec)], { now: NOW });
  const mixAfter = (action: CompatAction) => {
    const after = view().after({ region: 'eu-west', action });
    if (!after.ok) throw new Error(after.errors[0]?.message);
    return after.view.versionMix('eu-west', 'search').map((m) => [m.version, m.count]);
  };

  it('pause changes nothing', () => {
    const result = ask(spec, { type: 'rollout.pause', rolloutId: 'r1' });
    expect(result).toMatchObject({ ok: true, introduced: [], resolved: [] });
    expect(ids(result.unchanged)).toEqual(ids(view().verdict().violations));
  });

  it('resume completes the rollout; abort returns every instance to fromVersion', () => {
    expect(mixAfter({ type: 'rollout.resume', rolloutId: 'r1' })).toEqual([['s47', 10]]);
    expect(mixAfter({ type: 'rollout.abort', rolloutId: 'r1' })).toEqual([['s45', 10]]);
    expect(ids(ask(spec, { type: 'rollout.abort', rolloutId: 'r1' }).resolved)).toEqual(['peer-skew:eu-west:gateway>search:45-47']);
  });

  it('step moves the next stage’s canary share to toVersion', () => {
    expect(mixAfter({ type: 'rollout.step', rolloutId: 'r1' })).toEqual([['s45', 5], ['s47', 5]]);
  });

  it('refuses to step past the last stage and names unknown rollouts', () => {
    const last = ask({ ...spec, rollouts: [{ id: 'r1', component: 'search', from: 's45', to: 's47', stages: [50, 100], currentStage: 1 }] }, { type: 'rollout.step', rolloutId: 'r1' });
    expect(last.errors[0]?.message).toBe('rollout "r1" is at its last stage (2 of 2); resume completes it');
    const unknown = ask(spec, { type: 'rollout.abort', rolloutId: 'r9' });
    expect(unknown.errors.map((e) => [e.region, e.field, e.message])).toEqual([['eu-west', 'action.rolloutId', 'rollout "r9" does not exist in eu-west']]);
  });

  it('refuses a rollout whose versions the state does not define', () => {
    const result = ask({ ...spec, rollouts: [{ id: 'r1', component: 'search', from: 's45', to: 's99' }] }, { type: 'rollout.resume', rolloutId: 'r1' });
    expect(result.errors.map((e) => [e.entity, e.field])).toEqual([['rollout', 'rollouts[0].toVersion']]);
  });
});

describe('what-if: toggle.set and request errors', () => {
  const spec = (state: 'on' | 'off'): FleetSpec => ({
    region: 'ca-central',
    versions,
    instances: [['search', 's45', 2], ['search', 's46', 2]],
    toggles: [{ key: 'semantic', state, min: { component: 'search', version: 's46' } }],
  });

  it('flags turning on a toggle older live versions cannot take, and resolves it when turned off', () => {
    expect(ids(ask(spec('off'), { type: 'toggle.set', key: 'semantic', state: 'on' }).introduced)).toEqual(['toggle-min-version:ca-central:semantic>search:46']);
    expect(ids(ask(spec('on'), { type: 'toggle.set', key: 'semantic', state: 'dormant' }).resolved)).toEqual(['toggle-min-version:ca-central:semantic>search:46']);
    expect(ask(spec('on'), { type: 'toggle.set', key: 'other', state: 'on' }).errors[0]?.field).toBe('action.key');
  });

  it('refuses unknown regions and regions with input errors', () => {
    const state = fleetState(spec('on'));
    expect(whatIf([state], { region: 'mars', action: { type: 'rollout.pause', rolloutId: 'x' } }, { now: NOW }).errors[0]?.message).toBe('region mars is not in the fleet');
    const broken = fleetState({ ...spec('on'), instances: [['search', 'nightly', 1]] });
    const result = whatIf([broken], { region: 'ca-central', action: { type: 'toggle.set', key: 'semantic', state: 'off' } }, { now: NOW });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.field)).toEqual(['instances[0].version', 'region']);
  });

  it('never mutates its input', () => {
    const state = fleetState({ ...spec('on'), rollouts: [{ id: 'r1', component: 'search', from: 's45', to: 's46' }] });
    const before = structuredClone(state);
    const view = indexFleet([state], { now: NOW });
    for (const action of [
      { type: 'toggle.set', key: 'semantic', state: 'off' },
      { type: 'component.rollback', component: 'search', toTrain: 45 },
      { type: 'rollout.resume', rolloutId: 'r1' },
      { type: 'rollout.step', rolloutId: 'r1' },
    ] satisfies CompatAction[]) {
      view.whatIf({ region: 'ca-central', action });
    }
    expect(state).toEqual(before);
    expect(view.versionMix('ca-central', 'search').map((m) => m.count)).toEqual([2, 2]);
  });
});
