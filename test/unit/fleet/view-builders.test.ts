import { describe, expect, it } from 'vitest';
import { indexFleet } from '../../../shared/compat/index.ts';
import { buildComponentDetail, UnknownComponentError } from '../../../shared/fleet/component-detail.ts';
import { buildSkewMatrix } from '../../../shared/fleet/skew-matrix.ts';
import { readFileSync } from 'node:fs';
import { FleetState } from '../../../shared/protocol/index.ts';
import { smallFleet } from '../../support/small-fleet.ts';

const NOW = '2026-11-27T06:00:00.000Z';

/** api runs trains 1 and 3 in test-east while its callee store stays on train 1: peer skew 2. */
function skewedFleet(): FleetState {
  const base = smallFleet();
  return {
    ...base,
    trains: [...base.trains, { index: 3, name: '2026.48', date: '2026-11-27T00:00:00Z' }],
    componentVersions: [...base.componentVersions, { component: 'api', version: '1.2.0', train: 3 }],
    instances: [
      ...base.instances.filter((i) => i.component !== 'api' || i.version === '1.0.0'),
      { id: 'api-3', host: 'api-3.local', component: 'api', version: '1.2.0', state: 'running', startedAt: '2026-11-27T00:00:00Z', activeUsers: 7 },
      { id: 'store-2', host: 'store-2.local', component: 'store', version: '9.9.0', state: 'running', startedAt: '2026-11-20T00:00:00Z', activeUsers: 0 },
    ],
    rollouts: [
      { ...base.rollouts[0]!, id: 'r-old', state: 'completed', startedAt: '2026-11-01T00:00:00Z' },
      ...base.rollouts,
    ],
  };
}

describe('skew matrix view', () => {
  it('gives every component × region cell its mix and compliance', () => {
    const states = [skewedFleet()];
    const matrix = buildSkewMatrix(indexFleet(states, { now: NOW }), states);
    expect(matrix.components.map((c) => c.id)).toEqual(['api', 'store']); // gateway before store tier
    expect(matrix.cells).toHaveLength(2);
    const api = matrix.cells.find((c) => c.component === 'api')!;
    expect(api).toMatchObject({ region: 'test-east', status: 'violation', span: 2, live: 2 });
    expect(api.mix.map((m) => m.trainName)).toEqual(['2026.46', '2026.48']);
    expect(matrix.violations.some((v) => v.rule === 'peer-skew' && api.violationIds.includes(v.id))).toBe(true);
  });
});

describe('component detail view', () => {
  const states = [skewedFleet()];
  const view = indexFleet(states, { now: NOW });

  it('rates dependencies by their worst train gap', () => {
    const detail = buildComponentDetail(view, states, 'api', []);
    expect(detail.calls).toEqual([
      expect.objectContaining({ component: { id: 'store', name: 'Document store', tier: 'store' }, kind: 'http', maxGap: 2, status: 'violation' }),
    ]);
    expect(detail.calledBy).toEqual([]);
    expect(buildComponentDetail(view, states, 'store', []).calledBy[0]).toMatchObject({ maxGap: 2, status: 'violation' });
  });

  it('counts schema trains with migrating databases at both ends, beside the instance trains', () => {
    const detail = buildComponentDetail(view, states, 'store', []);
    expect(detail.schemas).toHaveLength(1);
    expect(detail.schemas[0]!.schema).toEqual([
      { train: 1, trainName: '2026.46', count: 2, migrating: 1 },
      { train: 2, trainName: '2026.47', count: 1, migrating: 1 },
    ]);
    expect(detail.schemas[0]!.instances).toEqual([{ train: 1, trainName: '2026.46', count: 1 }]);
  });

  it('lists rollouts in flight before finished ones', () => {
    expect(buildComponentDetail(view, states, 'api', []).rollouts.map((r) => r.rollout.id)).toEqual(['r-api', 'r-old']);
  });

  it('refuses a component no region defines', () => {
    expect(() => buildComponentDetail(view, states, 'nope', [])).toThrow(UnknownComponentError);
  });

  it('marks an edge beyond ±1 that a declared range allows as a declared exception, and lists it', () => {
    const wider = [FleetState.parse(JSON.parse(readFileSync(new URL('../../fixtures/compat/declared-peer-wider.json', import.meta.url), 'utf8')))];
    const v = indexFleet(wider, { now: NOW });
    const gateway = buildComponentDetail(v, wider, 'api-gateway', []);
    expect(gateway.violations).toEqual([]);
    expect(gateway.exceptions.map((e) => e.id)).toEqual(['declared-exception:peer-skew:us-east:api-gateway>search:47-45']);
    expect(gateway.calls).toEqual([expect.objectContaining({ component: expect.objectContaining({ id: 'search' }), status: 'exception', exceptionIds: gateway.exceptions.map((e) => e.id), violationIds: [] })]);
    // The same edge seen from the callee, and no exception where the trains are within ±1.
    expect(buildComponentDetail(v, wider, 'search', []).calledBy[0]).toMatchObject({ status: 'exception' });
    const current = [FleetState.parse(JSON.parse(readFileSync(new URL('../../fixtures/compat/declared-peer-wider-current.json', import.meta.url), 'utf8')))];
    const within = buildComponentDetail(indexFleet(current, { now: NOW }), current, 'api-gateway', []);
    expect(within.exceptions).toEqual([]);
    expect(within.calls[0]).toMatchObject({ status: 'ok', exceptionIds: [] });
  });
});
