import { GATES, stageGate } from '../../generate/stage-gates.ts';
import { rebuildVersion } from '../../model/versions.ts';
import type { ChangeDraft } from '../region-model.ts';
import type { StepContext } from './context.ts';

const HOUR = 3_600_000;
/** Builds of one component's upcoming version at most (keeps the version list bounded on long runs). */
const MAX_BUILDS = 3;

/**
 * The release pipeline of the upcoming train: its next stage gate passes when its time comes,
 * otherwise now and then a component publishes a rebuild (`-rN`) of its upcoming version.
 */
export function pipelineStep(ctx: StepContext): ChangeDraft[] {
  const { model, trains } = ctx;
  const upcoming = trains.trains.find((t) => t.index === trains.upcoming);
  if (!upcoming) return [];
  const nextGate = GATES.findIndex((g) => !model.stageGates.has(`${trains.upcoming}/${g.stage}`));
  const gateSpec = GATES[nextGate];
  // Pre-production and later need the train deployed somewhere; the simulator stops at staging.
  if (gateSpec && gateSpec.stage === 'staging' && ctx.atMs >= Date.parse(upcoming.date) + gateSpec.afterCutHours * HOUR) {
    const gate = stageGate(ctx.seed, trains, trains.upcoming, nextGate);
    if (gate) return [{ type: 'stageGate.upsert', stageGate: { ...gate, at: new Date(Math.max(ctx.atMs, Date.parse(gate.at))).toISOString() } }];
  }
  if (model.components.length === 0) return [];
  const component = ctx.rng.pick(model.components).id;
  const builds = [...model.componentVersions.values()].filter((v) => v.component === component && v.train === trains.upcoming);
  const latest = builds[builds.length - 1];
  if (!latest || builds.length >= MAX_BUILDS) return [];
  const version = rebuildVersion(latest.version, builds.length + 1);
  if (model.trainOf(component, version) !== undefined) return [];
  return [{ type: 'componentVersion.upsert', componentVersion: { component, version, train: trains.upcoming } }];
}
