import { writeFileSync } from 'node:fs';
import { fleetState, type FleetSpec } from './test/unit/compat/builders.ts';
import type { FleetState } from './shared/protocol/index.ts';

const dir = 'test/fixtures/compat';
const SEARCH = { '4.8.1': 44, '4.9.2': 45, '4.10.0': 46, '4.11.0': 47 };
const GATEWAY = { '2.3.0': 44, '2.4.0': 45, '2.5.0': 46, '2.6.0': 47 };
const INDEX = { '7.0.0': 44, '7.1.0': 45, '7.2.0': 46, '7.3.0': 47 };
const TRAINS = [43, 44, 45, 46, 47, 48];

function formatState(s: FleetState, pad: string): string {
  const lines = Object.entries(s).map(([k, v]) => {
    if (Array.isArray(v)) {
      if (v.length === 0) return `${pad}  "${k}": []`;
      return `${pad}  "${k}": [\n${v.map((x) => `${pad}    ${JSON.stringify(x)}`).join(',\n')}\n${pad}  ]`;
    }
    return `${pad}  "${k}": ${JSON.stringify(v)}`;
  });
  return `${pad}{\n${lines.join(',\n')}\n${pad}}`;
}

function write(name: string, specs: FleetSpec | FleetSpec[], expected: object) {
  const states = Array.isArray(specs) ? specs.map(fleetState) : fleetState(specs);
  const text = Array.isArray(states) ? `[\n${states.map((s) => formatState(s, '  ')).join(',\n')}\n]\n` : `${formatState(states, '')}\n`;
  writeFileSync(`${dir}/${name}.json`, text);
  const list = (items: unknown[]) => (items.length === 0 ? '[]' : `[\n${items.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`);
  const e = expected as { description: string; violations: unknown[]; errors: unknown[] };
  writeFileSync(`${dir}/${name}.expected.json`, `{\n  "description": ${JSON.stringify(e.description)},\n  "violations": ${list(e.violations)},\n  "errors": ${list(e.errors)}\n}\n`);
}
const v = (rule: string, regions: string[], components: string[], trains: number[], databaseGroup: string | null = null) => ({ rule, regions, components, databaseGroup, trains });
const none = (description: string) => ({ description, violations: [], errors: [] });

write('single-train', {
  region: 'eu-west', trains: TRAINS, versions: { search: SEARCH, 'api-gateway': GATEWAY },
  dependencies: [{ from: 'api-gateway', to: 'search' }],
  instances: [['search', '4.9.2', 3], ['api-gateway', '2.4.0', 2]],
  groups: [{ id: 'search-index', usedBy: ['search'] }], databases: [['search-index', 45, 2]],
  toggles: [{ key: 'fuzzy-search', state: 'on', min: { component: 'search', version: '4.9.2' } }],
}, none('Everything on train 2026.45: compliant.'));

write('window-span-2-ok', {
  region: 'eu-west', trains: TRAINS, versions: { search: SEARCH },
  instances: [['search', '4.8.1', 1], ['search', '4.9.2', 2], ['search', '4.10.0', 1]],
}, none('Trains 44, 45 and 46 side by side: exactly 3 consecutive trains, allowed.'));

write('window-span-3', {
  region: 'eu-west', trains: TRAINS, versions: { search: SEARCH },
  instances: [['search', '4.8.1', 2], ['search', '4.9.2', 1], ['search', '4.11.0', 1]],
}, { description: 'Trains 44 to 47 side by side: 4 trains, one too many.', violations: [v('version-window', ['eu-west'], ['search'], [44, 47])], errors: [] });

write('window-failed-ignored', {
  region: 'eu-west', trains: TRAINS, versions: { search: { ...SEARCH, '4.7.3': 43 } },
  instances: [['search', '4.7.3', 2, 'failed'], ['search', '4.9.2', 2], ['search', '4.10.0', 1, 'draining']],
}, none('Failed instances at train 43 do not serve and do not count; live span is 45–46.'));

write('window-fleet-wide', [
  { region: 'us-east', trains: TRAINS, versions: { search: SEARCH }, instances: [['search', '4.8.1', 2], ['search', '4.9.2', 1]] },
  { region: 'eu-west', trains: TRAINS, versions: { search: SEARCH }, instances: [['search', '4.10.0', 1], ['search', '4.11.0', 2]] },
], { description: 'Each region spans 2 trains, but the fleet runs search from 44 to 47.', violations: [v('version-window', ['us-east', 'eu-west'], ['search'], [44, 47])], errors: [] });

write('peer-skew-one-apart-ok', {
  region: 'eu-west', trains: TRAINS, versions: { search: SEARCH, 'api-gateway': GATEWAY },
  dependencies: [{ from: 'api-gateway', to: 'search' }],
  instances: [['api-gateway', '2.4.0', 2], ['search', '4.8.1', 1], ['search', '4.10.0', 1]],
}, none('api-gateway at 45 calls search at 44 and 46: each pair is 1 train apart.'));

write('peer-skew-two-apart', {
  region: 'eu-west', trains: TRAINS, versions: { search: SEARCH, 'api-gateway': GATEWAY },
  dependencies: [{ from: 'api-gateway', to: 'search' }],
  instances: [['api-gateway', '2.3.0', 2], ['search', '4.9.2', 1], ['search', '4.10.0', 1]],
}, { description: 'api-gateway at 44 calls search at 46: 2 trains apart.', violations: [v('peer-skew', ['eu-west'], ['api-gateway', 'search'], [44, 46])], errors: [] });

const crossRegion = (declared: boolean): FleetSpec[] => [
  { region: 'us-east', trains: TRAINS, versions: { search: SEARCH, 'api-gateway': GATEWAY },
    dependencies: [{ from: 'api-gateway', to: 'search', crossRegion: declared }],
    instances: [['api-gateway', '2.3.0', 2], ['search', '4.8.1', 2]] },
  { region: 'eu-west', trains: TRAINS, versions: { search: SEARCH, 'api-gateway': GATEWAY },
    dependencies: [{ from: 'api-gateway', to: 'search', crossRegion: declared }],
    instances: [['api-gateway', '2.5.0', 1], ['search', '4.10.0', 3]] },
];
write('peer-cross-region-declared', crossRegion(true), {
  description: 'Gateways reach search in every region (crossRegion): us-east 44 ↔ eu-west 46 in both directions.',
  violations: [v('peer-skew', ['eu-west', 'us-east'], ['api-gateway', 'search'], [46, 44]), v('peer-skew', ['us-east', 'eu-west'], ['api-gateway', 'search'], [44, 46])],
  errors: [],
});
write('peer-cross-region-undeclared', crossRegion(false), none('Same versions, but callers only reach their own region: compliant.'));

write('schema-skew-one-apart-ok', {
  region: 'us-east', trains: TRAINS, versions: { search: SEARCH },
  instances: [['search', '4.9.2', 2]],
  groups: [{ id: 'search-index', usedBy: ['search'] }], databases: [['search-index', 44, 1], ['search-index', 45, 2], ['search-index', 46, 1]],
}, none('search at 45 uses schemas at 44, 45 and 46 (46 = a migration running ahead): allowed.'));

write('schema-skew-two-apart', {
  region: 'us-east', trains: TRAINS, versions: { search: SEARCH },
  instances: [['search', '4.9.2', 2]],
  groups: [{ id: 'search-index', usedBy: ['search'] }], databases: [['search-index', 43, 1], ['search-index', 45, 2], ['search-index', 47, 1]],
}, { description: 'search at 45 with schemas at 43 and 47: both 2 trains away.',
  violations: [v('schema-skew', ['us-east'], ['search'], [45, 43], 'search-index'), v('schema-skew', ['us-east'], ['search'], [45, 47], 'search-index')], errors: [] });

write('schema-migration-forward', {
  region: 'us-east', trains: TRAINS, versions: { search: SEARCH },
  instances: [['search', '4.9.2', 2]],
  groups: [{ id: 'search-index', usedBy: ['search'] }],
  databases: [['search-index', 45, 1, { from: 45, to: 46 }], ['search-index', 46, 1, { from: 46, to: 47 }]],
}, { description: 'search at 45: a 45→46 migration is fine; a 46→47 migration already reaches 47.',
  violations: [v('schema-skew', ['us-east'], ['search'], [45, 47], 'search-index')], errors: [] });

write('schema-migration-backward', {
  region: 'us-east', trains: TRAINS, versions: { search: SEARCH, 'patient-index': INDEX },
  instances: [['search', '4.10.0', 2], ['patient-index', '7.2.0', 1]],
  groups: [{ id: 'records', usedBy: ['search', 'patient-index'] }],
  databases: [['records', 47, 1, { from: 47, to: 46 }], ['records', 46, 1, { from: 46, to: 44 }]],
}, { description: 'Readers at 46: rolling a schema back 47→46 is fine; 46→44 goes 2 trains behind both readers.',
  violations: [v('schema-skew', ['us-east'], ['patient-index'], [46, 44], 'records'), v('schema-skew', ['us-east'], ['search'], [46, 44], 'records')], errors: [] });

write('toggle-min-version-met', {
  region: 'ca-central', trains: TRAINS, versions: { search: SEARCH },
  instances: [['search', '4.9.2', 2], ['search', '4.10.0', 2], ['search', '4.8.1', 1, 'failed']],
  toggles: [
    { key: 'fuzzy-search', state: 'on', min: { component: 'search', version: '4.9.2' } },
    { key: 'semantic-search', state: 'dormant', min: { component: 'search', version: '4.11.0' } },
  ],
}, none('The on toggle needs 45 and every live instance has it; the dormant one is not checked.'));

write('toggle-min-version-unmet', {
  region: 'ca-central', trains: TRAINS, versions: { search: SEARCH },
  instances: [['search', '4.9.2', 2], ['search', '4.10.0', 2]],
  toggles: [{ key: 'semantic-search', state: 'on', min: { component: 'search', version: '4.10.0' } }],
}, { description: 'semantic-search is on but 2 instances still run 4.9.2 (train 45 < 46).',
  violations: [{ ...v('toggle-min-version', ['ca-central'], ['search'], [46]), toggle: 'semantic-search' }], errors: [] });

write('two-regions-mixed', [
  { region: 'us-east', trains: TRAINS, versions: { search: SEARCH, 'api-gateway': GATEWAY, 'patient-index': INDEX },
    dependencies: [{ from: 'api-gateway', to: 'search' }, { from: 'search', to: 'patient-index' }],
    instances: [['api-gateway', '2.5.0', 3, 'running', 120], ['search', '4.10.0', 4, 'running', 80], ['patient-index', '7.2.0', 2, 'running', 40]],
    groups: [{ id: 'records', usedBy: ['patient-index'] }], databases: [['records', 46, 3], ['records', 44, 1]],
    toggles: [{ key: 'semantic-search', state: 'off', min: { component: 'search', version: '4.11.0' } }],
    rollouts: [{ id: 'us-east-search-47', component: 'search', from: '4.10.0', to: '4.11.0', stages: [5, 50, 100] }] },
  { region: 'eu-west', trains: TRAINS, versions: { search: SEARCH, 'api-gateway': GATEWAY, 'patient-index': INDEX },
    dependencies: [{ from: 'api-gateway', to: 'search' }, { from: 'search', to: 'patient-index' }],
    instances: [['api-gateway', '2.5.0', 2, 'running', 150], ['search', '4.8.1', 1, 'running', 30], ['search', '4.10.0', 2, 'running', 60], ['search', '4.11.0', 1, 'running', 25], ['patient-index', '7.2.0', 2, 'running', 40]],
    groups: [{ id: 'records', usedBy: ['patient-index'] }], databases: [['records', 46, 2]],
    rollouts: [{ id: 'eu-west-search-47', component: 'search', from: '4.10.0', to: '4.11.0', stages: [5, 50, 100] }] },
], { description: 'A board-style example: eu-west search spans 44–47 and lags behind its gateway; us-east has one stale records database.',
  violations: [
    v('version-window', ['eu-west'], ['search'], [44, 47]),
    v('peer-skew', ['eu-west'], ['api-gateway', 'search'], [46, 44]),
    v('peer-skew', ['eu-west'], ['search', 'patient-index'], [44, 46]),
    v('schema-skew', ['us-east'], ['patient-index'], [46, 44], 'records'),
  ], errors: [] });

const err = (region: string, field: string) => ({ region, field });
write('error-unknown-version', {
  region: 'eu-west', trains: TRAINS, versions: { search: SEARCH },
  instances: [['search', '4.9.2', 2], ['search', '4.12.0-rc1', 1]],
}, { description: 'An instance runs a version componentVersions does not define: input error, no guess.', violations: [], errors: [err('eu-west', 'instances[2].version')] });

write('error-unknown-train', {
  region: 'eu-west', trains: [44, 45, 46], versions: { search: { '4.8.1': 44, '4.9.2': 45, '4.11.0': 47 } },
  instances: [['search', '4.9.2', 1]],
  groups: [{ id: 'search-index', usedBy: ['search'] }], databases: [['search-index', 45, 1], ['search-index', 45, 1, { from: 45, to: 49 }]],
}, { description: 'A component version and a migration name trains the region does not list.', violations: [],
  errors: [err('eu-west', 'componentVersions[2].train'), err('eu-west', 'databases[1].migration.toTrain')] });

write('error-unknown-toggle-version', {
  region: 'ca-central', trains: TRAINS, versions: { search: SEARCH },
  instances: [['search', '4.9.2', 1]],
  toggles: [{ key: 'semantic-search', state: 'dormant', min: { component: 'search', version: '5.0.0' } }],
}, { description: 'A toggle requires a version nobody defined.', violations: [], errors: [err('ca-central', 'toggles[0].minVersion.version')] });

write('error-unknown-dependency', {
  region: 'us-east', trains: TRAINS, versions: { search: SEARCH },
  dependencies: [{ from: 'search', to: 'spell-checker' }],
  instances: [['search', '4.9.2', 1]],
}, { description: 'A dependency names a component the region does not list.', violations: [], errors: [err('us-east', 'dependencies[0].to')] });

import { mkdirSync } from 'node:fs';
mkdirSync(`${dir}/actions`, { recursive: true });
const action = (name: string, body: object) => writeFileSync(`${dir}/actions/${name}.json`, `${JSON.stringify(body, null, 2)}\n`);
action('eu-west-rollback-search-46', { region: 'eu-west', action: { type: 'component.rollback', component: 'search', toTrain: 46 } });
action('us-east-resume-search-rollout', { region: 'us-east', action: { type: 'rollout.resume', rolloutId: 'us-east-search-47' } });
action('us-east-semantic-search-on', { region: 'us-east', action: { type: 'toggle.set', key: 'semantic-search', state: 'on' } });
action('eu-west-unknown-rollout', { region: 'eu-west', action: { type: 'rollout.abort', rolloutId: 'no-such-rollout' } });
