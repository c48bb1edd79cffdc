import type { CallArgs, CallOutput, CanaryJudgement, ChartAnnotation, ChartSeries, SignalCell, SignalRow, TelemetryProblem } from '../../shared/contract/index.ts';
import { TABLE_SIGNALS } from '../../shared/contract/index.ts';
import { SIGNAL_UNITS, type FleetState, type Rollout, type Signal } from '../../shared/protocol/index.ts';
import { baselineOf } from '../../shared/telemetry/baseline.ts';
import { chooseStep } from '../../shared/telemetry/step.ts';
import { downsample } from '../../shared/telemetry/downsample.ts';
import { judgeCanary, judgeSignal } from '../../shared/telemetry/judge.ts';
import type { VersionTelemetry } from '../../shared/telemetry/alert-rules.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { RegionsService } from '../common/regions-service.ts';
import { TelemetryError, type TelemetryRequest, type TelemetrySeries, type TelemetrySource } from '../common/telemetry-source.ts';
import type { AuditStore } from '../audit/index.ts';
import type { CompatService } from './compat-service.ts';
import { liveVersions } from './live-versions.ts';
import { alignedWindow, TelemetryCache } from './telemetry-cache.ts';
import { RANGE_SECONDS } from './telemetry-ranges.ts';

export interface TelemetryServiceOptions {
  regions: RegionsService;
  compat: CompatService;
  sources: ReadonlyMap<string, TelemetrySource>;
  audit?: AuditStore | null;
  now?: () => number;
  /** The window a canary is judged over (default 30 minutes). */
  judgeWindowSeconds?: number;
}

type SeriesMap = Map<string, TelemetrySeries>;
const ALPHA = 0.01;
const SPARKLINE_POINTS = 24;
const TABLE_WIDTH_PX = 60;
const CHART_SIGNALS: readonly Signal[] = ['error_rate', 'latency_p95', 'health', 'request_rate'];
const JUDGED: readonly Signal[] = ['error_rate', 'latency_p95', 'health'];
const IN_FLIGHT = new Set<Rollout['state']>(['progressing', 'paused']);

const seriesKey = (component: string, version: string): string => `${component}@${version}`;

/** Telemetry behind the contract: the Signals table, the charts and the canary judgements. */
export class TelemetryService {
  readonly cache = new TelemetryCache();
  private readonly now: () => number;

  constructor(private readonly options: TelemetryServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  hasSources(): boolean {
    return this.options.sources.size > 0;
  }

  sourceOf(regionId: string): TelemetrySource | undefined {
    return this.options.sources.get(regionId);
  }

  /**
   * One query through the cache (kept for its step unless `keep` is false: then only shared while in
   * flight); a failure comes back as a problem naming region, source and query.
   */
  async fetch(source: TelemetrySource, request: TelemetryRequest, keep = true): Promise<{ series: SeriesMap; problem: TelemetryProblem | null }> {
    const series: SeriesMap = new Map();
    try {
      const result = await this.cache.query(source, request, keep ? Math.max(1_000, request.stepSeconds * 1_000) : 0);
      for (const s of result.series) series.set(seriesKey(s.component, s.version), s);
      const problem = result.warnings.length > 0 ? { region: source.regionId, source: source.kind, query: source.describe(request), message: `partial data: ${result.warnings.join('; ')}` } : null;
      return { series, problem };
    } catch (error) {
      const message = error instanceof TelemetryError ? error.message : error instanceof Error ? error.message : String(error);
      return { series, problem: { region: source.regionId, source: source.kind, query: source.describe(request), message } };
    }
  }

  /** The latest `lookbackSeconds` of the given signals for every live version of a region (for the alert rules); `keep: false` leaves the answers out of the cache. */
  async recent(regionId: string, signals: readonly Signal[], lookbackSeconds: number, stepSeconds?: number, { keep = true }: { keep?: boolean } = {}): Promise<{ telemetry: Map<string, VersionTelemetry>; problems: TelemetryProblem[] }> {
    const source = this.options.sources.get(regionId);
    const telemetry = new Map<string, VersionTelemetry>();
    if (!source) return { telemetry, problems: [] };
    const step = stepSeconds ?? Math.max(1, source.minStepSeconds ?? 1);
    const { from, to } = alignedWindow(this.now(), lookbackSeconds, step);
    const answers = await Promise.all(signals.map((signal) => this.fetch(source, { signal, from, to, stepSeconds: step }, keep)));
    answers.forEach(({ series }, i) => {
      const signal = signals[i] as Signal;
      for (const [key, s] of series) {
        const entry = telemetry.get(key) ?? { component: s.component, version: s.version, signals: {} };
        entry.signals[signal] = s.points;
        telemetry.set(key, entry);
      }
    });
    return { telemetry, problems: answers.flatMap((a) => (a.problem ? [a.problem] : [])) };
  }

  async signals({ range }: CallArgs<'telemetry.signals'>): Promise<CallOutput<'telemetry.signals'>> {
    const rangeSeconds = RANGE_SECONDS[range];
    const view = this.options.compat.view();
    const regions = [...this.options.sources.values()];
    const perRegion = await Promise.all(
      regions.map(async (source) => {
        const step = chooseStep(rangeSeconds, TABLE_WIDTH_PX, { minStep: source.minStepSeconds ?? 1 });
        const { from, to } = alignedWindow(this.now(), rangeSeconds, step);
        const answers = await Promise.all(TABLE_SIGNALS.map((signal) => this.fetch(source, { signal, from, to, stepSeconds: step })));
        return { source, answers };
      }),
    );
    const rows: SignalRow[] = [];
    const problems: TelemetryProblem[] = [];
    for (const { source, answers } of perRegion) {
      for (const a of answers) if (a.problem) problems.push(a.problem);
      const [errors, latency, health] = answers.map((a) => a.series) as [SeriesMap, SeriesMap, SeriesMap];
      const stats = [errors, latency, health].map(seriesStats) as [StatsMap, StatsMap, StatsMap];
      const components = new Set<string>();
      for (const map of [errors, latency, health]) for (const s of map.values()) components.add(s.component);
      for (const component of [...components].sort()) {
        const live = liveVersions(view, source.regionId, component);
        for (const v of live) {
          const base = baselineOf(live, v.version);
          const own = seriesKey(component, v.version);
          const other = base ? seriesKey(component, base.version) : null;
          const cell = (map: StatsMap, signal: Signal): SignalCell => tableCell(signal, map.get(own), other === null ? undefined : map.get(other));
          const ownErrors = errors.get(own)?.points ?? [];
          rows.push({
            region: source.regionId,
            component,
            version: v.version,
            train: v.train,
            instances: v.instances,
            baseline: base ? { version: base.version, train: base.train } : null,
            error_rate: cell(stats[0], 'error_rate'),
            latency_p95: cell(stats[1], 'latency_p95'),
            health: cell(stats[2], 'health'),
            sparkline: sparkline(ownErrors),
          });
        }
      }
    }
    return { at: new Date(this.now()).toISOString(), range, rows, problems };
  }

  async chart({ region, component, range, widthPx, signals }: CallArgs<'telemetry.chart'>): Promise<CallOutput<'telemetry.chart'>> {
    const source = this.options.sources.get(region);
    if (!source) throw new ConsoleError('not-found', `No telemetry source for region ${region}`);
    const rangeSeconds = RANGE_SECONDS[range];
    const step = chooseStep(rangeSeconds, widthPx, { minStep: source.minStepSeconds ?? 1 });
    const { from, to } = alignedWindow(this.now(), rangeSeconds, step);
    const wanted = signals ?? CHART_SIGNALS;
    const answers = await Promise.all(wanted.map((signal) => this.fetch(source, { signal, from, to, stepSeconds: step, component })));
    const state = this.stateOf(region);
    const trainOf = new Map((state?.componentVersions ?? []).filter((v) => v.component === component).map((v) => [v.version, v.train]));
    const inFlight = (state?.rollouts ?? []).filter((r) => r.component === component && IN_FLIGHT.has(r.state));
    const canaries = new Set(inFlight.map((r) => r.toVersion));
    const baselines = new Set(inFlight.map((r) => r.fromVersion));
    const series: ChartSeries[] = [];
    answers.forEach(({ series: map }, i) => {
      const signal = wanted[i] as Signal;
      for (const s of [...map.values()].sort((a, b) => (trainOf.get(a.version) ?? 0) - (trainOf.get(b.version) ?? 0))) {
        series.push({
          signal,
          version: s.version,
          train: trainOf.get(s.version) ?? -1,
          role: canaries.has(s.version) ? 'canary' : baselines.has(s.version) ? 'baseline' : 'other',
          unit: SIGNAL_UNITS[signal],
          // One point per two pixels: a line drawn finer than that only costs render time.
          points: downsample(s.points.map(([t, x]) => [t, x]), Math.max(4, Math.ceil(widthPx / 2))),
        });
      }
    });
    return {
      region,
      component,
      range,
      from: new Date(from * 1000).toISOString(),
      to: new Date(to * 1000).toISOString(),
      stepSeconds: step,
      source: source.kind,
      series,
      annotations: this.annotations(state, region, component, from, to),
      problems: answers.flatMap((a) => (a.problem ? [a.problem] : [])),
    };
  }

  /** The canary judgement of every rollout in flight, over the judging window. */
  async judgements(filter: CallArgs<'telemetry.judgements'> = {}): Promise<CanaryJudgement[]> {
    const windowSeconds = this.options.judgeWindowSeconds ?? 1_800;
    const out: CanaryJudgement[] = [];
    const jobs: Promise<CanaryJudgement>[] = [];
    for (const state of this.options.regions.fleetStates()) {
      const region = state.region.id;
      if (filter.region && filter.region !== region) continue;
      const source = this.options.sources.get(region);
      if (!source) continue;
      for (const rollout of state.rollouts) {
        if (!IN_FLIGHT.has(rollout.state) || (filter.component && filter.component !== rollout.component)) continue;
        jobs.push(this.judge(source, state, rollout, windowSeconds));
      }
    }
    out.push(...(await Promise.all(jobs)));
    return out.sort((a, b) => a.region.localeCompare(b.region) || a.component.localeCompare(b.component));
  }

  private async judge(source: TelemetrySource, state: FleetState, rollout: Rollout, windowSeconds: number): Promise<CanaryJudgement> {
    const step = chooseStep(windowSeconds, 60, { minStep: source.minStepSeconds ?? 1 });
    const { from, to } = alignedWindow(this.now(), windowSeconds, step);
    const trainOf = (version: string) => state.componentVersions.find((v) => v.component === rollout.component && v.version === version)?.train ?? -1;
    const base: CanaryJudgement = {
      region: source.regionId,
      component: rollout.component,
      rolloutId: rollout.id,
      canary: { version: rollout.toVersion, train: trainOf(rollout.toVersion) },
      baseline: { version: rollout.fromVersion, train: trainOf(rollout.fromVersion) },
      from: new Date(from * 1000).toISOString(),
      to: new Date(to * 1000).toISOString(),
      verdict: null,
      signals: [],
      problem: null,
    };
    const answers = await Promise.all(JUDGED.map((signal) => this.fetch(source, { signal, from, to, stepSeconds: step, component: rollout.component })));
    const failed = answers.find((a) => a.problem && a.series.size === 0);
    if (failed?.problem) return { ...base, problem: failed.problem.message };
    const inputs = [];
    for (let i = 0; i < JUDGED.length; i++) {
      const signal = JUDGED[i] as Signal;
      const map = (answers[i] as { series: SeriesMap }).series;
      const b = values(map.get(seriesKey(rollout.component, rollout.fromVersion)));
      const c = values(map.get(seriesKey(rollout.component, rollout.toVersion)));
      if (b.length < MIN_SAMPLES || c.length < MIN_SAMPLES) {
        return { ...base, problem: `too few samples of ${signal} to judge: ${b.length} for ${rollout.fromVersion}, ${c.length} for ${rollout.toVersion} (need ${MIN_SAMPLES})` };
      }
      inputs.push({ signal, baseline: b, canary: c });
    }
    const judged = judgeCanary(inputs, { alpha: ALPHA });
    return { ...base, verdict: judged.verdict, signals: judged.signals };
  }

  private stateOf(region: string): FleetState | undefined {
    return this.options.regions.fleetStates().find((s) => s.region.id === region);
  }

  private annotations(state: FleetState | undefined, region: string, component: string, from: number, to: number): ChartAnnotation[] {
    const inRange = (at: string) => {
      const t = Date.parse(at) / 1000;
      return t >= from && t <= to;
    };
    const out: ChartAnnotation[] = [];
    for (const rollout of state?.rollouts ?? []) {
      if (rollout.component !== component) continue;
      for (const e of rollout.history) if (inRange(e.at)) out.push({ at: e.at, kind: 'rollout', label: `${e.event} → ${rollout.toVersion}` });
    }
    const toggles = new Set((state?.toggles ?? []).filter((t) => t.minVersion?.component === component).map((t) => t.key));
    const audit = this.options.audit;
    if (audit) {
      const { entries } = audit.query({ region, since: new Date(from * 1000).toISOString(), until: new Date(to * 1000).toISOString() }, { limit: 200 });
      for (const e of entries) {
        if (e.kind !== 'outcome' || e.target === null) continue;
        if (e.target !== component && !e.target.includes(`.${component}.`) && !toggles.has(e.target)) continue;
        out.push({ at: e.at, kind: 'action', label: `${e.action} ${e.target} (${e.outcome ?? 'unknown'}) by ${e.actorName || e.actorUser}` });
      }
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }
}

const MIN_SAMPLES = 5;

function values(series: TelemetrySeries | undefined): number[] {
  const out: number[] = [];
  for (const [, v] of series?.points ?? []) if (Number.isFinite(v)) out.push(v);
  return out;
}

interface SeriesStats {
  values: number[];
  mean: number | null;
}
type StatsMap = Map<string, SeriesStats>;

/** Each series' finite values and mean, computed once per table (a version is also the next one's baseline). */
function seriesStats(map: SeriesMap): StatsMap {
  const out: StatsMap = new Map();
  for (const [key, s] of map) {
    const v = values(s);
    out.set(key, { values: v, mean: v.length > 0 ? mean(v) : null });
  }
  return out;
}

/** At most SPARKLINE_POINTS values; a short series as it is. */
function sparkline(points: ReadonlyArray<readonly [number, number]>): number[] {
  if (points.length <= SPARKLINE_POINTS) return points.map(([, x]) => x);
  return downsample(points.map(([t, x]) => [t, x]), SPARKLINE_POINTS).map(([, x]) => x);
}

/** A Signals-table cell: the mean over the range, and the Mann-Whitney judgement against the baseline as its colour. */
function tableCell(signal: Signal, own: SeriesStats | undefined, baseline: SeriesStats | undefined): SignalCell {
  const value = own?.mean ?? null;
  const base = baseline?.mean ?? null;
  const relativeDelta = value !== null && base !== null && base !== 0 ? (value - base) / base : null;
  if (!own || !baseline || own.values.length < MIN_SAMPLES || baseline.values.length < MIN_SAMPLES) return { value, baseline: base, relativeDelta, status: 'unknown' };
  const j = judgeSignal(signal, baseline.values, own.values, { alpha: ALPHA });
  const status = j.verdict === 'fail' ? 'bad' : j.verdict === 'marginal' ? 'worse' : j.pValue < ALPHA && j.effect <= -j.marginalAt ? 'better' : 'same';
  return { value, baseline: base, relativeDelta, status };
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

