import type { StageGate } from '../../shared/protocol/index.ts';
import { Prng, seedFor } from '../model/prng.ts';
import type { ScenarioName } from '../model/scenarios.ts';
import type { TrainPlan } from '../model/trains.ts';

const HOUR = 3_600_000;

interface GateSpec {
  stage: string;
  afterCutHours: number;
  tests: [number, number];
}

export const GATES: readonly GateSpec[] = [
  { stage: 'build', afterCutHours: 2, tests: [11_800, 12_600] },
  { stage: 'integration', afterCutHours: 14, tests: [1_850, 2_150] },
  { stage: 'staging', afterCutHours: 60, tests: [380, 430] },
  { stage: 'pre-production', afterCutHours: 110, tests: [110, 130] },
  { stage: 'production', afterCutHours: 190, tests: [55, 65] },
];

/**
 * About one past train in nine was stopped by a failed gate: "a single failure anywhere stops the release", so the
 * train got no further and the next week's train carried the fix. The live trains (the three newest
 * and the one before them, still named by completed rollouts) always passed in `steady`.
 */
const STOPPED_EVERY = 9;
/** The `blocked-train` scenario: the current train's pre-production gate reported failures. */
export const BLOCKED_TRAIN = { stage: 'pre-production', testsFailed: 3 } as const;

/** The gate a past train failed at, or null when it passed every gate it reached. */
export function stoppedAt(seed: number, trains: TrainPlan, train: number): number | null {
  if (train >= trains.previous - 1) return null;
  // About one past train in STOPPED_EVERY, spaced out (a seeded draw per train bunches them on some seeds).
  if ((((train + seed) % STOPPED_EVERY) + STOPPED_EVERY) % STOPPED_EVERY !== 0) return null;
  const rng = new Prng(seedFor(seed, 'gate-stop', train));
  // Most stops are at integration and staging, where the big suites run.
  return rng.weighted([
    [1, 5],
    [2, 3],
    [3, 2],
  ] as const);
}

/** How many gates a train has reported: old trains all (or up to the one that stopped them), the current one all but production, the upcoming two. */
export function gatesPassed(seed: number, trains: TrainPlan, train: number): number {
  if (train === trains.upcoming) return 2;
  if (train === trains.current) return GATES.length - 1;
  const stop = stoppedAt(seed, trains, train);
  return stop === null ? GATES.length : stop + 1;
}

export function stageGate(seed: number, trains: TrainPlan, train: number, gateIndex: number): StageGate | null {
  const gate = GATES[gateIndex];
  const info = trains.trains.find((t) => t.index === train);
  if (!gate || !info) return null;
  // Seeded per train and gate (not per region): every region reports the same pipeline results.
  const rng = new Prng(seedFor(seed, 'gate', train, gate.stage));
  const testsRun = rng.int(gate.tests[0], gate.tests[1]);
  const failures = rng.int(1, 4);
  const testsFailed = stoppedAt(seed, trains, train) === gateIndex ? failures : 0;
  return {
    train,
    stage: gate.stage,
    testsRun,
    testsPassed: testsRun - testsFailed,
    testsFailed,
    at: new Date(Date.parse(info.date) + gate.afterCutHours * HOUR + rng.int(0, 50) * 60_000).toISOString(),
  };
}

export function generateStageGates(seed: number, trains: TrainPlan, scenario: ScenarioName = 'steady'): StageGate[] {
  const out: StageGate[] = [];
  for (const t of trains.trains) {
    const passed = gatesPassed(seed, trains, t.index);
    for (let g = 0; g < passed; g++) {
      const gate = stageGate(seed, trains, t.index, g);
      if (!gate) continue;
      if (scenario === 'blocked-train' && t.index === trains.current && gate.stage === BLOCKED_TRAIN.stage) {
        out.push({ ...gate, testsPassed: gate.testsRun - BLOCKED_TRAIN.testsFailed, testsFailed: BLOCKED_TRAIN.testsFailed });
      } else {
        out.push(gate);
      }
    }
  }
  return out;
}
