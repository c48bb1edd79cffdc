import type { FleetState, StageGate, Train } from '../protocol/index.ts';
import type { StageGateCell, TrainGates, TrainStage } from './schemas.ts';

/** Every train any region reports, by index (the first region to name a train names it). */
export function trainsOf(states: readonly FleetState[]): Train[] {
  const byIndex = new Map<number, Train>();
  for (const state of states) for (const train of state.trains) if (!byIndex.has(train.index)) byIndex.set(train.index, train);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/**
 * The pipeline's stages in order. The protocol names stages but does not number them: within one
 * train, gates pass in stage order, so each train's gates sorted by time give a partial order, and
 * the stages are listed in the order they first follow one another. A stage seen only later goes
 * after the stage it followed.
 */
export function stageOrder(states: readonly FleetState[]): string[] {
  const byTrain = new Map<number, Map<string, string>>();
  for (const state of states) {
    for (const gate of state.stageGates) {
      const gates = byTrain.get(gate.train) ?? new Map<string, string>();
      const at = gates.get(gate.stage);
      if (at === undefined || gate.at < at) gates.set(gate.stage, gate.at);
      byTrain.set(gate.train, gates);
    }
  }
  const order: string[] = [];
  // Newest trains first: they have the fullest pipelines of recent times.
  for (const index of [...byTrain.keys()].sort((a, b) => b - a)) {
    const stages = [...(byTrain.get(index) ?? new Map<string, string>()).entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
    let after = -1;
    for (const [stage] of stages) {
      const at = order.indexOf(stage);
      if (at >= 0) {
        after = at;
        continue;
      }
      order.splice(after + 1, 0, stage);
      after += 1;
    }
  }
  return order;
}

/** Gates reported for one train, grouped by stage then region. */
export function gatesByTrain(states: readonly FleetState[]): Map<number, Map<string, StageGateCell[]>> {
  const out = new Map<number, Map<string, StageGateCell[]>>();
  for (const state of states) {
    for (const gate of state.stageGates) {
      const stages = out.get(gate.train) ?? new Map<string, StageGateCell[]>();
      const cells = stages.get(gate.stage) ?? [];
      cells.push(cellOf(state.region.id, gate));
      stages.set(gate.stage, cells);
      out.set(gate.train, stages);
    }
  }
  return out;
}

function cellOf(region: string, gate: StageGate): StageGateCell {
  return { region, testsRun: gate.testsRun, testsPassed: gate.testsPassed, testsFailed: gate.testsFailed, at: gate.at };
}

export function trainStage(stage: string, cells: readonly StageGateCell[]): TrainStage {
  const testsFailed = Math.max(0, ...cells.map((c) => c.testsFailed));
  const testsRun = Math.max(0, ...cells.map((c) => c.testsRun));
  const status = cells.length === 0 ? 'pending' : cells.some((c) => c.testsFailed > 0) ? 'failed' : 'passed';
  const passedAt = status === 'passed' ? cells.map((c) => c.at).reduce((a, b) => (b > a ? b : a)) : null;
  return { stage, status, passedAt, testsRun, testsFailed, regions: [...cells] };
}

/** A train's stages in pipeline order; any failed gate blocks it. */
export function trainGates(train: Train, order: readonly string[], stages: ReadonlyMap<string, readonly StageGateCell[]> | undefined): TrainGates {
  const rows = order.map((stage) => trainStage(stage, stages?.get(stage) ?? []));
  const failed = rows.filter((r) => r.status === 'failed');
  return {
    train: train.index,
    trainName: train.name,
    stages: rows,
    blocked: failed.length > 0,
    blockedReasons: failed.map(failedSentence),
  };
}

export function failedSentence(stage: TrainStage): string {
  const failing = stage.regions.filter((c) => c.testsFailed > 0);
  const worst = failing.reduce((a, b) => (b.testsFailed > a.testsFailed ? b : a));
  const where = failing.map((c) => c.region).join(', ');
  return `${stage.stage} gate failed: ${worst.testsFailed} of ${worst.testsRun.toLocaleString('en-US')} tests (${where})`;
}

/** Gates of every train the fleet reports, newest first. */
export function allTrainGates(states: readonly FleetState[]): TrainGates[] {
  const order = stageOrder(states);
  const gates = gatesByTrain(states);
  return trainsOf(states)
    .reverse()
    .map((t) => trainGates(t, order, gates.get(t.index)));
}
