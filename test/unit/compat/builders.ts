import { FleetState, type Compatibility, type Database, type Instance, type Rollout, type Toggle } from '../../../shared/protocol/index.ts';

/** Concise, valid FleetState documents for unit tests. Train index n is named `2026.n`. */
export interface FleetSpec {
  region: string;
  trains?: number[];
  /** component → version → train */
  versions: Record<string, Record<string, number>>;
  dependencies?: { from: string; to: string; crossRegion?: boolean }[];
  /** [component, version, count, state?, usersEach?] */
  instances?: [string, string, number, Instance['state']?, number?][];
  groups?: { id: string; usedBy: string[] }[];
  /** [group, schemaTrain, count, migration?] */
  databases?: [string, number, number, { from: number; to: number }?][];
  toggles?: { key: string; state: Toggle['state']; min?: { component: string; version: string } }[];
  rollouts?: { id: string; component: string; from: string; to: string; stages?: number[]; currentStage?: number }[];
  /** `component@version` → its declared compatibility ranges. */
  declare?: Record<string, Compatibility>;
}

export const T0 = '2026-01-01T00:00:00.000Z';

export function fleetState(spec: FleetSpec): FleetState {
  const mentioned = [
    ...Object.values(spec.versions).flatMap((v) => Object.values(v)),
    ...(spec.databases ?? []).flatMap(([, train, , m]) => (m ? [train, m.from, m.to] : [train])),
  ];
  const allTrains = spec.trains ?? [...new Set(mentioned)].sort((a, b) => a - b);
  let n = 0;
  const instances: Instance[] = [];
  for (const [component, version, count, state = 'running', users = 10] of spec.instances ?? []) {
    for (let i = 0; i < count; i++) {
      n++;
      instances.push({ id: `${spec.region}-i${n}`, host: `h${n}`, component, version, state, startedAt: T0, activeUsers: users });
    }
  }
  let d = 0;
  const databases: Database[] = [];
  for (const [group, schemaTrain, count, migration] of spec.databases ?? []) {
    for (let i = 0; i < count; i++) {
      d++;
      databases.push({
        id: `${spec.region}-db${d}`,
        group,
        schemaVersion: `s${schemaTrain}`,
        schemaTrain,
        migration: migration
          ? { direction: migration.to >= migration.from ? 'forward' : 'backward', fromTrain: migration.from, toTrain: migration.to, startedAt: T0, progress: 0.5 }
          : null,
      });
    }
  }
  const toggles: Toggle[] = (spec.toggles ?? []).map((t) => ({ key: t.key, description: t.key, environment: 'production', state: t.state, minVersion: t.min ?? null }));
  const rollouts: Rollout[] = (spec.rollouts ?? []).map((r) => ({
    id: r.id,
    component: r.component,
    fromVersion: r.from,
    toVersion: r.to,
    state: 'progressing',
    stages: (r.stages ?? [10, 50, 100]).map((p, i) => ({ name: `stage-${i + 1}`, canaryPercent: p, waves: 1, state: 'pending' })),
    currentStage: r.currentStage ?? 0,
    startedAt: T0,
    history: [],
  }));
  return FleetState.parse({
    region: { id: spec.region, name: spec.region, timezone: 'UTC' },
    revision: 0,
    generatedAt: T0,
    trains: allTrains.map((index) => ({ index, name: `2026.${index}`, date: T0 })),
    components: Object.keys(spec.versions).map((id) => ({ id, name: id, tier: 'service' })),
    componentVersions: Object.entries(spec.versions).flatMap(([component, byVersion]) =>
      Object.entries(byVersion).map(([version, train]) => {
        const compatibility = spec.declare?.[`${component}@${version}`];
        return compatibility ? { component, version, train, compatibility } : { component, version, train };
      }),
    ),
    dependencies: (spec.dependencies ?? []).map((dep) => ({ from: dep.from, to: dep.to, kind: 'http', crossRegion: dep.crossRegion ?? false })),
    instances,
    databaseGroups: (spec.groups ?? []).map((g) => ({ id: g.id, name: g.id, usedBy: g.usedBy })),
    databases,
    rollouts,
    toggles,
    stageGates: [],
  });
}
