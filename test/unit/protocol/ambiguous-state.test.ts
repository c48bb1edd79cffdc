import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../../demo-fleet/generate/fleet.ts';
import { SCENARIO_NAMES } from '../../../demo-fleet/model/scenarios.ts';
import { FleetState, findAmbiguities, type AmbiguityIssue } from '../../../shared/protocol/index.ts';
import { formatPath, issuePath } from '../../../shared/zod-issues.ts';
import { smallFleet } from '../../support/small-fleet.ts';
import { regionSim, T0 } from '../demo-fleet/helpers/region-sim.ts';

/** `field: message` of every issue, in order. */
function problems(state: unknown): string[] {
  const parsed = FleetState.safeParse(state);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${formatPath(issuePath(issue))}: ${issue.message}`);
}

/** smallFleet with one list changed (the helper itself parses, so build from its valid output). */
function withList<K extends keyof FleetState>(key: K, change: (list: FleetState[K]) => FleetState[K]): FleetState {
  const base = smallFleet();
  return { ...base, [key]: change(base[key]) };
}

describe('FleetState rejects ambiguous states', () => {
  it('accepts the hand-written small fleet', () => {
    expect(problems(smallFleet())).toEqual([]);
  });

  it('names both places of a duplicate instance id', () => {
    const state = withList('instances', (list) => [...list, { ...list[0]!, host: 'elsewhere' }]);
    expect(problems(state)).toEqual(['instances[3].id: duplicate instance id "api-1" (also at instances[0])']);
  });

  it('reports every later occurrence, each naming the first', () => {
    const state = withList('instances', (list) => [list[1]!, ...list, list[1]!]);
    expect(problems(state)).toEqual([
      'instances[2].id: duplicate instance id "api-2" (also at instances[0])',
      'instances[4].id: duplicate instance id "api-2" (also at instances[0])',
    ]);
  });

  it.each([
    ['databases', 'databases[2].id: duplicate database id "docs-1" (also at databases[0])'],
    ['components', 'components[2].id: duplicate component id "api" (also at components[0])'],
    ['databaseGroups', 'databaseGroups[1].id: duplicate database group id "docs" (also at databaseGroups[0])'],
    ['rollouts', 'rollouts[1].id: duplicate rollout id "r-api" (also at rollouts[0])'],
    ['toggles', 'toggles[1].key: duplicate toggle key "new-viewer" (also at toggles[0])'],
    ['trains', 'trains[2].index: duplicate train index 1 (also at trains[0])'],
  ] as const)('names both places of a duplicate in %s', (key, expected) => {
    const state = withList(key, (list) => [...list, list[0]!] as never);
    expect(problems(state)).toEqual([expected]);
  });

  it('rejects a train index given twice even with another name', () => {
    const state = withList('trains', (list) => [...list, { index: 2, name: '2026.48', date: '2026-11-27T00:00:00Z' }]);
    expect(problems(state)).toEqual(['trains[2].index: duplicate train index 2 (also at trains[1])']);
  });

  it('rejects one component version declared at two trains, naming both', () => {
    const state = withList('componentVersions', (list) => [...list, { component: 'api', version: '1.0.0', train: 2 }]);
    expect(problems(state)).toEqual(['componentVersions[3].train: api version "1.0.0" declared at train 2 and at train 1 (componentVersions[0])']);
  });

  it('accepts the same version string in two components, and one declaration repeated at the same train', () => {
    const state = withList('componentVersions', (list) => [...list, { component: 'store', version: '1.0.0', train: 1 }, { ...list[0]! }]);
    expect(problems(state)).toEqual([]);
  });

  it('does not confuse ids that would collide under a naive key separator', () => {
    const state = withList('componentVersions', () => [
      { component: 'a@b', version: 'c', train: 1 },
      { component: 'a', version: 'b@c', train: 2 },
    ]);
    expect(problems(state)).toEqual([]);
  });

  it('keeps ids of different lists apart (an instance may share its id with a database)', () => {
    const state = withList('instances', (list) => [...list, { ...list[0]!, id: 'docs-1' }]);
    expect(problems(state)).toEqual([]);
  });

  it('reports a duplicate next to errors in other fields, but checks only a list whose items are valid', () => {
    const base = smallFleet();
    const both = { ...base, revision: 'x', instances: [...base.instances, base.instances[0]] };
    expect(problems(both)).toEqual([
      'revision: Invalid input: expected number, received string',
      'instances[3].id: duplicate instance id "api-1" (also at instances[0])',
    ]);
    const invalidItem = { ...base, instances: [...base.instances, base.instances[0], { ...base.instances[1], state: 'sleeping' }] };
    expect(problems(invalidItem)).toEqual(['instances[4].state: Invalid option: expected one of "starting"|"running"|"draining"|"failed"']);
  });

  it('stays a plain object schema: consumers can still extend it', () => {
    const extended = FleetState.extend({ revision: FleetState.shape.revision.max(10) });
    expect(extended.safeParse(withList('instances', (list) => [...list, list[0]!])).success).toBe(false);
  });

  it('findAmbiguities gives the same issues to callers outside zod', () => {
    const found: AmbiguityIssue[] = [];
    findAmbiguities(withList('toggles', (list) => [...list, list[0]!]), (issue) => found.push(issue));
    expect(found).toEqual([{ path: ['toggles', 1, 'key'], message: 'duplicate toggle key "new-viewer" (also at toggles[0])' }]);
  });
});

describe('the demo fleet never produces an ambiguous state', () => {
  const ambiguities = (state: FleetState): AmbiguityIssue[] => {
    const found: AmbiguityIssue[] = [];
    findAmbiguities(state, (issue) => found.push(issue));
    return found.slice(0, 3);
  };

  it.each(SCENARIO_NAMES)('scenario %s, 4 and 6 regions', (scenario) => {
    for (const regions of [4, 6] as const) {
      for (const state of generateFleet({ seed: 42, scale: 12_000, scenario, regions })) expect(ambiguities(state), state.region.id).toEqual([]);
    }
  });

  it('nor after six simulated hours of live changes', () => {
    for (const region of ['us-east', 'eu-west'] as const) {
      const sim = regionSim(region);
      sim.advanceTo(T0 + 6 * 3_600_000);
      expect(ambiguities(sim.snapshot(T0)), region).toEqual([]);
    }
  });
});
