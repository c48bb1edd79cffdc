import type { Cause, CauseDirection, CauseList } from './cause-schemas.ts';
import { candidatesOf, touchedAt, versionCell, type CandidateRef } from './cause-candidates.ts';
import { causeSentence, causeTitle } from './cause-text.ts';
import { uniqueRanges } from './rules/declared-ranges.ts';
import type { RuleId, Violation } from './schemas.ts';

interface Pool {
  ref: CandidateRef;
  /** violation id → how this candidate relates to it. */
  explains: Map<string, CandidateRef>;
  cells: Map<string, { instances: number; users: number }>;
  instances: number;
  users: number;
}

/**
 * Groups violations by cause: the (region, component or database group, train) — or the toggle —
 * whose change would resolve them. A violation has several candidate causes (a window's oldest or
 * newest train, a peer pair's caller or callee, a schema skew's component or schema); greedily, the
 * candidate that explains the most violations not yet explained wins, ties going to fewer instances,
 * then fewer users, then the id. Each violation ends up in exactly one cause.
 */
export function findCauses(violations: readonly Violation[]): CauseList {
  const pools = new Map<string, Pool>();
  for (const v of violations) {
    for (const ref of candidatesOf(v)) {
      let pool = pools.get(ref.key);
      if (!pool) pools.set(ref.key, (pool = { ref, explains: new Map(), cells: new Map(), instances: 0, users: 0 }));
      pool.explains.set(v.id, ref);
      for (const [cell, t] of touchedAt(ref, v)) pool.cells.set(cell, t);
    }
  }
  for (const pool of pools.values()) {
    for (const t of pool.cells.values()) {
      pool.instances += t.instances;
      pool.users += t.users;
    }
  }
  const byId = new Map(violations.map((v) => [v.id, v]));
  const unexplained = new Set(byId.keys());
  const chosen: { pool: Pool; ids: string[] }[] = [];
  while (unexplained.size > 0) {
    let best: Pool | undefined;
    let bestCount = 0;
    for (const pool of pools.values()) {
      let n = 0;
      for (const id of pool.explains.keys()) if (unexplained.has(id)) n++;
      if (n === 0) continue;
      if (!best || n > bestCount || (n === bestCount && betterTie(pool, best))) [best, bestCount] = [pool, n];
    }
    if (!best) break; // unreachable: every violation has at least one candidate
    const ids = [...best.explains.keys()].filter((id) => unexplained.has(id));
    for (const id of ids) unexplained.delete(id);
    chosen.push({ pool: best, ids });
  }
  const causes = chosen.map(({ pool, ids }) => buildCause(pool, ids.map((id) => byId.get(id)).filter((v): v is Violation => v !== undefined)));
  causes.sort((x, y) => y.violationIds.length - x.violationIds.length || y.gap - x.gap || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const causeOf: Record<string, string> = {};
  for (const cause of causes) for (const id of cause.violationIds) causeOf[id] = cause.id;
  const all = touchedOnce(violations);
  return { causes, causeOf, violations: violations.length, instances: all.instances, activeUsers: all.activeUsers };
}

function betterTie(a: Pool, b: Pool): boolean {
  if (a.instances !== b.instances) return a.instances < b.instances;
  if (a.users !== b.users) return a.users < b.users;
  return a.ref.key < b.ref.key;
}

/** Instances and users of a set of violations, each (region, component, version) counted once. */
export function touchedOnce(violations: readonly Violation[]): { instances: number; activeUsers: number; databases: number } {
  const cells = new Map<string, { instances: number; users: number }>();
  const schemas = new Map<string, number>();
  for (const v of violations) {
    for (const x of v.versions) cells.set(versionCell(x.region, x.component, x.version), { instances: x.instances, users: x.activeUsers });
    for (const s of v.schemaTrains) schemas.set(`${v.regions[0] ?? ''}\u0000${v.databaseGroup ?? ''}\u0000${s.train}`, s.databases);
  }
  let instances = 0;
  let activeUsers = 0;
  for (const t of cells.values()) {
    instances += t.instances;
    activeUsers += t.users;
  }
  let databases = 0;
  for (const n of schemas.values()) databases += n;
  return { instances, activeUsers, databases };
}

function buildCause(pool: Pool, violations: Violation[]): Cause {
  const { ref } = pool;
  const refs = violations.map((v) => pool.explains.get(v.id)).filter((r): r is CandidateRef => r !== undefined);
  const behind = refs.filter((r) => r.direction === 'behind').length;
  const ahead = refs.filter((r) => r.direction === 'ahead').length;
  const direction: CauseDirection | null = behind > 0 && ahead === 0 ? 'behind' : ahead > 0 && behind === 0 ? 'ahead' : null;
  const gap = Math.max(0, ...violations.map((v) => v.gap));
  const versions = [...new Set(violations.flatMap((v) =>
    v.versions.filter((x) => x.region === ref.region && x.component === ref.component && x.train === ref.train).map((x) => x.version)))].sort();
  const rules = [...new Set(violations.map((v) => v.rule))].sort() as RuleId[];
  const touched = touchedOnce(violations);
  const shape = { ...ref, direction, gap, versions };
  return {
    id: ref.key,
    kind: ref.kind,
    region: ref.region,
    component: ref.kind === 'schema' ? null : ref.component,
    databaseGroup: ref.group,
    toggle: ref.toggle,
    train: ref.train,
    trainName: ref.trainName,
    versions,
    direction,
    gap,
    title: causeTitle(shape, refs),
    sentence: causeSentence(shape, refs, violations.length, uniqueRanges(violations.flatMap((v) => v.declarations ?? []))),
    rules,
    violationIds: violations.map((v) => v.id),
    instances: touched.instances,
    activeUsers: touched.activeUsers,
    databases: touched.databases,
  };
}
