import type { FleetState } from '../protocol/fleet.ts';
import type { ReportStage } from './schema.ts';

/**
 * The train's stage gates per stage and environment (the region that reports them), stages in the
 * order the pipeline ran them (earliest gate first). A gate passed when it ran tests and none failed.
 */
export function gatesSection(states: readonly FleetState[], train: number): ReportStage[] {
  const stages = new Map<string, ReportStage & { firstAt: number }>();
  for (const state of states) {
    for (const g of state.stageGates) {
      if (g.train !== train) continue;
      const stage = stages.get(g.stage) ?? { stage: g.stage, passed: 0, reported: 0, gates: [], firstAt: Number.POSITIVE_INFINITY };
      const passed = g.testsFailed === 0 && g.testsRun > 0;
      stage.gates.push({ stage: g.stage, environment: state.region.id, testsRun: g.testsRun, testsPassed: g.testsPassed, testsFailed: g.testsFailed, at: g.at, passed });
      stage.reported++;
      if (passed) stage.passed++;
      stage.firstAt = Math.min(stage.firstAt, Date.parse(g.at));
      stages.set(g.stage, stage);
    }
  }
  return [...stages.values()]
    .sort((a, b) => a.firstAt - b.firstAt || a.stage.localeCompare(b.stage))
    .map(({ firstAt: _firstAt, ...stage }) => ({ ...stage, gates: stage.gates.sort((a, b) => a.environment.localeCompare(b.environment)) }));
}
