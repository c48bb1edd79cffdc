import { describe, expect, it } from 'vitest';
import { evaluate, type Violation } from '../../../shared/compat/index.ts';
import { fleetState, type FleetSpec } from './builders.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const run = (...specs: FleetSpec[]) => evaluate(specs.map(fleetState), { now: NOW });
const only = (violations: Violation[], rule: Violation['rule']) => violations.filter((v) => v.rule === rule);

describe('rule 1: version window', () => {
  it('names the oldest and newest versions, their trains and the instances and users at them', () => {
    const verdict = run({
      region: 'eu-west',
      versions: { search: { '4.2.0': 44, '4.3.0': 45, '4.5.1': 47 } },
      instances: [['search', '4.2.0', 300, 'running', 6], ['search', '4.3.0', 50], ['search', '4.5.1', 12, 'running', 3]],
    });
    const [v] = verdict.violations;
    expect(verdict.violations).toHaveLength(1);
    expect(v).toMatchObject({
      id: 'version-window:eu-west:search:44-47',
      rule: 'version-window',
      regions: ['eu-west'],
      components: ['search'],
      trains: [44, 47],
      gap: 3,
      limit: 2,
      instances: 312,
      activeUsers: 1836,
      firstSeen: NOW,
    });
    expect(v?.versions.map((x) => [x.version, x.train, x.instances])).toEqual([['4.2.0', 44, 300], ['4.5.1', 47, 12]]);
    expect(v?.sentence).toBe(
      'In eu-west, search runs 4.2.0 (train 2026.44) alongside 4.5.1 (train 2026.47): that spans 4 trains, ' +
        'but at most 3 consecutive trains may run side by side (312 instances, 1,836 active users).',
    );
  });

  it('orders versions by train only, never by the version string', () => {
    // "zeta" sorts after "alpha", but it is the older train.
    const verdict = run({
      region: 'eu-west',
      versions: { search: { zeta: 40, alpha: 43 } },
      instances: [['search', 'zeta', 1], ['search', 'alpha', 1]],
    });
    expect(verdict.violations[0]?.sentence).toContain('runs zeta (train 2026.40) alongside alpha (train 2026.43)');
  });

  it('lists every version of a train when several share it', () => {
    const verdict = run({
      region: 'eu-west',
      versions: { search: { '4.2.0': 44, '4.2.1-hotfix': 44, '4.5.1': 47 } },
      instances: [['search', '4.2.0', 1], ['search', '4.2.1-hotfix', 1], ['search', '4.5.1', 1]],
    });
    expect(verdict.violations[0]?.sentence).toContain('4.2.0 and 4.2.1-hotfix (train 2026.44)');
    expect(verdict.violations[0]?.instances).toBe(3);
  });

  it('counts starting and draining instances as live', () => {
    const verdict = run({
      region: 'eu-west',
      versions: { search: { a: 44, b: 47 } },
      instances: [['search', 'a', 1, 'starting'], ['search', 'b', 1, 'draining']],
    });
    expect(verdict.violations).toHaveLength(1);
  });

  it('reports a fleet-wide violation only for versions in different regions', () => {
    const versions = { search: { a: 44, b: 45, c: 46, d: 47 } };
    const oneRegionAlone = run(
      { region: 'us-east', versions, instances: [['search', 'a', 1], ['search', 'd', 1]] },
      { region: 'eu-west', versions, instances: [['search', 'c', 1]] },
    );
    expect(oneRegionAlone.violations.map((v) => v.id)).toEqual(['version-window:us-east:search:44-47']);

    const across = run(
      { region: 'us-east', versions, instances: [['search', 'a', 2]] },
      { region: 'eu-west', versions, instances: [['search', 'd', 3]] },
    );
    expect(across.violations).toHaveLength(1);
    expect(across.violations[0]).toMatchObject({ id: 'version-window:*:search:44-47', regions: ['us-east', 'eu-west'], instances: 5 });
    expect(across.violations[0]?.sentence).toMatch(/^Across regions, search runs a \(train 2026\.44\) in us-east alongside d \(train 2026\.47\) in eu-west/);
  });
});

describe('rule 2: peer skew', () => {
  const versions = { gateway: { g44: 44, g45: 45, g46: 46 }, search: { s44: 44, s45: 45, s46: 46, s47: 47 } };

  it('reports one violation per edge and region pair, named after the worst pair', () => {
    const verdict = run({
      region: 'eu-west',
      versions,
      dependencies: [{ from: 'gateway', to: 'search' }],
      instances: [['gateway', 'g44', 2], ['gateway', 'g45', 1], ['search', 's45', 4], ['search', 's47', 1]],
    });
    const peer = only(verdict.violations, 'peer-skew');
    expect(peer).toHaveLength(1);
    // Pairs too far apart: 44↔47 (3) and 45↔47 (2); 44↔45 and 45↔45 are fine.
    expect(peer[0]).toMatchObject({ trains: [44, 47], gap: 3, instances: 4, components: ['gateway', 'search'] });
    expect(peer[0]?.sentence).toBe(
      'In eu-west, gateway g44 (train 2026.44) calls search s47 (train 2026.47): 3 trains apart (the worst of 2 incompatible train pairs), ' +
        'but a caller and the component it calls may be at most 1 train apart (4 instances, 40 active users).',
    );
  });

  it('ignores edges whose ends do not both run in the region', () => {
    const verdict = run({ region: 'eu-west', versions, dependencies: [{ from: 'gateway', to: 'search' }], instances: [['gateway', 'g44', 1]] });
    expect(verdict.violations).toEqual([]);
  });

  it('ignores failed instances on either side', () => {
    const verdict = run({
      region: 'eu-west',
      versions,
      dependencies: [{ from: 'gateway', to: 'search' }],
      instances: [['gateway', 'g44', 1], ['search', 's45', 1], ['search', 's47', 3, 'failed']],
    });
    expect(verdict.violations).toEqual([]);
  });

  it('links callers to every region only when the edge is declared crossRegion in the caller region', () => {
    const caller = (crossRegion: boolean): FleetSpec => ({
      region: 'us-east',
      versions,
      dependencies: [{ from: 'gateway', to: 'search', crossRegion }],
      instances: [['gateway', 'g44', 1]],
    });
    const callee: FleetSpec = { region: 'eu-west', versions, instances: [['search', 's46', 1]] };
    expect(run(caller(false), callee).violations).toEqual([]);
    const declared = run(caller(true), callee).violations;
    expect(declared.map((v) => v.id)).toEqual(['peer-skew:us-east>eu-west:gateway>search:44-46']);
    expect(declared[0]?.sentence).toMatch(/^Across regions, gateway g44 \(train 2026\.44\) in us-east calls search s46 \(train 2026\.46\) in eu-west: 2 trains apart/);
  });
});

describe('rule 3: schema skew', () => {
  it('counts databases, migrating ones at both ends, and names the instances at the component train', () => {
    const verdict = run({
      region: 'us-east',
      versions: { search: { s45: 45 } },
      instances: [['search', 's45', 3, 'running', 7]],
      groups: [{ id: 'records', usedBy: ['search'] }],
      databases: [['records', 47, 2], ['records', 46, 1, { from: 46, to: 47 }], ['records', 45, 5]],
    });
    expect(verdict.violations).toHaveLength(1);
    expect(verdict.violations[0]).toMatchObject({
      id: 'schema-skew:us-east:records>search:45-47',
      databaseGroup: 'records',
      trains: [45, 47],
      databases: 3,
      instances: 3,
      activeUsers: 21,
      schemaTrains: [{ train: 47, trainName: '2026.47', databases: 3, migrating: 1 }],
    });
    expect(verdict.violations[0]?.sentence).toBe(
      'In us-east, search s45 (train 2026.45) uses records databases at schema train 2026.47 (3 databases, 1 of them mid-migration): ' +
        '2 trains apart, but an instance may only use schemas within 1 train of its own (3 instances, 21 active users).',
    );
  });

  it('only checks components the group lists in usedBy', () => {
    const verdict = run({
      region: 'us-east',
      versions: { search: { s45: 45 }, ui: { u45: 45 } },
      instances: [['search', 's45', 1], ['ui', 'u45', 1]],
      groups: [{ id: 'records', usedBy: ['ui'] }],
      databases: [['records', 45, 1]],
    });
    expect(verdict.violations).toEqual([]);
  });
});

describe('toggle minimum version', () => {
  const base = (state: 'on' | 'off' | 'dormant'): FleetSpec => ({
    region: 'ca-central',
    versions: { search: { s44: 44, s45: 45, s46: 46 } },
    instances: [['search', 's44', 1, 'running', 5], ['search', 's45', 2, 'running', 5], ['search', 's46', 1]],
    toggles: [{ key: 'semantic-search', state, min: { component: 'search', version: 's46' } }],
  });

  it('flags a toggle that is on while older live versions run', () => {
    const [v] = run(base('on')).violations;
    expect(v).toMatchObject({ rule: 'toggle-min-version', toggle: 'semantic-search', trains: [46], gap: 2, instances: 3, activeUsers: 15 });
    expect(v?.sentence).toBe(
      'In ca-central, toggle semantic-search is on but needs search s46 (train 2026.46) or later, ' +
        'while s44 (train 2026.44) and s45 (train 2026.45) still run (3 instances, 15 active users).',
    );
  });

  it('ignores toggles that are off or dormant', () => {
    expect(run(base('off')).violations).toEqual([]);
    expect(run(base('dormant')).violations).toEqual([]);
  });
});
