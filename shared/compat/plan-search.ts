import { interacts, RUNG_ORDER, touchesAny, type PlanCandidate, type PlanWorld } from './plan-candidates.ts';
import { touchedBy } from './plan-impact.ts';
import { compareChildren, compareNodes, pressureOf, type Evaluation, type SearchNode } from './plan-node.ts';
import { FLEET_REGION_TOKEN } from './ids.ts';
import type { Violation } from './schemas.ts';
import { violationUnit } from './plan-units.ts';

export type { Evaluation, SearchNode } from './plan-node.ts';

export interface SearchOptions {
  beamWidth: number;
  maxSteps: number;
  /** Steps in a row that may resolve nothing as long as each lowers the scope's live instances. */
  maxIdleSteps: number;
  /** A bound on what-ifs in all; past it the best plan so far is returned, marked truncated. */
  maxEvaluations: number;
}

export interface SearchResult {
  best: SearchNode;
  /** What-ifs computed so far (including those asked for after the search). */
  evaluations(): number;
  truncated: boolean;
  evaluate(node: SearchNode, candidate: PlanCandidate): Evaluation;
  /** The what-if if it was already computed for this node's state, without computing it. */
  peek(node: SearchNode, candidate: PlanCandidate): Evaluation | undefined;
  /** Rule units of the in-scope violations still present on a node. */
  openUnits(node: SearchNode): Set<string>;
}

interface Option {
  node: SearchNode;
  candidate: PlanCandidate;
  evaluation: Evaluation;
  preview: SearchNode;
}

/**
 * Beam search over action sequences. Each depth expands every node of the beam by every unused
 * candidate that introduces nothing and resolves a violation in scope — or, for at most
 * `maxIdleSteps` steps in a row, lowers the live instances those violations touch (a fleet-wide
 * window needs a rollback in each region before the last one resolves it) — and keeps the best
 * `beamWidth` children, one per set of actions. Candidates whose footprint reaches no open
 * violation in scope are not evaluated: they cannot change one.
 *
 * What-ifs are shared between nodes: a candidate's what-if depends only on the rule units in its
 * footprint, and those change only with steps whose footprint meets it (each target's cells are
 * changed by its own action only). So a what-if is keyed by the candidate and the steps taken that
 * interact with it, and computed once per key, whichever node and depth asks.
 */
export function searchPlan(world: PlanWorld, root: SearchNode, candidates: readonly PlanCandidate[], scope: ReadonlySet<string>, violations: readonly Violation[], options: SearchOptions): SearchResult {
  const unitOf = new Map(violations.filter((v) => scope.has(v.id)).map((v) => [v.id, violationUnit(v)]));
  const idleTargets = idleRegions(violations.filter((v) => scope.has(v.id)), options.maxIdleSteps + 1);
  const openUnits = (node: SearchNode) => new Set([...unitOf].filter(([id]) => node.ids.has(id)).map(([, unit]) => unit));
  const cache = new Map<string, Evaluation>();
  const keyOf = (node: SearchNode, candidate: PlanCandidate): string => {
    const relevant = node.steps.filter((s) => interacts(s.candidate, candidate)).map((s) => s.candidate.key).sort();
    return [candidate.key, ...relevant].join('\u0001');
  };
  const peek = (node: SearchNode, candidate: PlanCandidate) => cache.get(keyOf(node, candidate));
  const evaluate = (node: SearchNode, candidate: PlanCandidate): Evaluation => {
    const key = keyOf(node, candidate);
    const cached = cache.get(key);
    if (cached) return cached;
    const after = node.view.after(candidate.draft);
    let evaluation: Evaluation;
    if (!after.ok) evaluation = { ok: false, introduced: [], introducedSentence: null, resolved: [], scopeDelta: 0, touched: { instances: 0, activeUsers: 0 } };
    else {
      node.views.set(candidate.key, after.view);
      const { ids, pressure } = pressureOf(after.view, scope);
      const introduced = after.view.verdict().violations.filter((v) => !node.ids.has(v.id));
      evaluation = {
        ok: true,
        introduced: introduced.map((v) => v.id),
        introducedSentence: introduced[0]?.sentence ?? null,
        resolved: [...node.ids].filter((id) => !ids.has(id)),
        scopeDelta: pressure - node.pressure,
        touched: touchedBy(node.view, world, candidate.draft),
      };
    }
    cache.set(key, evaluation);
    return evaluation;
  };
  const preview = (node: SearchNode, candidate: PlanCandidate, evaluation: Evaluation, gain: number): SearchNode => ({
    ...node,
    pressure: node.pressure + evaluation.scopeDelta,
    steps: [...node.steps, { candidate, evaluation, remaining: 0 }],
    resolvedInScope: node.resolvedInScope + gain,
    idle: gain > 0 ? 0 : node.idle + 1,
    instances: node.instances + evaluation.touched.instances,
    users: node.users + evaluation.touched.activeUsers,
    rungs: [...node.rungs, RUNG_ORDER[candidate.rung]].sort((a, b) => a - b),
    depth: node.depth + candidate.depth,
    signature: [...node.steps.map((s) => s.candidate.key), candidate.key].sort().join('\u0001'),
  });
  const child = ({ node, candidate, evaluation, preview: p }: Option): SearchNode => {
    let view = node.views.get(candidate.key);
    if (!view) {
      const after = node.view.after(candidate.draft);
      if (!after.ok) throw new Error(`plan: ${candidate.key} was evaluated but cannot be applied`);
      view = after.view;
    }
    const { ids, pressure } = pressureOf(view, scope);
    const steps = [...node.steps, { candidate, evaluation, remaining: ids.size }];
    return { ...p, view, ids, pressure, steps, used: new Set([...node.used, candidate.target]), views: new Map() };
  };

  let beam: SearchNode[] = [root];
  let best = root;
  let truncated = false;
  for (let depth = 0; depth < options.maxSteps && best.resolvedInScope < scope.size && beam.length > 0; depth++) {
    const ranked: Option[] = [];
    for (const node of beam) {
      const open = openUnits(node);
      for (const candidate of candidates) {
        if (node.used.has(candidate.target) || !touchesAny(candidate, open)) continue;
        const evaluation = evaluate(node, candidate);
        if (!evaluation.ok || evaluation.introduced.length > 0) continue;
        const gain = evaluation.resolved.filter((id) => scope.has(id)).length;
        const idle = gain === 0 && evaluation.scopeDelta < 0 && node.idle < options.maxIdleSteps && idleTargets.get(candidate.draft.region)?.some((u) => open.has(u) && candidate.footprint.has(u));
        if (gain > 0 || idle) ranked.push({ node, candidate, evaluation, preview: preview(node, candidate, evaluation, gain) });
      }
    }
    ranked.sort((a, b) => compareChildren(a.preview, b.preview));
    const next: SearchNode[] = [];
    const seen = new Set<string>();
    for (const option of ranked) {
      // One child per set of targets: the same component rolled back one train further is the
      // same idea, worse ranked; the beam's other slots go to different ideas.
      const targets = [...option.node.used, option.candidate.target].sort().join('\u0001');
      if (seen.has(targets)) continue;
      seen.add(targets);
      next.push(child(option));
      if (next.length >= options.beamWidth) break;
    }
    for (const node of beam) node.views.clear();
    beam = next;
    for (const node of beam) if (node.idle === 0 && compareNodes(node, best) < 0) best = node;
    if (cache.size > options.maxEvaluations) {
      truncated = true;
      break;
    }
  }
  return { best, evaluations: () => cache.size, truncated, evaluate, peek, openUnits };
}

/**
 * Where a step that resolves nothing may still be worth taking: the regions at one end of a
 * fleet-wide window violation whose end spans at most `most` regions (one rollback per region
 * brings that end in; wider ends are left to the report). Region → the window units.
 */
function idleRegions(violations: readonly Violation[], most: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const v of violations) {
    if (v.rule !== 'version-window' || !v.id.startsWith(`version-window:${FLEET_REGION_TOKEN}:`)) continue;
    const unit = violationUnit(v);
    for (const train of v.trains) {
      const regions = [...new Set(v.versions.filter((x) => x.train === train).map((x) => x.region))];
      if (regions.length > most) continue;
      for (const region of regions) out.set(region, [...(out.get(region) ?? []), unit]);
    }
  }
  return out;
}
