import type { ComponentVersion, TrainRange } from '../protocol/index.ts';

/** One version's declared ranges, resolved into lookups once when the version is indexed. */
export interface VersionDeclaration {
  /** callee component → trains of it this version supports calling. */
  callees: ReadonlyMap<string, TrainRange>;
  /** caller component → trains of it this version supports being called by. */
  callers: ReadonlyMap<string, TrainRange>;
  /** database group → schema trains this version supports. */
  groups: ReadonlyMap<string, TrainRange>;
}

/** component → version → declaration; only versions that declare something are present. */
export type DeclarationIndex = Map<string, Map<string, VersionDeclaration>>;

export function inRange(range: TrainRange, train: number): boolean {
  return train >= range.min && train <= range.max;
}

export function resolveDeclaration(cv: ComponentVersion): VersionDeclaration | undefined {
  const c = cv.compatibility;
  if (!c) return undefined;
  const callees = new Map((c.callees ?? []).map((r) => [r.component, r.trains]));
  const callers = new Map((c.callers ?? []).map((r) => [r.component, r.trains]));
  const groups = new Map((c.databaseGroups ?? []).map((r) => [r.group, r.trains]));
  if (callees.size === 0 && callers.size === 0 && groups.size === 0) return undefined;
  return { callees, callers, groups };
}

/** Sets (or clears) the declaration of one component version: used on build and on upsert events. */
export function indexDeclaration(index: DeclarationIndex, cv: ComponentVersion): void {
  const declaration = resolveDeclaration(cv);
  let byVersion = index.get(cv.component);
  if (declaration) {
    if (!byVersion) index.set(cv.component, (byVersion = new Map()));
    byVersion.set(cv.version, declaration);
  } else if (byVersion) {
    byVersion.delete(cv.version);
    if (byVersion.size === 0) index.delete(cv.component);
  }
}

export function buildDeclarationIndex(componentVersions: Iterable<ComponentVersion>): DeclarationIndex {
  const index: DeclarationIndex = new Map();
  for (const cv of componentVersions) indexDeclaration(index, cv);
  return index;
}
