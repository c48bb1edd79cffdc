import type { Rollout } from '../../shared/protocol/index.ts';
import type { Prng } from '../model/prng.ts';
import type { RegionSpec } from '../model/regions.ts';
import { LAST_STAGE, STAGES, stagesAt } from '../model/rollout-stages.ts';
import type { TrainPlan } from '../model/trains.ts';
import type { VersionTable } from '../model/versions.ts';
import { rolloutStartMs } from './instances.ts';
import type { ComponentPlan } from './plans.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const RELEASE_BOT = 'release-bot';

export function rolloutId(region: RegionSpec, component: string, toTrainName: string): string {
  return `${region.id}.${component}.${toTrainName}`;
}

function trainName(trains: TrainPlan, index: number): string {
  return trains.trains.find((t) => t.index === index)?.name ?? String(index);
}

function completedRollout(region: RegionSpec, component: string, from: number, to: number, versions: VersionTable, trains: TrainPlan, startMs: number): Rollout {
  const history: Rollout['history'] = [{ at: iso(startMs), event: 'started', by: RELEASE_BOT }];
  STAGES.forEach((s, i) => history.push({ at: iso(startMs + (i + 1) * 2 * HOUR), event: `stage ${s.name} started`, by: RELEASE_BOT }));
  history.push({ at: iso(startMs + (STAGES.length + 1) * 2 * HOUR), event: 'completed', by: RELEASE_BOT });
  return {
    id: rolloutId(region, component, trainName(trains, to)),
    component,
    fromVersion: versions.versionFor(component, from),
    toVersion: versions.versionFor(component, to),
    state: 'completed',
    stages: stagesAt(LAST_STAGE, true),
    currentStage: LAST_STAGE,
    startedAt: iso(startMs),
    history,
  };
}

/** Every component's last completed rollout, plus the one in flight (or just completed) from its plan. */
export function generateRollouts(rng: Prng, region: RegionSpec, plans: readonly ComponentPlan[], versions: VersionTable, trains: TrainPlan, atMs: number): Rollout[] {
  const out: Rollout[] = [];
  for (const plan of plans) {
    const base = plan.completedFrom ?? plan.baseTrain;
    if (base - 1 >= trains.first) {
      const olderStart = atMs - rng.int(8, 12) * DAY;
      out.push(completedRollout(region, plan.component, base - 1, base, versions, trains, olderStart));
    }
    if (plan.completedFrom !== null) {
      out.push(completedRollout(region, plan.component, plan.completedFrom, plan.baseTrain, versions, trains, atMs - rng.int(20, 96) * HOUR));
    }
    if (plan.rollout) {
      const start = rolloutStartMs(plan, atMs);
      const history: Rollout['history'] = [{ at: iso(start), event: 'started', by: RELEASE_BOT }];
      for (let i = 0; i <= plan.rollout.stage; i++) {
        history.push({ at: iso(start + i * 40 * 60_000), event: `stage ${STAGES[i]?.name ?? i} started`, by: RELEASE_BOT });
      }
      if (plan.rollout.state === 'paused') history.push({ at: iso(atMs - rng.int(3, 30) * 60_000), event: 'paused', by: 'oncall.release-manager' });
      out.push({
        id: rolloutId(region, plan.component, trainName(trains, plan.rollout.toTrain)),
        component: plan.component,
        fromVersion: versions.versionFor(plan.component, plan.baseTrain),
        toVersion: versions.versionFor(plan.component, plan.rollout.toTrain),
        state: plan.rollout.state,
        stages: stagesAt(plan.rollout.stage, false),
        currentStage: plan.rollout.stage,
        startedAt: iso(start),
        history,
      });
    }
  }
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
