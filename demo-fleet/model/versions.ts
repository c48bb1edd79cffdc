import type { Compatibility, ComponentVersion } from '../../shared/protocol/index.ts';
import { CATALOG, type ComponentSpec } from './catalog.ts';
import { Prng, hashString, seedFor } from './prng.ts';
import { trainName, type TrainPlan } from './trains.ts';
import type { DatabaseGroupSpec } from './database-catalog.ts';

/**
 * Opaque version strings per component and train. Minor numbers cross 9 → 10, calendar versions
 * drop leading zeros and one component restarted its numbering, so neither string nor semver
 * order matches train order: consumers must use `train`.
 */
export class VersionTable {
  private readonly byComponent = new Map<string, ComponentVersion[]>();
  private readonly trainByVersion = new Map<string, number>();

  constructor(entries: ComponentVersion[]) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: ComponentVersion): void {
    const list = this.byComponent.get(entry.component) ?? [];
    list.push(entry);
    this.byComponent.set(entry.component, list);
    this.trainByVersion.set(`${entry.component}@${entry.version}`, entry.train);
  }

  all(): ComponentVersion[] {
    return [...this.byComponent.values()].flat();
  }

  /** The newest build of `component` for `train` (what deployments use). */
  versionFor(component: string, train: number): string {
    const list = this.byComponent.get(component) ?? [];
    let found: string | undefined;
    for (const entry of list) if (entry.train === train) found = entry.version;
    if (found === undefined) throw new Error(`no version of ${component} for train ${train}`);
    return found;
  }

  trainOf(component: string, version: string): number | undefined {
    return this.trainByVersion.get(`${component}@${version}`);
  }

  buildsOf(component: string, train: number): string[] {
    return (this.byComponent.get(component) ?? []).filter((e) => e.train === train).map((e) => e.version);
  }
}

export function buildVersionTable(seed: number, plan: TrainPlan, catalog: readonly ComponentSpec[] = CATALOG): VersionTable {
  const entries: ComponentVersion[] = [];
  for (const spec of catalog) entries.push(...componentVersions(seed, spec, plan));
  return new VersionTable(entries);
}

function componentVersions(seed: number, spec: ComponentSpec, plan: TrainPlan): ComponentVersion[] {
  const rng = new Prng(seedFor(seed, 'versions', spec.id));
  const out: ComponentVersion[] = [];
  let major = rng.int(1, 8);
  let minor = rng.int(3, 9);
  const rebaseAt = plan.first + rng.int(4, 8);
  for (const train of plan.trains) {
    const patch = rng.int(0, 4);
    let core: string;
    if (spec.scheme === 'calver') {
      const [year, week] = trainName(Date.parse(train.date)).split('.');
      core = `${(year ?? '').slice(2)}.${Number(week)}.${patch}`;
    } else if (spec.scheme === 'rebased' && train.index >= rebaseAt) {
      // The rewrite restarted at 1.0 — later trains, smaller numbers.
      major = train.index === rebaseAt ? 1 : major;
      minor = train.index === rebaseAt ? 0 : minor + 1;
      core = `${major}.${minor}.${patch}`;
    } else {
      if (train.index !== plan.first) {
        if (rng.chance(0.07)) {
          major += 1;
          minor = 0;
        } else {
          minor += 1;
        }
      }
      if (spec.scheme === 'rebased') major = Math.max(major, 9);
      core = `${major}.${minor}.${patch}`;
    }
    const builds = rng.chance(0.18) ? 2 : 1;
    const compatibility = declaredCompatibility(spec, train.index, plan);
    for (let build = 1; build <= builds; build++) {
      const version = builds === 1 && rng.chance(0.6) ? core : `${core}-r${build}`;
      out.push(compatibility ? { component: spec.id, version, train: train.index, compatibility } : { component: spec.id, version, train: train.index });
    }
  }
  return out;
}

/** The spec's declared callee ranges around `train`, kept within the trains the plan knows. */
function declaredCompatibility(spec: ComponentSpec, train: number, plan: TrainPlan): Compatibility | undefined {
  if (!spec.declares || spec.declares.length === 0) return undefined;
  return {
    callees: spec.declares.map((d) => ({ component: d.callee, trains: { min: Math.max(plan.first, train - d.below), max: Math.min(plan.upcoming, train + d.above) } })),
  };
}

/** A later rebuild of a train's version (for hotfix builds published while the fleet runs). */
export function rebuildVersion(existing: string, buildNumber: number): string {
  return `${existing.replace(/-r\d+$/, '')}-r${buildNumber}`;
}

/** Flyway-style schema version of a database group at a train, e.g. `pix-V97`, `pix-V101`. */
export function schemaVersion(group: DatabaseGroupSpec, train: number): string {
  const base = 60 + (hashString(group.id) % 40);
  const n = base + (train - 190) * 3 + (hashString(`${group.id}:${train}`) % 3);
  return `${group.schemaPrefix}-V${Math.max(1, n)}`;
}
