import { describe, expect, it } from 'vitest';
import type { Violation } from '../../shared/compat/schemas.ts';
import { parseRoute, routeToHash } from '../../renderer/src/app/routes.ts';
import { describeJson, previousTrainRollback, suggestedAction, trainNames } from '../../renderer/src/lib/actions.ts';
import { jsonDiff } from '../../renderer/src/lib/json-diff.ts';

const mix = (train: number, name: string, count = 10) => ({ train, trainName: name, version: `v${train}`, count, activeUsers: count * 3 });

function violation(over: Partial<Violation>): Violation {
  return {
    id: 'x', subject: 'x', rule: 'peer-skew', regions: ['eu-west'], components: [], databaseGroup: null, toggle: null,
    trains: [], trainNames: [], gap: 2, limit: 1, versions: [], schemaTrains: [], instances: 1, activeUsers: 1, databases: 0,
    firstSeen: '2026-11-29T10:00:00Z', sentence: 's', ...over,
  };
}
const involved = (component: string, train: number, region = 'eu-west') => ({ region, component, version: `v${train}`, train, trainName: `T${train}`, instances: 1, activeUsers: 1 });

describe('renderer action choices', () => {
  it('rolls a cell back from its newest live train to the one before, named when known', () => {
    const cell = [mix(201, '2026.46'), mix(202, '2026.47')];
    const choice = previousTrainRollback('scheduling', 'eu-west', cell, trainNames([cell]));
    expect(choice?.draft).toEqual({ region: 'eu-west', action: { type: 'component.rollback', component: 'scheduling', toTrain: 201 } });
    expect(choice?.label).toBe('Roll back scheduling in eu-west to train N−1: train 201 (2026.46)');
    expect(previousTrainRollback('x', 'eu-west', [mix(5, 'five')], new Map())?.label).toMatch(/train 4$/);
    expect(previousTrainRollback('x', 'eu-west', [], new Map())).toBeNull();
    expect(previousTrainRollback('x', 'eu-west', [mix(0, 'first')], new Map())).toBeNull();
  });

  it('suggests the smallest rollback of the newer side for skew, a schema rollback for schemas ahead, and turning a toggle off', () => {
    const peer = suggestedAction(violation({ rule: 'peer-skew', gap: 2, limit: 1, versions: [involved('scheduling', 202), involved('consent', 200)] }));
    expect(peer?.draft).toEqual({ region: 'eu-west', action: { type: 'component.rollback', component: 'scheduling', toTrain: 201 } });
    const windowed = suggestedAction(violation({ rule: 'version-window', gap: 3, limit: 2, versions: [involved('api', 199, 'ap-southeast'), involved('api', 202, 'us-east')] }));
    expect(windowed?.draft).toEqual({ region: 'us-east', action: { type: 'component.rollback', component: 'api', toTrain: 201 } });
    const schema = suggestedAction(violation({ rule: 'schema-skew', trains: [200, 202], trainNames: ['A', 'C'], gap: 2, limit: 1, databaseGroup: 'imaging-meta-db', versions: [involved('imaging', 200)] }));
    expect(schema?.draft).toEqual({ region: 'eu-west', action: { type: 'schema.rollback', databaseGroup: 'imaging-meta-db', toTrain: 201 } });
    const behind = suggestedAction(violation({ rule: 'schema-skew', trains: [202, 200], gap: 2, limit: 1, databaseGroup: 'g', versions: [involved('imaging', 202)] }));
    expect(behind?.draft).toEqual({ region: 'eu-west', action: { type: 'component.rollback', component: 'imaging', toTrain: 201 } });
    const toggle = suggestedAction(violation({ rule: 'toggle-min-version', toggle: 'viewer.v2-layout', gap: 1, limit: 0 }));
    expect(toggle?.draft).toEqual({ region: 'eu-west', action: { type: 'toggle.set', key: 'viewer.v2-layout', state: 'off' } });
    expect(suggestedAction(violation({ rule: 'peer-skew', gap: 1, limit: 1, versions: [involved('a', 2), involved('b', 1)] }))).toBeNull();
  });

  it('describes before/after values in words', () => {
    expect(describeJson({ state: 'on', environment: 'production' })).toBe('state on · environment production');
    expect(describeJson({ versions: ['7.1', '7.2'], after: { train: 4 } })).toBe('versions 7.1, 7.2 · after {train 4}');
    expect(describeJson(null)).toBe('—');
  });
});

describe('audit before/after diff', () => {
  it('lists every leaf path with what changed', () => {
    expect(jsonDiff({ state: 'on', env: 'prod', list: [1, 2] }, { state: 'off', env: 'prod', list: [1], extra: {} })).toEqual([
      { path: 'state', before: '"on"', after: '"off"', kind: 'changed' },
      { path: 'env', before: '"prod"', after: '"prod"', kind: 'same' },
      { path: 'list[0]', before: '1', after: '1', kind: 'same' },
      { path: 'list[1]', before: '2', after: undefined, kind: 'removed' },
      { path: 'extra', before: undefined, after: '{}', kind: 'added' },
    ]);
    expect(jsonDiff(null, 3)).toEqual([{ path: '', before: undefined, after: '3', kind: 'added' }]);
    expect(jsonDiff(null, null)).toEqual([]);
  });
});

describe('routes of the new screens', () => {
  it('round-trips toggles and audit (with a selected entry)', () => {
    for (const route of [{ screen: 'toggles' }, { screen: 'audit' }, { screen: 'audit', seq: 42 }] as const) expect(parseRoute(routeToHash(route))).toEqual(route);
    expect(parseRoute('#/audit/abc')).toEqual({ screen: 'audit' });
  });
});
