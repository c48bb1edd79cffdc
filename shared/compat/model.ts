import type { FleetState } from '../protocol/index.ts';
import { buildEdgeIndex, type EdgeIndex } from './edge-index.ts';
import { inputError } from './input-error.ts';
import { NestedCache } from './nested-cache.ts';
import { regionInputErrors } from './region-errors.ts';
import { buildRegionIndex, type RegionIndex } from './region-index.ts';
import type { RuleContext, UnitFindings, ViolationDraft } from './rules/context.ts';
import { RuleId, type CompatInputError, type DeclaredException, type Verdict, type Violation } from './schemas.ts';
import { EMPTY_SUMMARY, summarizeComponent, summarizeGroup, type SchemaBucket, type TrainSummary } from './summaries.ts';
import { buildTrainCatalog, type TrainCatalog } from './train-catalog.ts';
import { computeUnit, unitKey, unitsOfComponent, unitsOfRegion, type Unit } from './units.ts';


interface ModelFields {
  regions: Map<string, RegionIndex>;
  catalog: TrainCatalog;
  edges: EdgeIndex;
  /** The same region id given twice: the later copies are dropped and the region is excluded. */
  duplicateErrors: CompatInputError[];
  /** Fleet-level errors attributed to a region: duplicate region ids, train name conflicts. */
  fleetErrors: Map<string, CompatInputError[]>;
  regionErrors: Map<string, CompatInputError[]>;
  summaries: NestedCache<TrainSummary>;
  groupSummaries: NestedCache<SchemaBucket[]>;
  /** Non-empty units only, violations already stamped with firstSeen. */
  units: Map<string, Violation[]>;
  /** Declared exceptions of units that have some. */
  exceptions: Map<string, DeclaredException[]>;
  dirtyUnits: Map<string, { unit: Unit; at: string }>;
  dirtyErrors: Map<string, string>;
  seen: Map<string, string>;
  verdict: Verdict | null;
}

const RULE_ORDER = new Map(RuleId.options.map((rule, i) => [rule, i]));

/**
 * The engine's state: regions indexed into count tables, violations cached per unit, and the
 * first-seen time of every current violation id. Full evaluation, the incremental evaluator and
 * what-if all go through this one class, so they cannot disagree on a rule.
 */
export class CompatModel implements RuleContext {
  private f: ModelFields;

  private constructor(fields: ModelFields) {
    this.f = fields;
  }

  static fromStates(states: readonly FleetState[], now: string, keyedEntities: boolean, previous: readonly Violation[] = []): CompatModel {
    const regions = new Map<string, RegionIndex>();
    const duplicates: CompatInputError[] = [];
    states.forEach((state, i) => {
      const id = state.region.id;
      if (regions.has(id)) {
        duplicates.push(inputError(id, 'region', id, ['region', 'id'], `region ${id} is given more than once (again as input ${i + 1})`));
      } else regions.set(id, buildRegionIndex(state, keyedEntities));
    });
    const model = new CompatModel({
      regions,
      catalog: buildTrainCatalog([]).catalog,
      edges: buildEdgeIndex([]),
      duplicateErrors: duplicates,
      fleetErrors: new Map(),
      regionErrors: new Map(),
      summaries: new NestedCache(),
      groupSummaries: new NestedCache(),
      units: new Map(),
      exceptions: new Map(),
      dirtyUnits: new Map(),
      dirtyErrors: new Map(),
      seen: new Map(previous.map((v) => [v.id, v.firstSeen])),
      verdict: null,
    });
    model.rebuildStructure(now);
    return model;
  }

  /** A copy that shares every table until the copy replaces it (for what-if). */
  fork(): CompatModel {
    this.refresh();
    const f = this.f;
    return new CompatModel({
      ...f,
      regions: new Map(f.regions),
      fleetErrors: new Map(f.fleetErrors),
      regionErrors: new Map(f.regionErrors),
      summaries: f.summaries.clone(),
      groupSummaries: f.groupSummaries.clone(),
      units: new Map(f.units),
      exceptions: new Map(f.exceptions),
      dirtyUnits: new Map(),
      dirtyErrors: new Map(),
      seen: new Map(f.seen),
      verdict: null,
    });
  }

  // ---- RuleContext -------------------------------------------------------------------------

  get catalog(): TrainCatalog {
    return this.f.catalog;
  }

  regionIds(): string[] {
    return [...this.f.regions.keys()];
  }

  validRegions(): string[] {
    return this.regionIds().filter((id) => this.isValid(id));
  }

  isValid(regionId: string): boolean {
    return (this.f.regionErrors.get(regionId)?.length ?? 0) === 0 && (this.f.fleetErrors.get(regionId)?.length ?? 0) === 0;
  }

  /** A region without input errors (rules see only those). */
  region(regionId: string): RegionIndex | undefined {
    return this.isValid(regionId) ? this.f.regions.get(regionId) : undefined;
  }

  /** Any region, valid or not. */
  anyRegion(regionId: string): RegionIndex | undefined {
    return this.f.regions.get(regionId);
  }

  summary(regionId: string, component: string): TrainSummary {
    const region = this.region(regionId);
    if (!region) return EMPTY_SUMMARY;
    let summary = this.f.summaries.get(regionId, component);
    if (!summary) {
      summary = summarizeComponent(region.instanceTallies.get(component), region.versionTrains.get(component));
      this.f.summaries.set(regionId, component, summary);
    }
    return summary;
  }

  groupSummary(regionId: string, group: string): SchemaBucket[] {
    const region = this.region(regionId);
    if (!region) return [];
    let summary = this.f.groupSummaries.get(regionId, group);
    if (!summary) {
      summary = summarizeGroup(region.groupTallies.get(group));
      this.f.groupSummaries.set(regionId, group, summary);
    }
    return summary;
  }

  // ---- changes -----------------------------------------------------------------------------

  /** Swaps a region's index without invalidating anything; pair with the *Changed calls. */
  setRegion(region: RegionIndex): void {
    this.f.regions.set(region.info.id, region);
  }

  /** A refetched region replaces the old one entirely (a new region id is added). */
  replaceRegion(state: FleetState, at: string, keyedEntities: boolean): void {
    this.f.regions.set(state.region.id, buildRegionIndex(state, keyedEntities));
    this.f.duplicateErrors = this.f.duplicateErrors.filter((e) => e.region !== state.region.id);
    this.rebuildStructure(at);
  }

  componentChanged(regionId: string, component: string, at: string): void {
    const region = this.f.regions.get(regionId);
    if (!region) return;
    this.f.summaries.delete(regionId, component);
    for (const unit of unitsOfComponent(region, this.f.edges, component)) this.markDirty(unit, at);
  }

  groupChanged(regionId: string, group: string, at: string): void {
    this.f.groupSummaries.delete(regionId, group);
    this.markDirty({ kind: 'schema', region: regionId, group }, at);
  }

  toggleChanged(regionId: string, key: string, at: string): void {
    this.markDirty({ kind: 'toggle', region: regionId, key }, at);
  }

  /** The region's input errors must be re-derived (a table key appeared/vanished, a list changed). */
  errorsMayChange(regionId: string, at: string): void {
    this.f.dirtyErrors.set(regionId, at);
    this.f.verdict = null;
  }

  /** Regions, trains or dependencies changed: re-derive everything fleet-level and every unit. */
  rebuildStructure(at: string): void {
    const regions = [...this.f.regions.values()];
    const { catalog, errors } = buildTrainCatalog(regions.map((r) => ({ regionId: r.info.id, trains: r.trains })));
    this.f.catalog = catalog;
    this.f.edges = buildEdgeIndex(regions.map((r) => ({ regionId: r.info.id, dependencies: r.dependencies })));
    this.f.fleetErrors = new Map();
    for (const error of [...this.f.duplicateErrors, ...errors]) {
      const list = this.f.fleetErrors.get(error.region) ?? [];
      list.push(error);
      this.f.fleetErrors.set(error.region, list);
    }
    this.f.summaries.clear();
    this.f.groupSummaries.clear();
    this.f.units.clear();
    this.f.exceptions.clear();
    this.f.dirtyUnits.clear();
    for (const region of regions) {
      this.f.regionErrors.set(region.info.id, regionInputErrors(region));
    }
    // Everything is recomputed now rather than marked dirty: same result, no dirty-set overhead.
    this.f.dirtyErrors.clear();
    const done = new Set<string>();
    for (const region of regions) {
      for (const unit of unitsOfRegion(region, this.f.edges)) {
        const key = unitKey(unit);
        if (done.has(key)) continue;
        done.add(key);
        this.store(key, computeUnit(this, unit), at);
      }
    }
    this.f.verdict = null;
  }

  /**
   * The latest change wins: a violation found on recompute is stamped with the time of the last
   * change applied before that evaluation (as a full evaluation at that time would stamp it).
   */
  private markDirty(unit: Unit, at: string): void {
    this.f.dirtyUnits.set(unitKey(unit), { unit, at });
    this.f.verdict = null;
  }

  // ---- evaluation --------------------------------------------------------------------------

  /** Recomputes what changes made dirty: input errors first (validity gates every rule), then units. */
  refresh(): void {
    for (const [regionId, at] of this.f.dirtyErrors) {
      const region = this.f.regions.get(regionId);
      if (!region) continue;
      const wasValid = this.isValid(regionId);
      this.f.regionErrors.set(regionId, regionInputErrors(region));
      if (wasValid !== this.isValid(regionId)) {
        for (const unit of unitsOfRegion(region, this.f.edges)) this.markDirty(unit, at);
      }
    }
    this.f.dirtyErrors.clear();
    for (const [key, { unit, at }] of this.f.dirtyUnits) this.store(key, computeUnit(this, unit), at);
    this.f.dirtyUnits.clear();
  }

  private store(key: string, findings: UnitFindings, at: string): void {
    if (findings.violations.length === 0) this.f.units.delete(key);
    else this.f.units.set(key, findings.violations.map((draft) => this.stamp(draft, at)));
    if (findings.exceptions.length === 0) this.f.exceptions.delete(key);
    else this.f.exceptions.set(key, findings.exceptions);
  }

  /** New ids are first seen at the time of the change that made their unit recompute. */
  private stamp(draft: ViolationDraft, at: string): Violation {
    return { ...draft, firstSeen: this.f.seen.get(draft.id) ?? at };
  }

  verdict(): Verdict {
    this.refresh();
    if (this.f.verdict) return this.f.verdict;
    const violations: Violation[] = [];
    for (const list of this.f.units.values()) violations.push(...list);
    // Ids absent from this verdict are forgotten: if they come back, they are new again.
    this.f.seen = new Map(violations.map((v) => [v.id, v.firstSeen]));
    violations.sort((a, b) => (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ids = this.regionIds();
    const errors = ids.flatMap((id) => [...(this.f.fleetErrors.get(id) ?? []), ...(this.f.regionErrors.get(id) ?? [])]);
    const exceptions: DeclaredException[] = [];
    for (const list of this.f.exceptions.values()) exceptions.push(...list);
    exceptions.sort((a, b) => (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.f.verdict = {
      ok: errors.length === 0,
      violations,
      exceptions,
      errors,
      regions: ids.filter((id) => this.isValid(id)),
      excludedRegions: ids.filter((id) => !this.isValid(id)),
    };
    return this.f.verdict;
  }
}
