import { describe, expect, it } from 'vitest';
import type { Rollout } from '../../../shared/protocol/index.ts';
import { regionSim, T0 } from './helpers/region-sim.ts';
import type { RegionSim } from '../../../demo-fleet/sim/region-sim.ts';

const HOUR = 3_600_000;

function inFlight(sim: RegionSim): Rollout {
  const r = [...sim.model.rollouts.values()].find((x) => x.state === 'progressing');
  if (!r) throw new Error('no progressing rollout');
  return r;
}

function versionsOf(sim: RegionSim, component: string): string[] {
  return [...sim.model.instances.versionsOf(component).keys()];
}

describe('actions change the simulated state', () => {
  it('pause, resume, then pause again after resume; failing on wrong states', () => {
    const sim = regionSim('us-east');
    const r = inFlight(sim);
    expect(sim.applyAction({ type: 'rollout.resume', rolloutId: r.id }, T0)).toMatchObject({ status: 'failed', revision: null });
    const paused = sim.applyAction({ type: 'rollout.pause', rolloutId: r.id }, T0);
    expect(paused).toMatchObject({ status: 'succeeded', revision: sim.revision });
    expect(sim.model.rollouts.get(r.id)?.state).toBe('paused');
    expect(sim.model.rollouts.get(r.id)?.history.at(-1)).toMatchObject({ event: 'paused', by: 'console' });
    expect(sim.applyAction({ type: 'rollout.pause', rolloutId: r.id }, T0).status).toBe('failed');
    expect(sim.applyAction({ type: 'rollout.resume', rolloutId: r.id }, T0).status).toBe('succeeded');
    expect(sim.model.rollouts.get(r.id)?.state).toBe('progressing');
  });

  it('rejects unknown and completed rollouts with a failed result', () => {
    const sim = regionSim('us-east');
    expect(sim.applyAction({ type: 'rollout.pause', rolloutId: 'nope' }, T0)).toMatchObject({ status: 'failed', message: 'unknown rollout nope' });
    const done = [...sim.model.rollouts.values()].find((x) => x.state === 'completed');
    expect(sim.applyAction({ type: 'rollout.abort', rolloutId: done?.id ?? '' }, T0).status).toBe('failed');
  });

  it('abort rolls the new version back out over simulated time, then marks the rollout aborted', () => {
    const sim = regionSim('us-east', 'bad-canary');
    const r = [...sim.model.rollouts.values()].find((x) => x.component === 'document-store' && x.state === 'progressing');
    if (!r) throw new Error('no canary');
    expect(sim.model.instances.versionsOf('document-store').get(r.toVersion)).toBeGreaterThan(0);
    expect(sim.applyAction({ type: 'rollout.abort', rolloutId: r.id }, T0).status).toBe('succeeded');
    expect(sim.model.rollouts.get(r.id)?.state).toBe('rolling-back');
    sim.advanceTo(T0 + 2 * HOUR);
    expect(sim.model.instances.versionsOf('document-store').get(r.toVersion)).toBeUndefined();
    expect(sim.model.rollouts.get(r.id)?.state).toBe('aborted');
  });

  it('component rollback moves every newer instance to the train version and aborts its rollouts', () => {
    const sim = regionSim('us-east');
    const r = inFlight(sim);
    const fromTrain = sim.model.trainOf(r.component, r.fromVersion) ?? -1;
    const result = sim.applyAction({ type: 'component.rollback', component: r.component, toTrain: fromTrain }, T0);
    expect(result.status).toBe('succeeded');
    expect(versionsOf(sim, r.component)).toEqual([r.fromVersion]);
    expect(sim.model.rollouts.get(r.id)?.state).toBe('aborted');
    // Nothing newer left: a second rollback has nothing to do.
    expect(sim.applyAction({ type: 'component.rollback', component: r.component, toTrain: fromTrain }, T0).status).toBe('failed');
    expect(sim.applyAction({ type: 'component.rollback', component: 'nope', toTrain: fromTrain }, T0).status).toBe('failed');
  });

  it('schema rollback starts backward migrations that land on the target train', () => {
    const sim = regionSim('eu-west');
    const group = sim.model.databaseGroups.find((g) => g.id === 'patient-index-db');
    const ids = sim.model.databasesByGroup.get(group?.id ?? '') ?? [];
    const top = Math.max(...ids.map((id) => sim.model.databases.get(id)?.schemaTrain ?? 0));
    const result = sim.applyAction({ type: 'schema.rollback', databaseGroup: 'patient-index-db', toTrain: top - 1 }, T0);
    expect(result.status).toBe('succeeded');
    const migrating = ids.map((id) => sim.model.databases.get(id)).filter((d) => d?.migration?.direction === 'backward');
    expect(migrating.length).toBeGreaterThan(0);
    sim.advanceTo(T0 + 12 * HOUR);
    for (const id of ids) {
      const db = sim.model.databases.get(id);
      if (db?.migration?.direction === 'backward') continue; // still on its way
      expect(db?.schemaTrain).toBeLessThanOrEqual(top);
    }
    expect(ids.some((id) => sim.model.databases.get(id)?.schemaTrain === top - 1)).toBe(true);
    expect(sim.applyAction({ type: 'schema.rollback', databaseGroup: 'nope', toTrain: top }, T0).status).toBe('failed');
  });

  it('toggle.set changes the toggle and fails for unknown keys', () => {
    const sim = regionSim('ca-central');
    const [key] = sim.model.toggles.keys();
    expect(sim.applyAction({ type: 'toggle.set', key: key ?? '', state: 'dormant' }, T0).status).toBe('succeeded');
    expect(sim.model.toggles.get(key ?? '')?.state).toBe('dormant');
    expect(sim.applyAction({ type: 'toggle.set', key: 'no.such', state: 'on' }, T0)).toMatchObject({ status: 'failed', revision: null });
  });
});
