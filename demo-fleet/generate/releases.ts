import type { Release, StageGate } from '../../shared/protocol/index.ts';
import { Prng, seedFor } from '../model/prng.ts';
import type { RegionSpec } from '../model/regions.ts';
import type { TrainPlan } from '../model/trains.ts';
import { GATES } from './stage-gates.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Chance that a release fails in production and needs a rollback or a toggle turned off. */
const FAILURE_CHANCE = 0.12;

/**
 * The region's release history: every train older than the one rolling out that passed every gate,
 * production included, with no failed test, taken to production some hours after that last gate (a
 * train a failed gate stopped never gets there). Regions that lag (`progress.behind`) skip trains
 * that often — a weekly target, about twice a month in practice — but never the previous train,
 * which most of production runs. A few releases fail (detected within two days, restored
 * within minutes by a toggle-off or hours by a rollback; still open when restoring would lie in the
 * future). Seeded per region and train, so a restart or another start time repeats each release.
 */
export function generateReleases(seed: number, region: RegionSpec, trains: TrainPlan, gates: readonly StageGate[], atMs: number): Release[] {
  const finalStage = GATES[GATES.length - 1]?.stage;
  const lastGate = new Map<number, number>();
  const stopped = new Set<number>();
  for (const g of gates) {
    if (g.testsFailed > 0) stopped.add(g.train);
    if (g.stage === finalStage) lastGate.set(g.train, Date.parse(g.at));
  }
  const out: Release[] = [];
  for (const train of trains.trains) {
    if (train.index >= trains.current) continue;
    const passed = lastGate.get(train.index);
    if (passed === undefined || stopped.has(train.index)) continue;
    const rng = new Prng(seedFor(seed, region.id, 'release', train.index));
    const skipped = rng.chance(region.progress.behind);
    const productionMs = passed + rng.int(2, 72) * HOUR + rng.int(0, 59) * MINUTE;
    if ((skipped && train.index !== trains.previous) || productionMs > atMs) continue;
    out.push({ train: train.index, productionAt: iso(productionMs), failure: failureOf(rng, productionMs, atMs) });
  }
  return out;
}

function failureOf(rng: Prng, productionMs: number, atMs: number): Release['failure'] {
  if (!rng.chance(FAILURE_CHANCE)) return null;
  const action = rng.chance(0.6) ? 'toggle-off' : 'rollback';
  const detectedMs = productionMs + rng.int(1, 48) * HOUR;
  if (detectedMs > atMs) return null;
  const restoredMs = detectedMs + (action === 'toggle-off' ? rng.int(8, 90) : rng.int(60, 480)) * MINUTE;
  return { action, detectedAt: iso(detectedMs), restoredAt: restoredMs > atMs ? null : iso(restoredMs) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
