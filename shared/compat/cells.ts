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

/** violation and declared-exception ids by region × component, built once per verdict. */
export interface CellViolationIndex {
  violations: Map<string, string[]>;
  exceptions: Map<string, string[]>;
}

function cellKey(region: string, component: string): string {
  return joinKey(region, component);
}

function indexByCell(findings: readonly { id: string; regions: string[]; components: string[] }[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const v of findings) {
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

export function indexViolationsByCell(verdict: Verdict): CellViolationIndex {
  return { violations: indexByCell(verdict.violations), exceptions: indexByCell(verdict.exceptions) };
}

/** Worst first: a violation, then a declared exception (never silent), then the three-train limit. */
export function cellCompliance(model: CompatModel, index: CellViolationIndex, region: string, component: string): CellCompliance {
  const { buckets } = model.summary(region, component);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const span = first && last ? last.train - first.train : null;
  const violationIds = index.violations.get(cellKey(region, component)) ?? [];
  const exceptionIds = index.exceptions.get(cellKey(region, component)) ?? [];
  const status = violationIds.length > 0 ? 'violation' : exceptionIds.length > 0 ? 'exception' : span === WINDOW_LIMIT ? 'warning' : 'ok';
  return { region, component, status, span, violationIds, exceptionIds };
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
