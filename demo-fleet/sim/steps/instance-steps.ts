import { componentSpec } from '../../model/catalog.ts';
import { activeUsersFor } from '../../generate/instances.ts';
import type { ChangeDraft } from '../region-model.ts';
import { replaceInstance, type StepContext } from './context.ts';

/** A starting instance passes its readiness probe. */
export function finishStart(ctx: StepContext): ChangeDraft[] {
  const id = ctx.model.instances.starting.pick(ctx.rng);
  const inst = id === undefined ? undefined : ctx.model.instances.get(id);
  if (!inst) return [];
  const activeUsers = activeUsersFor(ctx.rng, componentSpec(inst.component), 'running');
  return [{ type: 'instance.upsert', instance: { ...inst, state: 'running', activeUsers } }];
}

/** A running instance is drained (node maintenance, autoscaler, eviction) or crashes. */
export function drainOrFail(ctx: StepContext): ChangeDraft[] {
  for (let attempt = 0; attempt < 4; attempt++) {
    const id = ctx.model.instances.all.pick(ctx.rng);
    const inst = id === undefined ? undefined : ctx.model.instances.get(id);
    if (!inst || inst.state !== 'running') continue;
    const state = ctx.rng.chance(0.15) ? 'failed' : 'draining';
    const activeUsers = state === 'failed' ? 0 : Math.floor(inst.activeUsers / 10);
    return [{ type: 'instance.upsert', instance: { ...inst, state, activeUsers } }];
  }
  return [];
}

/** A drained or failed instance is replaced by a fresh one of the same version. */
export function replaceEnded(ctx: StepContext): ChangeDraft[] {
  const id = ctx.model.instances.ending.pick(ctx.rng);
  const inst = id === undefined ? undefined : ctx.model.instances.get(id);
  if (!inst) return [];
  return replaceInstance(ctx, inst, inst.version);
}
