import type { Database, Toggle } from '../../shared/protocol/index.ts';
import type { DatabaseGroupSpec } from '../model/database-catalog.ts';
import type { Incident } from '../model/incidents.ts';
import type { Prng } from '../model/prng.ts';
import type { ScenarioName } from '../model/scenarios.ts';
import type { TrainPlan } from '../model/trains.ts';
import { schemaVersion, type VersionTable } from '../model/versions.ts';
import type { ComponentPlan } from './plans.ts';

const MINUTE = 60_000;

/** The bad canary: held at canary-5 on the current train in us-east. */
export const BAD_CANARY = { region: 'us-east', component: 'document-store', stage: 1 } as const;
/** Caller on the current train, callee pinned two trains back. */
export const SKEW_VIOLATION = { region: 'eu-west', caller: 'scheduling', callee: 'consent' } as const;
/** A group migrated to the upcoming train while its users stay on the previous one. */
export const SCHEMA_AHEAD = { region: 'ca-central', group: 'imaging-meta-db', share: 0.3 } as const;

function setPlan(plans: ComponentPlan[], component: string, next: Omit<ComponentPlan, 'component'>): void {
  const i = plans.findIndex((p) => p.component === component);
  if (i >= 0) plans[i] = { component, ...next };
}

export function adjustPlans(scenario: ScenarioName, regionId: string, plans: ComponentPlan[], trains: TrainPlan, groups: readonly DatabaseGroupSpec[]): void {
  if (scenario === 'bad-canary' && regionId === BAD_CANARY.region) {
    setPlan(plans, BAD_CANARY.component, {
      baseTrain: trains.previous,
      rollout: { toTrain: trains.current, stage: BAD_CANARY.stage, state: 'progressing', held: true },
      completedFrom: null,
      frozen: true,
    });
  }
  if (scenario === 'skew-violation' && regionId === SKEW_VIOLATION.region) {
    setPlan(plans, SKEW_VIOLATION.caller, { baseTrain: trains.current, rollout: null, completedFrom: trains.previous, frozen: true });
    setPlan(plans, SKEW_VIOLATION.callee, { baseTrain: trains.previous - 1, rollout: null, completedFrom: null, frozen: true });
  }
  if (scenario === 'blocked-train') {
    // A failed gate stops the release: every rollout to the blocked (current) train waits for a human.
    for (const plan of plans) {
      if (plan.rollout?.toTrain === trains.current) plan.rollout = { ...plan.rollout, state: 'paused', held: true };
      plan.frozen = true;
    }
  }
  if (scenario === 'schema-ahead' && regionId === SCHEMA_AHEAD.region) {
    const group = groups.find((g) => g.id === SCHEMA_AHEAD.group);
    for (const user of group?.usedBy ?? []) {
      setPlan(plans, user, { baseTrain: trains.previous, rollout: null, completedFrom: null, frozen: true });
    }
  }
}

/** After the steady databases are drawn: schema-ahead pushes part of one group two trains ahead. */
export function adjustDatabases(scenario: ScenarioName, regionId: string, rng: Prng, databases: Database[], trains: TrainPlan, groups: readonly DatabaseGroupSpec[], atMs: number): void {
  if (scenario !== 'schema-ahead' || regionId !== SCHEMA_AHEAD.region) return;
  const group = groups.find((g) => g.id === SCHEMA_AHEAD.group);
  if (!group) return;
  const members = databases.map((d, i) => [d, i] as const).filter(([d]) => d.group === group.id);
  const ahead = Math.max(1, Math.round(members.length * SCHEMA_AHEAD.share));
  members.slice(0, ahead).forEach(([db, i], n) => {
    const migrating = n % 5 === 4;
    databases[i] = {
      ...db,
      schemaTrain: migrating ? trains.current : trains.upcoming,
      schemaVersion: schemaVersion(group, migrating ? trains.current : trains.upcoming),
      migration: migrating
        ? { direction: 'forward', fromTrain: trains.current, toTrain: trains.upcoming, startedAt: new Date(atMs - rng.int(5, 90) * MINUTE).toISOString(), progress: 0.5 }
        : null,
    };
  });
}

/** In bad-canary the toggle gating document-store is on in us-east, so the alert's first response is to turn it off. */
export const BAD_CANARY_TOGGLE = 'documents.streamed-upload';

export function adjustToggles(scenario: ScenarioName, regionId: string, toggles: Toggle[]): Toggle[] {
  if (scenario !== 'bad-canary' || regionId !== BAD_CANARY.region) return toggles;
  return toggles.map((t) => (t.key === BAD_CANARY_TOGGLE ? { ...t, state: 'on' } : t));
}

export function scenarioIncidents(scenario: ScenarioName, regionId: string, versions: VersionTable, trains: TrainPlan, atMs: number): Incident[] {
  if (scenario !== 'bad-canary' || regionId !== BAD_CANARY.region) return [];
  return [
    {
      component: BAD_CANARY.component,
      version: versions.versionFor(BAD_CANARY.component, trains.current),
      // Already climbing for 40 min when the fleet comes up (so a 30-min canary judgement window is
      // bad from its first point and the judgement fails at once), at full strength 10 min later.
      startMs: atMs - 40 * MINUTE,
      rampMs: 50 * MINUTE,
      peakErrorRate: 0.12,
      latencyFactor: 3.5,
      healthDrop: 0.35,
    },
  ];
}
