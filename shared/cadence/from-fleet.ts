import type { FleetState, Rollout, StageGate, Train } from '../protocol/index.ts';
import type { CadenceRelease, CadenceTrain, FailureAction } from './history.ts';

/** Trains with their first passed gate (the earliest gate `at` reported for them). */
export function trainsFrom(trains: readonly Train[], gates: readonly StageGate[]): CadenceTrain[] {
  const first = new Map<number, number>();
  for (const g of gates) {
    const at = Date.parse(g.at);
    const seen = first.get(g.train);
    if (seen === undefined || at < seen) first.set(g.train, at);
  }
  return trains.map((t) => ({ train: t.index, name: t.name, dateMs: Date.parse(t.date), firstGateMs: first.get(t.index) ?? null }));
}

/** The region's own release history (`releases`, optional in the protocol). */
export function reportedReleases(state: Pick<FleetState, 'region' | 'releases'>): CadenceRelease[] {
  return (state.releases ?? []).map((r) => ({
    region: state.region.id,
    train: r.train,
    productionMs: Date.parse(r.productionAt),
    failure: r.failure
      ? { action: r.failure.action, source: 'region', detectedMs: Date.parse(r.failure.detectedAt), restoredMs: r.failure.restoredAt === null ? null : Date.parse(r.failure.restoredAt) }
      : null,
  }));
}

/** When a completed rollout completed: its last `completed` history event, else its last event. */
export function completedAtMs(rollout: Rollout): number | null {
  if (rollout.state !== 'completed') return null;
  let at: number | null = null;
  let last: number | null = null;
  for (const e of rollout.history) {
    const ms = Date.parse(e.at);
    last = last === null ? ms : Math.max(last, ms);
    if (e.event === 'completed') at = at === null ? ms : Math.max(at, ms);
  }
  return at ?? last;
}

/**
 * A release the console saw itself: a rollout to a train completed in the region, so the train is
 * in production there (the first completion counts; the store keeps the earliest time).
 */
export function observedRelease(region: string, rollout: Rollout, trainOf: (component: string, version: string) => number | undefined): CadenceRelease | null {
  const at = completedAtMs(rollout);
  const train = trainOf(rollout.component, rollout.toVersion);
  if (at === null || train === undefined) return null;
  return { region, train, productionMs: at, failure: null };
}

/** Every release a fleet state tells of: reported ones and completed rollouts. */
export function releasesFrom(state: FleetState): CadenceRelease[] {
  const trains = new Map(state.componentVersions.map((v) => [`${v.component}\u0000${v.version}`, v.train]));
  const trainOf = (component: string, version: string) => trains.get(`${component}\u0000${version}`);
  const observed = state.rollouts.flatMap((r) => observedRelease(state.region.id, r, trainOf) ?? []);
  return [...reportedReleases(state), ...observed];
}

/**
 * The train an audited rollback or toggle-off remedied: the newest train in production in the
 * region at the time (above `above` for a rollback to that train); null when none is known.
 */
export function remediedTrain(releases: readonly CadenceRelease[], region: string, atMs: number, above: number | null): number | null {
  let best: CadenceRelease | null = null;
  for (const r of releases) {
    if (r.region !== region || r.productionMs > atMs || (above !== null && r.train <= above)) continue;
    if (!best || r.train > best.train) best = r;
  }
  return best?.train ?? null;
}

export interface AuditedRemedy {
  region: string;
  action: FailureAction;
  atMs: number;
  /** For a rollback: the train rolled back to. */
  toTrain: number | null;
}
