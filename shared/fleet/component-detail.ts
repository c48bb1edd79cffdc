import type { CompatView } from '../compat/index.ts';
import type { DeclaredException, Violation } from '../compat/schemas.ts';
import type { ComponentDetail, DependencyRow, HistoryPoint, SchemaRow } from '../contract/compat.ts';
import type { Database, Dependency, FleetState } from '../protocol/index.ts';
import { buildCatalog, type FleetCatalog } from './catalog.ts';
import { ROLLOUTS_IN_FLIGHT } from './summary.ts';

export class UnknownComponentError extends Error {}

/** Everything the component page shows, from the engine's view and the regions' states. */
export function buildComponentDetail(view: CompatView, states: readonly FleetState[], componentId: string, history: HistoryPoint[]): ComponentDetail {
  const catalog = buildCatalog(states);
  const component = catalog.componentById.get(componentId);
  if (!component) throw new UnknownComponentError(`No component "${componentId}" in any region`);
  const verdict = view.verdict();
  const violations = verdict.violations.filter((v) => v.components.includes(componentId));
  const exceptions = verdict.exceptions.filter((e) => e.components.includes(componentId));
  const label = (train: number) => view.trainName(train) ?? `#${train}`;
  const liveTrains = (region: string, id: string) => [...new Set(view.versionMix(region, id).map((m) => m.train))];

  const dependencyRow = (dep: Dependency, regions: string[], other: string): DependencyRow => {
    const pairs = dep.crossRegion
      ? [[catalog.regions.flatMap((r) => liveTrains(r.id, dep.from)), catalog.regions.flatMap((r) => liveTrains(r.id, dep.to))] as const]
      : regions.map((r) => [liveTrains(r, dep.from), liveTrains(r, dep.to)] as const);
    let maxGap: number | null = null;
    for (const [a, b] of pairs) {
      if (a.length === 0 || b.length === 0) continue;
      const gap = Math.max(Math.max(...a) - Math.min(...b), Math.max(...b) - Math.min(...a));
      maxGap = Math.max(maxGap ?? 0, gap);
    }
    const onEdge = (e: { rule: string; components: string[] }) => e.rule === 'peer-skew' && e.components.includes(dep.from) && e.components.includes(dep.to);
    const ids = violations.filter(onEdge).map((v) => v.id);
    const exceptionIds = exceptions.filter(onEdge).map((e) => e.id);
    const ref = catalog.componentById.get(other);
    return {
      component: { id: other, name: ref?.name ?? other, tier: ref?.tier ?? 'service' },
      kind: dep.kind,
      crossRegion: dep.crossRegion,
      maxGap,
      status: ids.length > 0 ? 'violation' : exceptionIds.length > 0 ? 'exception' : 'ok',
      violationIds: ids,
      exceptionIds,
    };
  };

  return {
    component: { id: component.id, name: component.name, tier: component.tier },
    regions: catalog.regions.map((region) => {
      const cell = view.cellStatus(region.id, componentId);
      return { region, status: cell.status, span: cell.span, mix: view.versionMix(region.id, componentId) };
    }),
    calls: catalog.edges.filter((e) => e.edge.from === componentId).map((e) => dependencyRow(e.edge, e.regions, e.edge.to)),
    calledBy: catalog.edges.filter((e) => e.edge.to === componentId).map((e) => dependencyRow(e.edge, e.regions, e.edge.from)),
    schemas: schemaRows(states, catalog, componentId, { violations, exceptions }, label, view),
    rollouts: states
      .flatMap((s) => s.rollouts.filter((r) => r.component === componentId).map((rollout) => ({ region: s.region.id, rollout })))
      .sort((a, b) => Number(ROLLOUTS_IN_FLIGHT.has(b.rollout.state)) - Number(ROLLOUTS_IN_FLIGHT.has(a.rollout.state)) || b.rollout.startedAt.localeCompare(a.rollout.startedAt)),
    violations,
    exceptions,
    history,
  };
}

function schemaRows(
  states: readonly FleetState[],
  catalog: FleetCatalog,
  componentId: string,
  { violations, exceptions }: { violations: Violation[]; exceptions: DeclaredException[] },
  label: (train: number) => string,
  view: CompatView,
): SchemaRow[] {
  const used = catalog.groups.filter((g) => g.group.usedBy.includes(componentId));
  if (used.length === 0) return [];
  const usedKeys = new Set(used.map((g) => `${g.region}\u0000${g.group.id}`));
  const buckets = new Map<string, Map<number, { count: number; migrating: number }>>();
  for (const state of states) {
    for (const db of state.databases) {
      const key = `${state.region.id}\u0000${db.group}`;
      if (!usedKeys.has(key)) continue;
      let byTrain = buckets.get(key);
      if (!byTrain) buckets.set(key, (byTrain = new Map()));
      for (const train of schemaTrainsOf(db)) {
        const bucket = byTrain.get(train) ?? { count: 0, migrating: 0 };
        bucket.count++;
        if (db.migration) bucket.migrating++;
        byTrain.set(train, bucket);
      }
    }
  }
  return used.map(({ region, group }) => {
    const byTrain = buckets.get(`${region}\u0000${group.id}`) ?? new Map();
    const instances = new Map<number, number>();
    for (const m of view.versionMix(region, componentId)) instances.set(m.train, (instances.get(m.train) ?? 0) + m.count);
    const inGroup = (e: { rule: string; databaseGroup: string | null; regions: string[] }) => e.rule === 'schema-skew' && e.databaseGroup === group.id && e.regions.includes(region);
    const ids = violations.filter(inGroup).map((v) => v.id);
    const exceptionIds = exceptions.filter(inGroup).map((e) => e.id);
    return {
      region,
      group: { id: group.id, name: group.name },
      schema: [...byTrain.entries()].sort((a, b) => a[0] - b[0]).map(([train, b]) => ({ train, trainName: label(train), count: b.count, migrating: b.migrating })),
      instances: [...instances.entries()].sort((a, b) => a[0] - b[0]).map(([train, count]) => ({ train, trainName: label(train), count })),
      status: ids.length > 0 ? 'violation' : exceptionIds.length > 0 ? 'exception' : 'ok',
      violationIds: ids,
      exceptionIds,
    };
  });
}

/** A database mid-migration counts at its current schema train and at both ends of the migration. */
function schemaTrainsOf(db: Database): number[] {
  return db.migration ? [...new Set([db.schemaTrain, db.migration.fromTrain, db.migration.toTrain])] : [db.schemaTrain];
}
