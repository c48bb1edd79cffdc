import { describe, expect, it } from 'vitest';
import { summarizeRegion } from '../../../shared/fleet/summary.ts';
import { smallFleet } from '../../support/small-fleet.ts';

describe('region summary', () => {
  it('counts live instances, versions by train, users, migrations and rollouts in flight', () => {
    const summary = summarizeRegion(smallFleet());
    expect(summary).toMatchObject({
      regionId: 'test-east',
      liveInstances: 2,
      failedInstances: 1,
      activeUsers: 14,
      liveVersions: 2,
      databases: 2,
      migrating: 1,
      togglesOn: 1,
    });
    expect(summary.instancesByTrain).toEqual([
      { train: 1, trainName: '2026.46', instances: 1 },
      { train: 2, trainName: '2026.47', instances: 1 },
    ]);
    expect(summary.rolloutsInFlight).toEqual([{ id: 'r-api', component: 'api', fromVersion: '1.0.0', toVersion: '1.1.0', state: 'progressing', stage: 'canary', canaryPercent: 5 }]);
  });
});
