import type { Cause, Unfixable } from './cause-schemas.ts';
import { plural } from './format.ts';
import { touchesAny, type PlanCandidate, type PlanWorld } from './plan-candidates.ts';
import type { Evaluation, SearchNode } from './plan-search.ts';
import { stepSummary } from './plan-text.ts';
import type { CompatView } from './view.ts';

export interface UnfixableContext {
  world: PlanWorld;
  view: CompatView;
  best: SearchNode;
  candidates: readonly PlanCandidate[];
  causes: ReadonlyMap<string, Cause>;
  causeOf: Readonly<Record<string, string>>;
  truncated: boolean;
  /** Rule units of the violations left: only candidates reaching them are asked about. */
  openUnits: ReadonlySet<string>;
  /** Violation id → its rule unit. */
  unitOf: ReadonlyMap<string, string>;
  evaluate(node: SearchNode, candidate: PlanCandidate): Evaluation;
  peek(node: SearchNode, candidate: PlanCandidate): Evaluation | undefined;
}

/** A paused rollout of the component in the region that would bring it past `train`. */
function hasRolloutForward(world: PlanWorld, region: string, component: string, train: number): boolean {
  const state = world.states.get(region);
  if (!state) return false;
  const trainOf = (version: string) => state.componentVersions.find((v) => v.component === component && v.version === version)?.train;
  return state.rollouts.some((r) => r.component === component && r.state === 'paused' && (trainOf(r.toVersion) ?? -1) > train);
}

/**
 * Why each violation in scope that the plan leaves is left: the outlier is behind and nothing the
 * console can send moves it forward (needs a release), or every action that resolves it would
 * introduce another, or no action on what it involves resolves it at all.
 */
export function explainUnfixable(ctx: UnfixableContext, remaining: readonly string[]): Unfixable[] {
  const { best } = ctx;
  const needsRelease = (causeId: string): Cause | null => {
    const cause = ctx.causes.get(causeId);
    if (cause?.kind !== 'component' || cause.direction !== 'behind' || cause.component === null || cause.train === null) return null;
    return hasRolloutForward(ctx.world, cause.region, cause.component, cause.train) ? null : cause;
  };
  // Only violations that are not plainly waiting for a release are worth new what-ifs; for the
  // others, what the search already computed is enough to name an alternative.
  const asked = new Set(remaining.filter((id) => !needsRelease(ctx.causeOf[id] ?? '')).map((id) => ctx.unitOf.get(id)).filter((u): u is string => u !== undefined));
  const resolvers = new Map<string, { candidate: PlanCandidate; evaluation: Evaluation }[]>();
  for (const candidate of ctx.candidates) {
    if (best.used.has(candidate.target) || !touchesAny(candidate, ctx.openUnits)) continue;
    const evaluation = touchesAny(candidate, asked) ? ctx.evaluate(best, candidate) : ctx.peek(best, candidate);
    if (!evaluation?.ok) continue;
    for (const id of evaluation.resolved) {
      const list = resolvers.get(id) ?? [];
      list.push({ candidate, evaluation });
      resolvers.set(id, list);
    }
  }
  return remaining.map((violationId) => {
    const causeId = ctx.causeOf[violationId] ?? '';
    const options = (resolvers.get(violationId) ?? []).sort((a, b) => a.evaluation.introduced.length - b.evaluation.introduced.length || a.candidate.depth - b.candidate.depth);
    const cheapest = options[0];
    const sentence = cheapest?.evaluation.introducedSentence?.replace(/\.$/, '');
    const instead = cheapest && cheapest.evaluation.introduced.length > 0
      ? `"${stepSummary(ctx.view, ctx.world, cheapest.candidate.draft)}" would resolve it but introduce ${plural(cheapest.evaluation.introduced.length, 'violation')}${sentence ? `: ${sentence}` : ''}`
      : null;
    const cause = needsRelease(causeId);
    if (cause) {
      const release = `needs a release: ${cause.component ?? ''} in ${cause.region} is ${plural(cause.gap, 'train')} behind and has no paused rollout to resume towards a newer train`;
      return { violationId, causeId, kind: 'needs-release', why: instead ? `${release}. ${instead}.` : `${release}.` };
    }
    if (instead) return { violationId, causeId, kind: 'would-introduce', why: `${instead}.` };
    if (cheapest) {
      return { violationId, causeId, kind: 'no-action', why: `the search stopped at its bound (${ctx.truncated ? 'what-if budget' : 'step limit'}) before ${stepSummary(ctx.view, ctx.world, cheapest.candidate.draft)}.` };
    }
    return { violationId, causeId, kind: 'no-action', why: 'no action the protocol offers on the components, groups, toggles and rollouts it involves resolves it.' };
  });
}
