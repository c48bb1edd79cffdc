import { FleetState } from '../../shared/protocol/index.ts';

/** A small, valid, hand-written fleet state for connector and UI tests. */
export function smallFleet(overrides: Partial<FleetState> = {}): FleetState {
  return FleetState.parse({
    region: { id: 'test-east', name: 'Test East', timezone: 'America/New_York' },
    revision: 0,
    generatedAt: '2026-11-27T00:00:00Z',
    trains: [
      { index: 1, name: '2026.46', date: '2026-11-13T00:00:00Z' },
      { index: 2, name: '2026.47', date: '2026-11-20T00:00:00Z' },
    ],
    components: [
      { id: 'api', name: 'API gateway', tier: 'gateway' },
      { id: 'store', name: 'Document store', tier: 'store' },
    ],
    componentVersions: [
      { component: 'api', version: '1.0.0', train: 1 },
      { component: 'api', version: '1.1.0', train: 2 },
      { component: 'store', version: '9.9.0', train: 1 },
    ],
    dependencies: [{ from: 'api', to: 'store', kind: 'http', crossRegion: false }],
    instances: [
      { id: 'api-1', host: 'api-1.local', component: 'api', version: '1.0.0', state: 'running', startedAt: '2026-11-20T00:00:00Z', activeUsers: 10 },
      { id: 'api-2', host: 'api-2.local', component: 'api', version: '1.1.0', state: 'running', startedAt: '2026-11-26T00:00:00Z', activeUsers: 4 },
      { id: 'store-1', host: 'store-1.local', component: 'store', version: '9.9.0', state: 'failed', startedAt: '2026-11-20T00:00:00Z', activeUsers: 0 },
    ],
    databaseGroups: [{ id: 'docs', name: 'Documents', usedBy: ['store'] }],
    databases: [
      { id: 'docs-1', group: 'docs', schemaVersion: 's1', schemaTrain: 1, migration: null },
      { id: 'docs-2', group: 'docs', schemaVersion: 's2', schemaTrain: 2, migration: { direction: 'forward', fromTrain: 1, toTrain: 2, startedAt: '2026-11-26T00:00:00Z', progress: 0.5 } },
    ],
    rollouts: [
      {
        id: 'r-api',
        component: 'api',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
        state: 'progressing',
        stages: [
          { name: 'canary', canaryPercent: 5, waves: 1, state: 'active' },
          { name: 'all', canaryPercent: 100, waves: 3, state: 'pending' },
        ],
        currentStage: 0,
        startedAt: '2026-11-26T00:00:00Z',
        history: [],
      },
    ],
    toggles: [{ key: 'new-viewer', description: 'New viewer', environment: 'production', state: 'on', minVersion: null }],
    stageGates: [],
    ...overrides,
  });
}
