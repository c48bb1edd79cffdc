import type { Instance } from '../../shared/protocol/index.ts';
import type { ComponentSpec } from '../model/catalog.ts';
import type { Prng } from '../model/prng.ts';
import type { RegionSpec } from '../model/regions.ts';
import { LAST_STAGE, stageTarget } from '../model/rollout-stages.ts';
import type { VersionTable } from '../model/versions.ts';
import type { ComponentPlan } from './plans.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Instances per host node. */
const PACKING = 14;

export function instanceId(region: RegionSpec, component: string, seq: number): string {
  return `${region.code}-${component}-${seq.toString(36).padStart(5, '0')}`;
}

export function hostName(region: RegionSpec, node: number): string {
  return `${region.code}-n${String(node).padStart(4, '0')}.rcc.internal`;
}

export function nodeCount(instances: number): number {
  return Math.max(1, Math.ceil(instances / PACKING));
}

/** Users on an instance: front doors carry sessions, back-end tiers none. */
export function activeUsersFor(rng: Prng, spec: ComponentSpec, state: Instance['state']): number {
  if (state === 'failed' || state === 'starting') return 0;
  const scale = state === 'draining' ? 0.1 : 1;
  if (spec.tier === 'ui') return Math.round(rng.int(20, 420) * scale);
  if (spec.tier === 'gateway') return Math.round(rng.int(60, 650) * scale);
  if (spec.tier === 'service') return Math.round(rng.int(0, 120) * scale);
  return 0;
}

export interface InstanceBatch {
  instances: Instance[];
  nextSeq: number;
}

/** When the in-flight rollout of a plan started (and each stage since), relative to `at`. */
export function rolloutStartMs(plan: ComponentPlan, atMs: number): number {
  return atMs - ((plan.rollout?.stage ?? 0) + 1) * 40 * MINUTE;
}

export function generateInstances(
  rng: Prng,
  region: RegionSpec,
  specs: readonly ComponentSpec[],
  counts: readonly number[],
  plans: readonly ComponentPlan[],
  versions: VersionTable,
  atMs: number,
): InstanceBatch {
  const nodes = nodeCount(counts.reduce((a, b) => a + b, 0));
  const instances: Instance[] = [];
  let seq = 0;
  specs.forEach((spec, i) => {
    const plan = plans[i];
    const total = counts[i] ?? 0;
    if (!plan) return;
    let moved = 0;
    if (plan.rollout) {
      moved = stageTarget(plan.rollout.stage, total);
      if (plan.rollout.stage < LAST_STAGE && moved >= total) moved = total - 1;
    }
    const baseVersion = versions.versionFor(spec.id, plan.baseTrain);
    const newVersion = plan.rollout ? versions.versionFor(spec.id, plan.rollout.toTrain) : baseVersion;
    const rolloutStart = rolloutStartMs(plan, atMs);
    for (let k = 0; k < total; k++) {
      const onNew = k < moved;
      const state = rng.weighted([
        ['running', 93],
        ['starting', 3],
        ['draining', 3],
        ['failed', 1],
      ] as const);
      const earliest = onNew ? rolloutStart : atMs - 6 * DAY;
      const startedMs = state === 'starting' ? atMs - rng.int(5, 150) * 1000 : rng.int(earliest, atMs - 5 * MINUTE);
      instances.push({
        id: instanceId(region, spec.id, seq++),
        host: hostName(region, rng.int(1, nodes)),
        component: spec.id,
        version: onNew ? newVersion : baseVersion,
        state,
        startedAt: new Date(startedMs).toISOString(),
        activeUsers: activeUsersFor(rng, spec, state),
      });
    }
  });
  return { instances, nextSeq: seq };
}
