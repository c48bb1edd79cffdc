import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../../demo-fleet/index.ts';

function semverKey(v: string): number[] {
  return v.replace(/-.*$/, '').split('.').map(Number);
}

function compareSemver(a: string, b: string): number {
  const x = semverKey(a);
  const y = semverKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

describe('version strings are opaque', () => {
  const regions = generateFleet({ scale: 2_000 });
  const [state] = regions;
  const byComponent = new Map<string, Array<{ version: string; train: number }>>();
  for (const v of state?.componentVersions ?? []) {
    byComponent.set(v.component, [...(byComponent.get(v.component) ?? []), v]);
  }
  const inTrainOrder = (list: Array<{ version: string; train: number }>): string[] =>
    [...list].sort((a, b) => a.train - b.train).map((v) => v.version);

  it('string order differs from train order for some components', () => {
    const mismatched = [...byComponent.values()].filter((list) => {
      const byString = [...list].sort((a, b) => (a.version < b.version ? -1 : 1));
      return byString.some((v, i) => v.train !== [...list].sort((a, b) => a.train - b.train)[i]?.train);
    });
    expect(mismatched.length).toBeGreaterThan(0);
  });

  it('even semver order differs from train order for some component', () => {
    const mismatched = [...byComponent.entries()].filter(([, list]) => {
      const trainOrder = inTrainOrder(list);
      const semverOrder = [...list].sort((a, b) => compareSemver(a.version, b.version)).map((v) => v.version);
      return trainOrder.some((v, i) => semverKey(v).join('.') !== semverKey(semverOrder[i] ?? '').join('.'));
    });
    expect(mismatched.map(([c]) => c)).toContain('patient-index');
  });

  it('maps every version string to exactly one train, the same in every region', () => {
    const trainsOf = new Map<string, Set<number>>();
    let declarations = 0;
    for (const region of regions) {
      const keys = region.componentVersions.map((v) => `${v.component}@${v.version}`);
      // Within a region a version string is declared once: a second entry could name another train.
      expect(keys.length - new Set(keys).size).toBe(0);
      for (const v of region.componentVersions) {
        const key = `${v.component}@${v.version}`;
        trainsOf.set(key, (trainsOf.get(key) ?? new Set<number>()).add(v.train));
        declarations++;
      }
    }
    // The regions declare shared versions, so the check below really compares regions with each other.
    expect(regions.length).toBeGreaterThan(1);
    expect(declarations).toBeGreaterThan(trainsOf.size);
    const ambiguous = [...trainsOf].filter(([, trains]) => trains.size !== 1).map(([key, trains]) => `${key}: ${[...trains].join(', ')}`);
    expect(ambiguous).toEqual([]);
    // And every version that runs or is rolled out is one of those strings, so it has a train.
    for (const region of regions) {
      const undeclared = [
        ...region.instances.map((i) => `${i.component}@${i.version}`),
        ...region.rollouts.flatMap((r) => [`${r.component}@${r.fromVersion}`, `${r.component}@${r.toVersion}`]),
      ].filter((key) => !trainsOf.has(key));
      expect(undeclared).toEqual([]);
    }
  });
});
