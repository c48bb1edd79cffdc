import { afterEach, describe, expect, it } from 'vitest';
import type { RegionsService } from '../../../electron/common/regions-service.ts';
import type { HistoryStore } from '../../../electron/history/index.ts';
import { CompatService } from '../../../electron/services/compat-service.ts';
import { VersionHistory } from '../../../electron/services/version-history.ts';
import { createIncrementalEvaluator } from '../../../shared/compat/index.ts';
import type { FleetState } from '../../../shared/protocol/index.ts';
import { waitFor } from '../../support/demo-fleet.ts';
import { smallFleet } from '../../support/small-fleet.ts';
import { historyFixture, iso, T0 } from './fixtures.ts';

const f = historyFixture();
afterEach(() => f.cleanup());

/** Just enough of the connectors for CompatService: fixed fleet states, no events. */
function fixedRegions(states: FleetState[]): RegionsService {
  return {
    list: () => [],
    fleetStates: () => states,
    onStatus: () => () => {},
    onFleet: () => () => {},
    setExternalToggles: () => {},
    actions: () => undefined,
    start: async () => {},
    stop: async () => {},
  };
}

function stepClock(): () => string {
  let t = T0;
  return () => iso((t += 5_000));
}

describe('version-mix history across a restart', () => {
  it('a CompatService with a store samples; after closing and reopening, the earlier points are still there', async () => {
    const file = await f.file();
    const regions = fixedRegions([smallFleet()]);
    const store = f.open(file, { mixHeartbeatMs: 0 });
    const first = new CompatService(regions, { clock: stepClock(), sampleEveryMs: 10, historyStore: store });
    first.start();
    const before = await waitFor(() => {
      const points = first.history.of('api');
      return points.length >= 3 && points;
    }, 'three samples');
    first.stop();
    expect(before[0]!.trains).toEqual([
      { train: 1, trainName: '2026.46', count: 1 },
      { train: 2, trainName: '2026.47', count: 1 },
    ]);
    const sampled = first.history.of('api');
    store.close();

    const second = new CompatService(regions, { historyStore: f.open(file) });
    expect(second.history.of('api')).toEqual(sampled);
    expect(second.history.of('store').length).toBe(sampled.length);
    // Without a store, nothing survives.
    expect(new CompatService(regions).history.of('api')).toEqual([]);
  });

  it('keeps the older positional constructor', () => {
    const service = new CompatService(fixedRegions([]), () => iso(T0), 1_000);
    expect(service.history.of('api')).toEqual([]);
  });
});

describe('VersionHistory', () => {
  const view = createIncrementalEvaluator([smallFleet()], iso(T0));

  it('keeps samples in memory without a store', () => {
    const history = new VersionHistory({ capacity: 2 });
    for (let i = 0; i < 3; i++) history.sample(view, ['api'], iso(T0 + i * 5_000));
    expect(history.of('api').map((p) => p.at)).toEqual([iso(T0 + 5_000), iso(T0 + 10_000)]);
  });

  it('reports a failing store once and answers from memory', async () => {
    const problems: string[] = [];
    const store = f.open(await f.file());
    store.close();
    const history = new VersionHistory({ store, onProblem: (m) => problems.push(m) });
    history.sample(view, ['api'], iso(T0));
    history.sample(view, ['api'], iso(T0 + 5_000));
    expect(history.of('api').map((p) => p.at)).toEqual([iso(T0), iso(T0 + 5_000)]);
    expect(problems).toEqual([
      expect.stringMatching(/^history store: storing a version-mix sample failed: .*closed/),
      expect.stringMatching(/^history store: reading version-mix history failed: .*closed/),
    ]);
  });

  it('reads from the store when it has one', async () => {
    const store: HistoryStore = f.open(await f.file());
    const history = new VersionHistory({ store });
    history.sample(view, ['api', 'store'], iso(T0));
    expect(store.mixOf('api')).toEqual([
      {
        at: iso(T0),
        trains: [
          { train: 1, trainName: '2026.46', count: 1 },
          { train: 2, trainName: '2026.47', count: 1 },
        ],
      },
    ]);
    // Its only instance has failed: no live instances, still a point.
    expect(store.mixOf('store')).toEqual([{ at: iso(T0), trains: [] }]);
    expect(history.of('api')).toEqual(store.mixOf('api'));
  });
});
