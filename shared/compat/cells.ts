import { joinKey } from './ids.ts';
import type { CompatModel } from './model.ts';
import type { CellCompliance, VersionMixEntry, Verdict } from './schemas.ts';
import { WINDOW_LIMIT } from './rules/version-window.ts';

/** Live version mix of one region × component cell, oldest train first. */
export function versionMix(model: CompatModel, region: string, component: string): VersionMixEntry[] {
  return model.summary(region, component).buckets.flatMap((b) =>
    b.versions.map((v) => ({ train: b.train, trainName: model.catalog.label(b.train), version: v.version, count: v.live, activeUsers: v.users })),
  );
}

/** violation ids by region × component, built once per verdict. */
export type CellViolationIndex = Map<string, string[]>;

function cellKey(region: string, component: string): string {
  return joinKey(region, component);
}

export function indexViolationsByCell(verdict: Verdict): CellViolationIndex {
  const index: CellViolationIndex = new Map();
  for (const v of verdict.violations) {
    for (const region of v.regions) {
      for (const component of v.components) {
        const key = cellKey(region, component);
        const list = index.get(key);
        if (list) list.push(v.id);
        else index.set(key, [v.id]);
      }
    }
  }
  return index;
}

export function cellCompliance(model: CompatModel, index: CellViolationIndex, region: string, component: string): CellCompliance {
  const { buckets } = model.summary(region, component);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const span = first && last ? last.train - first.train : null;
  const violationIds = index.get(cellKey(region, component)) ?? [];
  const status = violationIds.length > 0 ? 'violation' : span === WINDOW_LIMIT ? 'warning' : 'ok';
  return { region, component, status, span, violationIds };
}

/** Every region × component cell (components in first-seen order across regions). */
export function complianceMatrix(model: CompatModel, verdict: Verdict): CellCompliance[] {
  const index = indexViolationsByCell(verdict);
  const components: string[] = [];
  const seen = new Set<string>();
  for (const id of model.regionIds()) {
    for (const c of model.anyRegion(id)?.components ?? []) {
      if (!seen.has(c.id)) {
        seen.add(c.id);
        components.push(c.id);
      }
    }
  }
  return model.regionIds().flatMap((region) => components.map((component) => cellCompliance(model, index, region, component)));
}
