import { describe, expect, it } from 'vitest';
import { indexFleet } from '../../../shared/compat/index.ts';
import type { FleetState, StageGate } from '../../../shared/protocol/index.ts';
import { allTrainGates, blockedTrainOfRollout, gateVerdict, stageOrder, type GateJudgement } from '../../../shared/trains/index.ts';
import { fleetState, T0 } from '../compat/builders.ts';

const STAGES = ['build', 'integration', 'staging', 'pre-production', 'production'];

/** Gates of `train` for the first `passed` stages, an hour apart; `failed` marks one stage with failed tests. */
function gates(train: number, passed: number, failed?: { stage: string; tests: number }): StageGate[] {
  return STAGES.slice(0, passed).map((stage, i) => {
    const testsFailed = failed?.stage === stage ? failed.tests : 0;
    return { train, stage, testsRun: 100, testsPassed: 100 - testsFailed, testsFailed, at: new Date(Date.parse(T0) + (train * 10 + i) * 3_600_000).toISOString() };
  });
}

/**
 * web (train 46) calls api; api runs train 47 and rolls out to 48 with nothing moved yet, so
 * completing that rollout puts web and api two trains apart (a peer-skew violation).
 */
function fleet(stageGates: StageGate[], region = 'r1'): FleetState {
  const state = fleetState({
    region,
    trains: [46, 47, 48],
    versions: { web: { w46: 46 }, api: { a47: 47, a48: 48 } },
    dependencies: [{ from: 'web', to: 'api' }],
    instances: [
      ['web', 'w46', 3],
      ['api', 'a47', 4],
    ],
    rollouts: [{ id: `${region}.api.48`, component: 'api', from: 'a47', to: 'a48' }],
  });
  return { ...state, stageGates };
}

/** The same fleet where web already runs 47: completing the rollout keeps every pair within one train. */
function compliantFleet(stageGates: StageGate[]): FleetState {
  const state = fleetState({
    region: 'r1',
    versions: { web: { w47: 47 }, api: { a47: 47, a48: 48 } },
    dependencies: [{ from: 'web', to: 'api' }],
    instances: [
      ['web', 'w47', 3],
      ['api', 'a47', 4],
    ],
    rollouts: [{ id: 'r1.api.48', component: 'api', from: 'a47', to: 'a48' }],
  });
  return { ...state, stageGates };
}

const judgement = (train: number, verdict: GateJudgement['verdict']): GateJudgement => ({
  region: 'r1',
  component: 'api',
  rolloutId: 'r1.api.48',
  canary: { version: `a${train}`, train },
  verdict,
});

function ask(states: FleetState[], train: number, stage: string, judgements: GateJudgement[] | null = []) {
  const answer = gateVerdict(states, indexFleet(states, { now: T0 }), { train, stage, judgements });
  if (!answer.ok) throw new Error(answer.problem);
  return { go: answer.verdict.go, outcome: Object.fromEntries(answer.verdict.checks.map((c) => [c.check, c.outcome])), checks: answer.verdict.checks };
}

const cleanHistory = [...gates(46, 5), ...gates(47, 5)];

describe('gate verdict: may this train go to the next stage?', () => {
  it('goes when every earlier gate passed, completing the rollouts is clean and no canary fails', () => {
    const states = [compliantFleet([...cleanHistory, ...gates(48, 4)])];
    const v = ask(states, 48, 'production', [judgement(48, 'pass'), judgement(48, 'marginal'), judgement(47, 'fail')]);
    expect(v).toMatchObject({ go: true, outcome: { gates: 'pass', 'what-if': 'pass', canary: 'pass' } });
    expect(v.checks[0]?.sentence).toContain('build, integration, staging, pre-production');
  });

  it('no-go when a gate before the stage has not passed yet', () => {
    const v = ask([compliantFleet([...cleanHistory, ...gates(48, 2)])], 48, 'production');
    expect(v).toMatchObject({ go: false, outcome: { gates: 'fail', 'what-if': 'pass', canary: 'pass' } });
    expect(v.checks[0]?.details).toEqual(['staging gate not passed yet', 'pre-production gate not passed yet']);
    // The stage right after the last passed gate is open.
    expect(ask([compliantFleet([...cleanHistory, ...gates(48, 2)])], 48, 'staging').go).toBe(true);
  });

  it('no-go when any gate has a failed test, even one after the stage asked about (the train is blocked)', () => {
    const states = [compliantFleet([...cleanHistory, ...gates(48, 4, { stage: 'pre-production', tests: 3 })])];
    for (const stage of ['staging', 'production']) {
      const v = ask(states, 48, stage);
      expect(v).toMatchObject({ go: false, outcome: { gates: 'fail', 'what-if': 'pass', canary: 'pass' } });
      expect(v.checks[0]?.details).toEqual(['pre-production gate failed: 3 of 100 tests (r1)']);
    }
  });

  it('no-go when completing the train’s rollouts would introduce a violation, naming it', () => {
    const states = [fleet([...cleanHistory, ...gates(48, 4)])];
    const v = ask(states, 48, 'production');
    expect(v).toMatchObject({ go: false, outcome: { gates: 'pass', 'what-if': 'fail', canary: 'pass' } });
    expect(v.checks[1]?.details).toHaveLength(1);
    expect(v.checks[1]?.details[0]).toMatch(/web/);
    // Only the target regions' rollouts are completed: the other region's same rollout is left alone.
    const two = [fleet([...cleanHistory, ...gates(48, 4)], 'r1'), compliantFleet([...cleanHistory, ...gates(48, 4)])].map((s, i) => (i === 1 ? { ...s, region: { ...s.region, id: 'r2', name: 'r2' } } : s));
    const onlyR2 = gateVerdict(two, indexFleet(two, { now: T0 }), { train: 48, stage: 'production', regions: ['r2'], judgements: [] });
    expect(onlyR2.ok && onlyR2.verdict.go).toBe(true);
  });

  it('no-go when a canary judgement of the train is fail; skipped (not blocking) when none are available', () => {
    const states = [compliantFleet([...cleanHistory, ...gates(48, 4)])];
    const v = ask(states, 48, 'production', [judgement(48, 'pass'), judgement(48, 'fail')]);
    expect(v).toMatchObject({ go: false, outcome: { gates: 'pass', 'what-if': 'pass', canary: 'fail' } });
    expect(v.checks[2]?.details).toEqual(['r1 api a48 (r1.api.48): fail']);
    expect(ask(states, 48, 'production', null)).toMatchObject({ go: true, outcome: { canary: 'skipped' } });
  });

  it('answers a problem, not a verdict, for an unknown train, stage or region', () => {
    const states = [compliantFleet(cleanHistory)];
    const view = indexFleet(states, { now: T0 });
    expect(gateVerdict(states, view, { train: 99, stage: 'production', judgements: [] })).toMatchObject({ ok: false, problem: expect.stringContaining('train 99') });
    expect(gateVerdict(states, view, { train: 47, stage: 'canary', judgements: [] })).toMatchObject({ ok: false, problem: expect.stringContaining('"canary"') });
    expect(gateVerdict(states, view, { train: 47, stage: 'production', regions: ['nowhere'], judgements: [] })).toMatchObject({ ok: false, problem: expect.stringContaining('nowhere') });
  });
});

describe('stages and blocked trains', () => {
  it('orders stages by when each train passed them, whatever order regions list them in', () => {
    const shuffled = [...gates(48, 2), ...gates(47, 5)].reverse();
    expect(stageOrder([compliantFleet(shuffled)])).toEqual(STAGES);
  });

  it('a failed gate in any region blocks the train; the gate passed when the last region reported it', () => {
    const r1 = compliantFleet([...cleanHistory, ...gates(48, 3)]);
    const r2 = { ...compliantFleet([...cleanHistory, ...gates(48, 3, { stage: 'integration', tests: 2 })]), region: { id: 'r2', name: 'r2', timezone: 'UTC' } };
    const trains = allTrainGates([r1, r2]);
    expect(trains.map((t) => [t.train, t.blocked])).toEqual([
      [48, true],
      [47, false],
    ]);
    expect(trains[0]?.blockedReasons).toEqual(['integration gate failed: 2 of 100 tests (r2)']);
    expect(trains[0]?.stages.map((s) => s.status)).toEqual(['passed', 'failed', 'passed', 'pending', 'pending']);
    expect(trains[1]?.stages[0]?.passedAt).toBe(gates(47, 1)[0]?.at);
    expect(blockedTrainOfRollout([r1, r2], 'r1', 'r1.api.48')).toMatchObject({ train: 48, trainName: '2026.48' });
    expect(blockedTrainOfRollout([r1], 'r1', 'r1.api.48')).toBeNull();
  });
});
