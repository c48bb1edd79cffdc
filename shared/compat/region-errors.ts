import { inputError } from './input-error.ts';
import { plural } from './format.ts';
import { storeValues, type RegionIndex } from './region-index.ts';
import { shapeTrains } from './tallies.ts';
import type { CompatInputError } from './schemas.ts';

/**
 * Input errors of one region: anything a rule would need that the state does not define.
 * Instance and database problems are found on the count tables first; the documents are scanned
 * only when there is something to locate, so a valid region costs no extra pass.
 */
export function regionInputErrors(region: RegionIndex): CompatInputError[] {
  return [...structuralErrors(region), ...instanceErrors(region), ...databaseErrors(region)];
}

function structuralErrors(region: RegionIndex): CompatInputError[] {
  const id = region.info.id;
  const errors: CompatInputError[] = [];
  const knownComponent = (c: string) => region.componentIds.has(c);
  [...region.componentVersions.values()].forEach((cv, i) => {
    const key = `${cv.component}@${cv.version}`;
    if (!knownComponent(cv.component)) {
      errors.push(inputError(id, 'componentVersion', key, ['componentVersions', i, 'component'], `component "${cv.component}" is not in components`));
    }
    if (!region.trainSet.has(cv.train)) {
      errors.push(inputError(id, 'componentVersion', key, ['componentVersions', i, 'train'], `train ${cv.train} is not in trains`));
    }
  });
  errors.push(...declarationErrors(region));
  region.dependencies.forEach((dep, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!knownComponent(dep[end])) {
        errors.push(inputError(id, 'dependency', `${dep.from}->${dep.to}`, ['dependencies', i, end], `component "${dep[end]}" is not in components`));
      }
    }
  });
  [...region.databaseGroups.values()].forEach((group, i) => {
    group.usedBy.forEach((component, j) => {
      if (!knownComponent(component)) {
        errors.push(inputError(id, 'databaseGroup', group.id, ['databaseGroups', i, 'usedBy', j], `component "${component}" is not in components`));
      }
    });
  });
  [...region.toggles.values()].forEach((toggle, i) => {
    const min = toggle.minVersion;
    if (!min) return;
    if (!knownComponent(min.component)) {
      errors.push(inputError(id, 'toggle', toggle.key, ['toggles', i, 'minVersion', 'component'], `component "${min.component}" is not in components`));
    } else if (region.versionTrains.get(min.component)?.get(min.version) === undefined) {
      errors.push(inputError(id, 'toggle', toggle.key, ['toggles', i, 'minVersion', 'version'], `${min.component} version "${min.version}" is not in componentVersions`));
    }
  });
  return errors;
}

interface Located {
  index: number;
  error: CompatInputError;
}

function instanceErrors(region: RegionIndex): CompatInputError[] {
  const badComponents = new Set<string>();
  const badVersions = new Map<string, number>(); // key → instances at it
  for (const [component, byVersion] of region.instanceTallies) {
    if (!region.componentIds.has(component)) {
      badComponents.add(component);
      continue;
    }
    const trains = region.versionTrains.get(component);
    for (const [version, tally] of byVersion) {
      if (trains?.get(version) === undefined) badVersions.set(`${component}@${version}`, tally.total);
    }
  }
  if (badComponents.size === 0 && badVersions.size === 0) return [];
  const found = new Map<string, Located>();
  let index = 0;
  for (const instance of storeValues(region.instances)) {
    const i = index++;
    if (badComponents.has(instance.component)) {
      const key = `component:${instance.component}`;
      if (!found.has(key)) {
        found.set(key, { index: i, error: inputError(region.info.id, 'instance', instance.id, ['instances', i, 'component'], `component "${instance.component}" is not in components`) });
      }
      continue;
    }
    const versionKey = `${instance.component}@${instance.version}`;
    const count = badVersions.get(versionKey);
    if (count !== undefined && !found.has(versionKey)) {
      const message = `${instance.component} version "${instance.version}" is not in componentVersions (${plural(count, 'instance')})`;
      found.set(versionKey, { index: i, error: inputError(region.info.id, 'instance', instance.id, ['instances', i, 'version'], message) });
    }
  }
  return [...found.values()].sort((a, b) => a.index - b.index).map((l) => l.error);
}

function databaseErrors(region: RegionIndex): CompatInputError[] {
  const badGroups = new Set<string>();
  const badTrains = new Set<number>();
  for (const [group, tally] of region.groupTallies) {
    if (!region.databaseGroups.has(group)) badGroups.add(group);
    for (const train of tally.plain.keys()) if (!region.trainSet.has(train)) badTrains.add(train);
    for (const { shape } of tally.migrating.values()) {
      for (const train of shapeTrains(shape)) if (!region.trainSet.has(train)) badTrains.add(train);
    }
  }
  if (badGroups.size === 0 && badTrains.size === 0) return [];
  const found = new Map<string, CompatInputError>();
  let i = 0;
  for (const db of storeValues(region.databases)) {
    const at = (key: string, path: (string | number)[], message: string) => {
      if (!found.has(key)) found.set(key, inputError(region.info.id, 'database', db.id, ['databases', i, ...path], message));
    };
    if (badGroups.has(db.group)) at(`group:${db.group}`, ['group'], `database group "${db.group}" is not in databaseGroups`);
    const fields: [string[], number | undefined][] = [
      [['schemaTrain'], db.schemaTrain],
      [['migration', 'fromTrain'], db.migration?.fromTrain],
      [['migration', 'toTrain'], db.migration?.toTrain],
    ];
    for (const [path, train] of fields) {
      if (train !== undefined && badTrains.has(train)) at(`train:${train}`, path, `train ${train} is not in trains`);
    }
    i++;
  }
  return [...found.values()];
}

/**
 * Declared ranges must name what the version really talks to here: a callee this region's
 * dependencies say the component calls, and a database group that lists the component in `usedBy`.
 * Caller ranges are not checked: callers may live in other regions (cross-region edges), and a
 * range about a component that never calls this one never applies.
 */
function declarationErrors(region: RegionIndex): CompatInputError[] {
  if (region.declarations.size === 0) return [];
  const id = region.info.id;
  const calls = new Set(region.dependencies.map((d) => JSON.stringify([d.from, d.to])));
  const errors: CompatInputError[] = [];
  [...region.componentVersions.values()].forEach((cv, i) => {
    const c = cv.compatibility;
    if (!c) return;
    const key = `${cv.component}@${cv.version}`;
    (c.callees ?? []).forEach((range, j) => {
      const path = ['componentVersions', i, 'compatibility', 'callees', j, 'component'];
      if (!region.componentIds.has(range.component)) {
        errors.push(inputError(id, 'componentVersion', key, path, `declared callee "${range.component}" is not in components`));
      } else if (!calls.has(JSON.stringify([cv.component, range.component]))) {
        errors.push(inputError(id, 'componentVersion', key, path, `declared callee "${range.component}": no dependency ${cv.component} → ${range.component} in this region`));
      }
    });
    (c.databaseGroups ?? []).forEach((range, j) => {
      const path = ['componentVersions', i, 'compatibility', 'databaseGroups', j, 'group'];
      const group = region.databaseGroups.get(range.group);
      if (!group) errors.push(inputError(id, 'componentVersion', key, path, `declared database group "${range.group}" is not in databaseGroups`));
      else if (!group.usedBy.includes(cv.component)) {
        errors.push(inputError(id, 'componentVersion', key, path, `declared database group "${range.group}" does not list ${cv.component} in usedBy`));
      }
    });
  });
  return errors;
}
