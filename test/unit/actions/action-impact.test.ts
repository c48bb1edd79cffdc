import { describe, expect, it } from 'vitest';
import { actionImpact, UnknownTargetError } from '../../../shared/fleet/action-impact.ts';
import { smallFleet } from '../../support/small-fleet.ts';

describe('action impact', () => {
  const state = smallFleet();

  it('a rollback touches the live instances above the target train, with their users', () => {
    const impact = actionImpact(state, { type: 'component.rollback', component: 'api', toTrain: 1 });
    expect(impact).toMatchObject({ targetKind: 'component', target: 'api', instances: 1, activeUsers: 4, before: { versions: ['1.1.0'] }, after: { train: 1, version: '1.0.0' } });
    expect(impact.summary).toBe('Roll api in test-east back to train 1 (1.0.0)');
  });

  it('a toggle without a minimum version touches the whole region; failed instances do not count', () => {
    const impact = actionImpact(state, { type: 'toggle.set', key: 'new-viewer', state: 'off' });
    expect(impact).toMatchObject({ targetKind: 'toggle', instances: 2, activeUsers: 14, before: { state: 'on' }, after: { state: 'off' } });
  });

  it('a rollout action touches the instances at its two versions', () => {
    const impact = actionImpact(state, { type: 'rollout.pause', rolloutId: 'r-api' });
    expect(impact).toMatchObject({ targetKind: 'rollout', target: 'r-api', instances: 2, activeUsers: 14, before: { state: 'progressing', stage: 'canary' }, after: { state: 'paused' } });
  });

  it('a schema rollback counts the databases above the train and the instances of the components using them', () => {
    const impact = actionImpact(state, { type: 'schema.rollback', databaseGroup: 'docs', toTrain: 1 });
    expect(impact).toMatchObject({ targetKind: 'database-group', instances: 0, before: { databasesAbove: 1, trains: [2] }, after: { train: 1 } });
  });

  it('names a target that does not exist', () => {
    expect(() => actionImpact(state, { type: 'toggle.set', key: 'nope', state: 'off' })).toThrow(UnknownTargetError);
    expect(() => actionImpact(state, { type: 'rollout.abort', rolloutId: 'nope' })).toThrow(/rollout "nope" does not exist in test-east/);
  });
});
