import type { PlanCandidate } from './plan-candidates.ts';
import type { Touched } from './plan-impact.ts';
import type { CompatView } from './view.ts';

/** A candidate's what-if on one node of the search: violation ids only, and whom it touches. */
export interface Evaluation {
  ok: boolean;
  introduced: string[];
  /** The sentence of the first violation it would introduce, to say why it was not taken. */
  introducedSentence: string | null;
  resolved: string[];
  /** Change of the live instances in the scope's remaining violations (negative: progress). */
  scopeDelta: number;
  touched: Touched;
}

export interface TakenStep {
  candidate: PlanCandidate;
  evaluation: Evaluation;
  /** Violations left in the whole fleet after this step. */
  remaining: number;
}

/** The fleet after some steps. */
export interface SearchNode {
  view: CompatView;
  ids: ReadonlySet<string>;
  /** Live instances of the in-scope violations still present (what progress steps lower). */
  pressure: number;
  steps: readonly TakenStep[];
  used: ReadonlySet<string>;
  resolvedInScope: number;
  /** Steps in a row that resolved nothing (each lowered the pressure). */
  idle: number;
  instances: number;
  users: number;
  rungs: readonly number[];
  /** How far back the rollbacks go, in trains: the smaller change wins a tie. */
  depth: number;
  signature: string;
  /** Views after candidates evaluated on this very node: the child's view when one is taken. */
  views: Map<string, CompatView>;
}

const compareRungs = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
};

/** The ranking: resolves the most; fewest actions; fewest instances, then users; lowest rungs; shallowest rollbacks. */
export function compareNodes(a: SearchNode, b: SearchNode): number {
  return b.resolvedInScope - a.resolvedInScope || a.steps.length - b.steps.length || a.instances - b.instances || a.users - b.users
    || compareRungs(a.rungs, b.rungs) || a.depth - b.depth || (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0);
}

/** Children of one depth: as the nodes rank, but a step that resolves nothing ranks by the progress it makes. */
export function compareChildren(a: SearchNode, b: SearchNode): number {
  if (a.resolvedInScope === b.resolvedInScope && a.idle > 0 && b.idle > 0 && a.pressure !== b.pressure) return a.pressure - b.pressure;
  return compareNodes(a, b);
}

export function pressureOf(view: CompatView, scope: ReadonlySet<string>): { ids: Set<string>; pressure: number } {
  const ids = new Set<string>();
  let pressure = 0;
  for (const v of view.verdict().violations) {
    ids.add(v.id);
    if (scope.has(v.id)) pressure += v.instances;
  }
  return { ids, pressure };
}

export function rootNode(view: CompatView, scope: ReadonlySet<string>): SearchNode {
  return { view, ...pressureOf(view, scope), steps: [], used: new Set(), resolvedInScope: 0, idle: 0, instances: 0, users: 0, rungs: [], depth: 0, signature: '', views: new Map() };
}
