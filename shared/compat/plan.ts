import type { FleetState } from '../protocol/index.ts';
import type { Cause, CauseList, Plan, PlanStep } from './cause-schemas.ts';
import { findCauses } from './causes.ts';
import { planCandidates, planWorld } from './plan-candidates.ts';
import { rootNode } from './plan-node.ts';
import { searchPlan } from './plan-search.ts';
import { violationUnit } from './plan-units.ts';
import { stepReason, stepSummary } from './plan-text.ts';
import { explainUnfixable } from './plan-unfixable.ts';
import type { CompatView } from './view.ts';

export interface PlanOptions {
  /** Plan for one cause (its id from `findCauses`); the whole fleet when absent. */
  cause?: string | null;
  /** Causes already found for this view's verdict (found again when absent). */
  causes?: CauseList;
  beamWidth?: number;
  maxSteps?: number;
  maxEvaluations?: number;
}

export const PLAN_DEFAULTS = { beamWidth: 3, maxSteps: 40, maxIdleSteps: 2, maxEvaluations: 5_000 } as const;

export class UnknownCauseError extends Error {}

/**
 * The smallest set of actions found that resolves the most violations in scope while introducing
 * none (README "Causes and remediation plans"): candidates from `planCandidates`, each judged by the engine's
 * what-if on the fleet after the previous steps (`searchPlan`). `states` give the structure —
 * rollouts, toggles, groups, declared versions — and must describe the fleet `view` evaluates.
 * Never runs anything: a step is a proposal for the normal action confirmation.
 */
export function planRemediation(view: CompatView, states: readonly FleetState[], options: PlanOptions = {}): Plan {
  const verdict = view.verdict();
  const causes = options.causes ?? findCauses(verdict.violations);
  const causeById = new Map<string, Cause>(causes.causes.map((c) => [c.id, c]));
  const causeId = options.cause ?? null;
  let scope: Set<string>;
  if (causeId !== null) {
    const cause = causeById.get(causeId);
    if (!cause) throw new UnknownCauseError(`no current cause "${causeId}" (the fleet may have changed: list the causes again)`);
    scope = new Set(cause.violationIds);
  } else scope = new Set(verdict.violations.map((v) => v.id));

  const world = planWorld(states);
  const candidates = planCandidates(world, view, verdict.violations.filter((v) => scope.has(v.id)));
  const search = {
    beamWidth: options.beamWidth ?? PLAN_DEFAULTS.beamWidth,
    maxSteps: options.maxSteps ?? PLAN_DEFAULTS.maxSteps,
    maxIdleSteps: PLAN_DEFAULTS.maxIdleSteps,
    maxEvaluations: options.maxEvaluations ?? PLAN_DEFAULTS.maxEvaluations,
  };
  const result = searchPlan(world, rootNode(view, scope), candidates, scope, verdict.violations, search);
  const { best } = result;

  const total = best.steps.length;
  const steps: PlanStep[] = best.steps.map((s, i) => {
    const stepCauses = [...new Set(s.evaluation.resolved.map((id) => causes.causeOf[id]).filter((id): id is string => id !== undefined))];
    const titles = causeId !== null ? [causeById.get(causeId)?.title ?? ''] : stepCauses.map((id) => causeById.get(id)?.title ?? id);
    return {
      index: i + 1,
      draft: s.candidate.draft,
      rung: s.candidate.rung,
      summary: stepSummary(view, world, s.candidate.draft),
      instances: s.evaluation.touched.instances,
      activeUsers: s.evaluation.touched.activeUsers,
      introduced: s.evaluation.introduced,
      resolved: s.evaluation.resolved,
      remaining: s.remaining,
      causeIds: stepCauses,
      reason: stepReason(i + 1, total, titles),
    };
  });
  const remaining = [...scope].filter((id) => best.ids.has(id));
  const unitOf = new Map(verdict.violations.filter((v) => scope.has(v.id)).map((v) => [v.id, violationUnit(v)]));
  const unfixable = explainUnfixable(
    { world, view, best, candidates, causes: causeById, causeOf: causes.causeOf, truncated: result.truncated, evaluate: result.evaluate, peek: result.peek, openUnits: result.openUnits(best), unitOf },
    remaining,
  );
  return {
    cause: causeId,
    violations: scope.size,
    steps,
    resolved: best.resolvedInScope,
    complete: remaining.length === 0,
    unfixable,
    instances: best.instances,
    activeUsers: best.users,
    search: { candidates: candidates.length, evaluations: result.evaluations(), beamWidth: search.beamWidth, truncated: result.truncated },
  };
}
