import type { StageGate } from '../../shared/protocol/index.ts';
import { Prng, seedFor } from '../model/prng.ts';
import type { TrainPlan } from '../model/trains.ts';

const HOUR = 3_600_000;

interface GateSpec {
  stage: string;
  afterCutHours: number;
  tests: [number, number];
  /** Chance that a few tests fail (flaky or known issues waived by the board). */
  failChance: number;
}

export const GATES: readonly GateSpec[] = [
  { stage: 'build', afterCutHours: 2, tests: [11_800, 12_600], failChance: 0.05 },
  { stage: 'integration', afterCutHours: 14, tests: [1_850, 2_150], failChance: 0.3 },
  { stage: 'staging', afterCutHours: 60, tests: [380, 430], failChance: 0.2 },
  { stage: 'pre-production', afterCutHours: 110, tests: [110, 130], failChance: 0.1 },
  { stage: 'production', afterCutHours: 190, tests: [55, 65], failChance: 0 },
];

/** How many gates a train has passed: old trains all, the current one all but production, the upcoming two. */
export function gatesPassed(trains: TrainPlan, train: number): number {
  if (train === trains.upcoming) return 2;
  if (train === trains.current) return GATES.length - 1;
  return GATES.length;
}

export function stageGate(seed: number, trains: TrainPlan, train: number, gateIndex: number): StageGate | null {
  const gate = GATES[gateIndex];
  const info = trains.trains.find((t) => t.index === train);
  if (!gate || !info) return null;
  // Seeded per train and gate (not per region): every region reports the same pipeline results.
  const rng = new Prng(seedFor(seed, 'gate', train, gate.stage));
  const testsRun = rng.int(gate.tests[0], gate.tests[1]);
  const testsFailed = rng.chance(gate.failChance) ? rng.int(1, 4) : 0;
  return {
    train,
    stage: gate.stage,
    testsRun,
    testsPassed: testsRun - testsFailed,
    testsFailed,
    at: new Date(Date.parse(info.date) + gate.afterCutHours * HOUR + rng.int(0, 50) * 60_000).toISOString(),
  };
}

export function generateStageGates(seed: number, trains: TrainPlan): StageGate[] {
  const out: StageGate[] = [];
  for (const t of trains.trains) {
    const passed = gatesPassed(trains, t.index);
    for (let g = 0; g < passed; g++) {
      const gate = stageGate(seed, trains, t.index, g);
      if (gate) out.push(gate);
    }
  }
  return out;
}
