import { z } from 'zod';
import type { FleetState, RolloutState } from '../protocol/index.ts';

const LIVE_STATES = new Set(['starting', 'running', 'draining']);
/** Rollout states that still move instances (or may again). */
export const ROLLOUTS_IN_FLIGHT: ReadonlySet<RolloutState> = new Set(['progressing', 'paused', 'rolling-back']);

export const RolloutSummary = z.object({
  id: z.string(),
  component: z.string(),
  fromVersion: z.string(),
  toVersion: z.string(),
  state: z.string(),
  stage: z.string(),
  canaryPercent: z.number(),
});

export const RegionSummary = z.object({
  regionId: z.string(),
  regionName: z.string(),
  timezone: z.string(),
  revision: z.number().int(),
  generatedAt: z.string(),
  components: z.number().int(),
  instances: z.number().int(),
  liveInstances: z.number().int(),
  failedInstances: z.number().int(),
  activeUsers: z.number().int(),
  /** Distinct component versions with live instances. */
  liveVersions: z.number().int(),
  /** Live instances per train index, for the version-mix bar. */
  instancesByTrain: z.array(z.object({ train: z.number().int(), trainName: z.string(), instances: z.number().int() })),
  databases: z.number().int(),
  migrating: z.number().int(),
  rolloutsInFlight: z.array(RolloutSummary),
  togglesOn: z.number().int(),
  toggles: z.number().int(),
});
export type RegionSummary = z.infer<typeof RegionSummary>;

/** Counts for a region card. Pure: one pass over instances and databases. */
export function summarizeRegion(state: FleetState): RegionSummary {
  const trainOf = new Map<string, number>();
  for (const v of state.componentVersions) trainOf.set(`${v.component}\u0000${v.version}`, v.train);
  const trainName = new Map(state.trains.map((t) => [t.index, t.name]));
  const versions = new Set<string>();
  const byTrain = new Map<number, number>();
  let live = 0;
  let failed = 0;
  let users = 0;
  for (const instance of state.instances) {
    if (!LIVE_STATES.has(instance.state)) {
      if (instance.state === 'failed') failed++;
      continue;
    }
    live++;
    users += instance.activeUsers;
    const key = `${instance.component}\u0000${instance.version}`;
    versions.add(key);
    const train = trainOf.get(key);
    if (train !== undefined) byTrain.set(train, (byTrain.get(train) ?? 0) + 1);
  }
  return {
    regionId: state.region.id,
    regionName: state.region.name,
    timezone: state.region.timezone,
    revision: state.revision,
    generatedAt: state.generatedAt,
    components: state.components.length,
    instances: state.instances.length,
    liveInstances: live,
    failedInstances: failed,
    activeUsers: users,
    liveVersions: versions.size,
    instancesByTrain: [...byTrain.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([train, instances]) => ({ train, trainName: trainName.get(train) ?? `#${train}`, instances })),
    databases: state.databases.length,
    migrating: state.databases.filter((d) => d.migration !== null).length,
    rolloutsInFlight: state.rollouts
      .filter((r) => ROLLOUTS_IN_FLIGHT.has(r.state))
      .map((r) => {
        const stage = r.stages[Math.min(r.currentStage, r.stages.length - 1)];
        return { id: r.id, component: r.component, fromVersion: r.fromVersion, toVersion: r.toVersion, state: r.state, stage: stage?.name ?? '', canaryPercent: stage?.canaryPercent ?? 0 };
      }),
    togglesOn: state.toggles.filter((t) => t.state === 'on').length,
    toggles: state.toggles.length,
  };
}
