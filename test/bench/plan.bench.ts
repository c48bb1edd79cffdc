import { evaluate, findCauses, indexFleet, planRemediation, type CompatView } from '../../shared/compat/index.ts';
import type { FleetState } from '../../shared/protocol/index.ts';
import { planCandidates, planWorld } from '../../shared/compat/plan-candidates.ts';
import { syntheticFleet } from './compat.bench.ts';
import type { Benchmark } from './harness.ts';

/**
 * Causes + plan budget (issue 13): on the 100,000-instance, 6-region fleet of compat.bench.ts with
 * about 20 violations, finding the causes and the whole-fleet plan takes ≤ 100 ms. The baseline,
 * measured in the same run on the same indexed fleet, is one bare what-if per candidate the search
 * starts from — the least any search over those candidates must do (it still has to judge each on
 * the fleet after the steps it takes, and say why what is left is left).
 */

const NOW = '2026-11-01T12:00:00.000Z';

/**
 * The synthetic fleet (component-5 drifting back to train 45 in eu-west: 16 violations), plus a
 * toggle turned on ahead of its component in us-east and a database group migrated two trains
 * ahead of its users in eu-central: about 20 violations, each rule represented.
 */
export function planFleet(): FleetState[] {
  return syntheticFleet().map((state) => {
    if (state.region.id === 'us-east') {
      return { ...state, toggles: state.toggles.map((t) => ({ ...t, state: 'on' as const, minVersion: { component: 'component-9', version: `9.48.${(9 * 7 + 48) % 10}` } })) };
    }
    if (state.region.id === 'eu-west') {
      const paused = {
        id: 'eu-west-rollout-5',
        component: 'component-5',
        fromVersion: `5.45.${(5 * 7 + 45) % 10}`,
        toVersion: `5.47.${(5 * 7 + 47) % 10}`,
        state: 'paused' as const,
        stages: [{ name: 'canary', canaryPercent: 5, waves: 1, state: 'active' as const }],
        currentStage: 0,
        startedAt: NOW,
        history: [],
      };
      return { ...state, rollouts: [...state.rollouts, paused] };
    }
    if (state.region.id === 'eu-central') {
      return { ...state, databases: state.databases.map((d) => (d.group === 'group-4' ? { ...d, schemaTrain: 49, schemaVersion: 'schema-49', migration: null } : d)) };
    }
    return state;
  });
}

function median(xs: number[]): number {
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
}

/** Alternates baseline and candidate so that load from other processes hits both alike. */
function interleaved(baseline: () => unknown, candidate: () => unknown, runs: number, warmup: number): [number, number] {
  for (let i = 0; i < warmup; i++) {
    baseline();
    candidate();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    baseline();
    a.push(performance.now() - t0);
    t0 = performance.now();
    candidate();
    b.push(performance.now() - t0);
  }
  return [median(a), median(b)];
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

export const benchmarks: Benchmark[] = [
  {
    name: 'plan: causes + whole-fleet plan (6 regions, 100k instances, ~20 violations)',
    run() {
      const fleet = planFleet();
      const view: CompatView = indexFleet(fleet, { now: NOW });
      const violations = view.verdict().violations.length;
      const first = planRemediation(view, fleet);
      const candidates = planCandidates(planWorld(fleet), view, view.verdict().violations);
      const causesAndPlan = () => planRemediation(view, fleet, { causes: findCauses(view.verdict().violations) });
      // One bare what-if per candidate: the search's first round, without ranking or reuse.
      const bareRound = () => {
        for (const candidate of candidates) view.whatIf(candidate.draft);
      };
      const [baseline, candidate] = interleaved(bareRound, causesAndPlan, 11, 2);
      if (candidates.length !== first.search.candidates) throw new Error('the bench builds other candidates than the plan');
      const left = evaluate(fleet, { now: NOW }).violations.length - first.resolved;
      return {
        summary:
          `${ms(candidate)} (budget <= 100 ms), ${(candidate / baseline).toFixed(2)}x one bare what-if per candidate (${ms(baseline)}); ` +
          `${violations} violations, ${findCauses(view.verdict().violations).causes.length} causes, plan of ${first.steps.length} steps resolving ${first.resolved} (${left} left), ` +
          `${first.search.candidates} candidates, ${first.search.evaluations} what-ifs`,
        pass: candidate <= 100,
      };
    },
  },
  {
    name: 'plan: the same search where nothing resolves the cause (component-5 behind, no rollout: needs a release; information)',
    run() {
      const fleet = syntheticFleet();
      const view = indexFleet(fleet, { now: NOW });
      const plan = planRemediation(view, fleet);
      const t = median(Array.from({ length: 5 }, () => {
        const t0 = performance.now();
        planRemediation(view, fleet);
        return performance.now() - t0;
      }));
      return {
        summary: `${ms(t)}; ${plan.violations} violations, plan of ${plan.steps.length} step(s), ${plan.unfixable.filter((u) => u.kind === 'needs-release').length} need a release; ${plan.search.candidates} candidates, ${plan.search.evaluations} what-ifs`,
        pass: true,
      };
    },
  },
];
