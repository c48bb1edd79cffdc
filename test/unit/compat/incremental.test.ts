import { describe, expect, it } from 'vitest';
import { createIncrementalEvaluator, evaluate } from '../../../shared/compat/index.ts';
import type { ChangeEvent, Instance } from '../../../shared/protocol/index.ts';
import { fleetState, T0 } from './builders.ts';

const versions = { gateway: { g45: 45, g46: 46 }, search: { s44: 44, s45: 45, s46: 46, s47: 47 } };
const start = () =>
  fleetState({
    region: 'eu-west',
    versions,
    dependencies: [{ from: 'gateway', to: 'search' }],
    instances: [['gateway', 'g45', 1], ['search', 's45', 2]],
    groups: [{ id: 'records', usedBy: ['search'] }],
    databases: [['records', 45, 1]],
    toggles: [{ key: 'semantic', state: 'off', min: { component: 'search', version: 's46' } }],
  });
const instance = (id: string, version: string, state: Instance['state'] = 'running'): Instance => ({
  id, host: id, component: 'search', version, state, startedAt: T0, activeUsers: 4,
});
const ids = (list: { id: string }[]) => list.map((v) => v.id);
const at = (minute: number) => `2026-11-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('incremental evaluator', () => {
  it('stamps a violation with the time of the event batch that introduced it, and drops it when resolved', () => {
    const evaluator = createIncrementalEvaluator([start()], at(0));
    expect(evaluator.verdict().violations).toEqual([]);
    evaluator.apply('eu-west', { revision: 1, type: 'instance.upsert', instance: instance('new-1', 's47') }, at(1));
    expect(evaluator.verdict().violations).toHaveLength(2);
    evaluator.apply('eu-west', { revision: 2, type: 'instance.upsert', instance: instance('new-2', 's47') }, at(2));
    const verdict = evaluator.verdict();
    expect(ids(verdict.violations)).toEqual(['peer-skew:eu-west:gateway>search:45-47', 'schema-skew:eu-west:records>search:47-45']);
    expect(verdict.violations.map((v) => v.firstSeen)).toEqual([at(1), at(1)]);
    evaluator.apply('eu-west', { revision: 3, type: 'instance.remove', id: 'new-1' }, at(3));
    expect(evaluator.verdict().violations.map((v) => [v.id, v.firstSeen, v.instances])).toEqual([
      ['peer-skew:eu-west:gateway>search:45-47', at(1), 2],
      ['schema-skew:eu-west:records>search:47-45', at(1), 1],
    ]);
    evaluator.apply('eu-west', { revision: 4, type: 'instance.upsert', instance: instance('new-2', 's47', 'failed') }, at(4));
    expect(evaluator.verdict().violations).toEqual([]);
  });

  it('re-reads trains when a component version moves to another train', () => {
    const evaluator = createIncrementalEvaluator([start()], at(0));
    evaluator.apply('eu-west', { revision: 1, type: 'componentVersion.upsert', componentVersion: { component: 'search', version: 's45', train: 47 } }, at(1));
    expect(ids(evaluator.verdict().violations)).toEqual(['peer-skew:eu-west:gateway>search:45-47', 'schema-skew:eu-west:records>search:47-45']);
  });

  it('follows toggles, databases and a version that becomes known', () => {
    const evaluator = createIncrementalEvaluator([start()], at(0));
    evaluator.apply('eu-west', { revision: 1, type: 'toggle.upsert', toggle: { key: 'semantic', description: '', environment: 'production', state: 'on', minVersion: { component: 'search', version: 's46' } } }, at(1));
    expect(ids(evaluator.verdict().violations)).toEqual(['toggle-min-version:eu-west:semantic>search:46']);
    evaluator.apply('eu-west', { revision: 2, type: 'database.upsert', database: { id: 'eu-west-db1', group: 'records', schemaVersion: 'x', schemaTrain: 45, migration: { direction: 'forward', fromTrain: 45, toTrain: 47, startedAt: T0, progress: 0 } } }, at(2));
    expect(ids(evaluator.verdict().violations)).toContain('schema-skew:eu-west:records>search:45-47');
    evaluator.apply('eu-west', { revision: 3, type: 'instance.upsert', instance: instance('n', 'nightly') }, at(3));
    expect(evaluator.verdict()).toMatchObject({ ok: false, excludedRegions: ['eu-west'], violations: [] });
    evaluator.apply('eu-west', { revision: 4, type: 'componentVersion.upsert', componentVersion: { component: 'search', version: 'nightly', train: 45 } }, at(4));
    expect(evaluator.verdict().ok).toBe(true);
    expect(evaluator.verdict().violations.map((v) => v.firstSeen)).toEqual([at(4), at(4)]);
  });

  it('agrees with a full evaluation of its current states, which carry every event', () => {
    const evaluator = createIncrementalEvaluator([start()], at(0));
    const events: ChangeEvent[] = [
      { revision: 7, type: 'instance.upsert', instance: instance('a', 's44') },
      { revision: 8, type: 'instance.upsert', instance: instance('b', 's47') },
      { revision: 9, type: 'instance.remove', id: 'eu-west-i1' },
      { revision: 10, type: 'stageGate.upsert', stageGate: { train: 47, stage: 'canary', testsRun: 3, testsPassed: 3, testsFailed: 0, at: T0 } },
    ];
    for (const event of events) evaluator.apply('eu-west', event, at(1));
    const [state] = evaluator.states();
    expect(state?.revision).toBe(10);
    expect(state?.instances.map((i) => i.id)).toEqual(['eu-west-i2', 'eu-west-i3', 'a', 'b']);
    expect(state?.stageGates).toHaveLength(1);
    expect(evaluator.verdict()).toEqual(evaluate(evaluator.states(), { now: at(1) }));
  });

  it('replaces a refetched region wholesale and adds new regions', () => {
    const evaluator = createIncrementalEvaluator([start()], at(0));
    const refetched = fleetState({ region: 'eu-west', versions, instances: [['search', 's44', 1], ['search', 's47', 1]] });
    evaluator.replaceRegion(refetched, at(5));
    expect(evaluator.verdict().violations.map((v) => [v.id, v.firstSeen])).toEqual([['version-window:eu-west:search:44-47', at(5)]]);
    evaluator.replaceRegion(fleetState({ region: 'us-east', versions, instances: [['search', 's47', 1]] }), at(6));
    expect(evaluator.regionIds()).toEqual(['eu-west', 'us-east']);
    expect(() => evaluator.apply('mars', { revision: 1, type: 'instance.remove', id: 'x' }, at(7))).toThrow(/Unknown region "mars"/);
  });
});
