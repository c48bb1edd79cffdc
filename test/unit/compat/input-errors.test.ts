import { describe, expect, it } from 'vitest';
import { describeInputError, evaluate } from '../../../shared/compat/index.ts';
import type { FleetState } from '../../../shared/protocol/index.ts';
import { fleetState, type FleetSpec } from './builders.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const versions = { search: { s44: 44, s45: 45, s47: 47 } };

describe('input errors', () => {
  it('names region, entity, id and field of an instance at an undefined version, once per version', () => {
    const verdict = evaluate(
      [fleetState({ region: 'eu-west', versions, instances: [['search', 's45', 1], ['search', 'nightly', 3]] })],
      { now: NOW },
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.errors).toEqual([
      {
        region: 'eu-west',
        entity: 'instance',
        entityId: 'eu-west-i2',
        path: ['instances', 1, 'version'],
        field: 'instances[1].version',
        message: 'search version "nightly" is not in componentVersions (3 instances)',
      },
    ]);
    expect(describeInputError(verdict.errors[0]!, 'eu-west.json')).toBe(
      'eu-west.json: instances[1].version: search version "nightly" is not in componentVersions (3 instances)',
    );
  });

  it('reports failed instances at undefined versions too: the document is wrong either way', () => {
    const verdict = evaluate([fleetState({ region: 'eu-west', versions, instances: [['search', 'nightly', 1, 'failed']] })], { now: NOW });
    expect(verdict.errors.map((e) => e.field)).toEqual(['instances[0].version']);
  });

  it('reports instances of undefined components and databases of undefined groups', () => {
    const verdict = evaluate(
      [
        fleetState({
          region: 'eu-west',
          versions,
          instances: [['search', 's45', 1], ['spellcheck', '1.0', 2]],
          groups: [{ id: 'records', usedBy: ['search', 'ghost'] }],
          databases: [['records', 45, 1], ['orphans', 45, 1]],
        }),
      ],
      { now: NOW },
    );
    expect(verdict.errors.map((e) => [e.entity, e.field, e.message])).toEqual([
      ['databaseGroup', 'databaseGroups[0].usedBy[1]', 'component "ghost" is not in components'],
      ['instance', 'instances[1].component', 'component "spellcheck" is not in components'],
      ['database', 'databases[1].group', 'database group "orphans" is not in databaseGroups'],
    ]);
  });

  it('leaves a region with errors out, and still evaluates the others', () => {
    const broken = fleetState({ region: 'eu-west', versions, instances: [['search', 'nightly', 1]] });
    const fine = fleetState({ region: 'us-east', versions, instances: [['search', 's44', 1], ['search', 's47', 1]] });
    const verdict = evaluate([broken, fine], { now: NOW });
    expect(verdict.excludedRegions).toEqual(['eu-west']);
    expect(verdict.regions).toEqual(['us-east']);
    expect(verdict.violations.map((v) => v.id)).toEqual(['version-window:us-east:search:44-47']);
  });

  it('rejects a region given twice and trains named differently by two regions', () => {
    const a = fleetState({ region: 'eu-west', versions, instances: [['search', 's45', 1]] });
    const renamed: FleetState = { ...fleetState({ region: 'us-east', versions }), trains: a.trains.map((t) => ({ ...t, name: t.index === 45 ? 'autumn' : t.name })) };
    const verdict = evaluate([a, renamed, a], { now: NOW });
    expect(verdict.errors.map((e) => [e.region, e.field])).toEqual([
      ['eu-west', 'region.id'],
      ['us-east', 'trains[1].name'],
    ]);
    expect(verdict.errors[1]?.message).toBe('train 45 is named "autumn" here but "2026.45" in eu-west');
  });

  it('checks every reference a rule would follow', () => {
    const spec: FleetSpec = {
      region: 'us-east',
      trains: [44, 45],
      versions: { search: { s44: 44, s46: 46 } },
      dependencies: [{ from: 'gateway', to: 'search' }],
      toggles: [{ key: 'x', state: 'off', min: { component: 'ghost', version: '1' } }],
      groups: [{ id: 'records', usedBy: ['search'] }],
      databases: [['records', 44, 1, { from: 44, to: 46 }], ['records', 43, 1]],
    };
    const verdict = evaluate([fleetState(spec)], { now: NOW });
    expect(verdict.errors.map((e) => e.field)).toEqual([
      'componentVersions[1].train',
      'dependencies[0].from',
      'toggles[0].minVersion.component',
      'databases[0].migration.toTrain',
      'databases[1].schemaTrain',
    ]);
  });
});
