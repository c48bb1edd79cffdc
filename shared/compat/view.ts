import { applyAction } from './actions.ts';
import { cellCompliance, complianceMatrix, indexViolationsByCell, versionMix, type CellViolationIndex } from './cells.ts';
import type { CompatModel } from './model.ts';
import type { CellCompliance, CompatInputError, VersionMixEntry, Verdict, WhatIfRequest, WhatIfResult } from './schemas.ts';
import { diffVerdicts } from './what-if.ts';

export type AfterResult = { ok: true; view: CompatView } | { ok: false; errors: CompatInputError[] };

/** The engine as the UI and connector use it: one fleet, its verdict, and questions about it. */
export interface CompatView {
  /** Time stamped on violations that first appear in this view. */
  readonly now: string;
  regionIds(): string[];
  verdict(): Verdict;
  /** Violations the action would introduce, resolve or leave; never changes this view. */
  whatIf(request: WhatIfRequest): WhatIfResult;
  /**
   * The fleet as it would be after the action (chain actions on it). A view taken from an
   * incremental evaluator shares its count tables: use it before the next `apply`.
   */
  after(request: WhatIfRequest): AfterResult;
  versionMix(region: string, component: string): VersionMixEntry[];
  cellStatus(region: string, component: string): CellCompliance;
  matrix(): CellCompliance[];
  trainName(index: number): string | undefined;
}

export class ModelView implements CompatView {
  protected model: CompatModel;
  protected currentNow: string;
  private cells: { verdict: Verdict; index: CellViolationIndex } | null = null;

  constructor(model: CompatModel, now: string) {
    this.model = model;
    this.currentNow = now;
  }

  get now(): string {
    return this.currentNow;
  }

  regionIds(): string[] {
    return this.model.regionIds();
  }

  verdict(): Verdict {
    return this.model.verdict();
  }

  whatIf(request: WhatIfRequest): WhatIfResult {
    const before = this.model.verdict();
    const outcome = applyAction(this.model, request, this.currentNow);
    if (!outcome.ok) return { ok: false, errors: [...before.errors, ...outcome.errors], introduced: [], resolved: [], unchanged: [], exceptionsIntroduced: [] };
    const after = outcome.model.verdict();
    return { ok: before.ok, errors: before.errors, ...diffVerdicts(before, after) };
  }

  after(request: WhatIfRequest): AfterResult {
    const outcome = applyAction(this.model, request, this.currentNow);
    return outcome.ok ? { ok: true, view: new ModelView(outcome.model, this.currentNow) } : outcome;
  }

  versionMix(region: string, component: string): VersionMixEntry[] {
    return versionMix(this.model, region, component);
  }

  cellStatus(region: string, component: string): CellCompliance {
    return cellCompliance(this.model, this.cellIndex(), region, component);
  }

  matrix(): CellCompliance[] {
    return complianceMatrix(this.model, this.model.verdict());
  }

  trainName(index: number): string | undefined {
    return this.model.catalog.name(index);
  }

  private cellIndex(): CellViolationIndex {
    const verdict = this.model.verdict();
    if (this.cells?.verdict !== verdict) this.cells = { verdict, index: indexViolationsByCell(verdict) };
    return this.cells.index;
  }
}
