import type { Alert, AlertCounts, CallArgs, CallOutput, CanaryJudgement } from '../../shared/contract/index.ts';
import { SIGNAL_UNITS, type Signal } from '../../shared/protocol/index.ts';
import { evaluateVersionRules, evidencePoints, type AlertCandidate, type VersionTelemetry } from '../../shared/telemetry/alert-rules.ts';
import { burnRateAlert, type TrafficSeries } from '../../shared/telemetry/burn-rate.ts';
import type { LiveVersion } from '../../shared/telemetry/baseline.ts';
import { suggestFirstResponse } from '../../shared/telemetry/escalation.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { EventBus } from '../common/event-bus.ts';
import type { RegionsService } from '../common/regions-service.ts';
import type { AlertConfig } from './alert-config.ts';
import { counts, keyOf, raise, RESOLVE_AFTER_MISSES, type AlertHistory, type OpenAlert } from './alert-lifecycle.ts';
import type { CompatService } from './compat-service.ts';
import { liveVersions } from './live-versions.ts';
import type { TelemetryService } from './telemetry-service.ts';

export interface AlertServiceOptions {
  regions: RegionsService;
  compat: CompatService;
  telemetry: TelemetryService;
  history: AlertHistory;
  bus: EventBus;
  config: AlertConfig;
  now?: () => number;
  /** How often the rules run; default: the finest Prometheus scrape interval, else 5 s. */
  evaluateEveryMs?: number;
  judgeEveryMs?: number;
  sloEveryMs?: number;
}

const INSTANT_SIGNALS: readonly Signal[] = ['error_rate', 'latency_p95', 'health'];
/** lastSeen is written to the store at most this often while nothing else about an alert changes. */
const PERSIST_LAST_SEEN_MS = 30_000;
const SLO_LOOKBACK_S = 21_600;
const SLO_STEP_S = 60;

/**
 * Runs the alert rules continuously in the main process: instantaneous rules on every evaluation,
 * canary judgements and SLO burn rates on slower clocks. An alert is raised with its evidence and
 * suggested first response, stays open while its condition holds, and resolves after
 * RESOLVE_AFTER_MISSES evaluations without it. Open alerts and history live in the history store.
 */
export class AlertService {
  private readonly open = new Map<string, OpenAlert>();
  private readonly persistedAt = new Map<string, number>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private judgements: CanaryJudgement[] = [];
  private judgedAt = -Infinity;
  private sloCandidates: AlertCandidate[] = [];
  /** Each region's telemetry from the latest evaluation: the canary alerts draw their evidence from it. */
  private readonly recent = new Map<string, ReadonlyMap<string, VersionTelemetry>>();
  private sloAt: number;
  private readonly startedAt: number;

  constructor(private readonly options: AlertServiceOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    // The burn rates read 6 h of history: not while the console is still connecting.
    this.sloAt = this.startedAt;
    for (const alert of options.history.openAlerts()) this.open.set(keyOf(alert.id), { key: keyOf(alert.id), alert, misses: 0 });
  }

  get evaluateEveryMs(): number {
    if (this.options.evaluateEveryMs !== undefined) return this.options.evaluateEveryMs;
    const steps = [...this.options.regions.list()].map((r) => this.options.telemetry.sourceOf(r.id)).flatMap((s) => (s?.kind === 'prometheus' ? [s.minStepSeconds ?? 15] : []));
    return Math.max(1_000, Math.min(5, ...steps) * 1_000);
  }

  start(): void {
    const tick = () => void this.evaluate().catch(() => {});
    this.timer = setInterval(tick, this.evaluateEveryMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  counts(): AlertCounts {
    return counts(this.open.values());
  }

  list({ state, limit }: CallArgs<'alerts.list'>): CallOutput<'alerts.list'> {
    // Open alerts are current in memory (lastSeen is written to the store only every 30 s).
    const live = new Map([...this.open.values()].map((o) => [o.alert.id, o.alert]));
    const alerts = this.options.history.alerts({ state, limit }).map((a) => live.get(a.id) ?? a);
    return { alerts, counts: this.counts() };
  }

  acknowledge({ id, note }: CallArgs<'alerts.acknowledge'>, by: string): Alert {
    const entry = this.open.get(keyOf(id));
    if (!entry || entry.alert.id !== id) {
      const known = this.options.history.alert(id);
      throw new ConsoleError(known ? 'conflict' : 'not-found', known ? `Alert ${id} is already resolved` : `No alert ${id}`);
    }
    if (entry.alert.state === 'active') {
      entry.alert = { ...entry.alert, state: 'acknowledged', acknowledged: { by, at: new Date(this.now()).toISOString(), note: note || null } };
      this.persist(entry.alert);
      this.emit([entry.alert]);
    }
    return entry.alert;
  }

  /** The latest canary judgements (refreshed on the judging clock). */
  latestJudgements(): CanaryJudgement[] {
    return this.judgements;
  }

  /** One evaluation of every rule; overlapping calls share the one in progress. */
  evaluate(): Promise<void> {
    this.running ??= this.evaluateOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async evaluateOnce(): Promise<void> {
    const nowMs = this.now();
    const at = new Date(nowMs).toISOString();
    const view = this.options.compat.view();
    const candidates: AlertCandidate[] = [];
    const evaluated = new Set<string>();
    const statuses = this.options.regions.list();

    await Promise.all(
      statuses.map(async (status) => {
        const source = this.options.telemetry.sourceOf(status.id);
        // Without fleet data the live versions are unknown; the region's connection comes first.
        if (!source || status.lastGoodAt === null) return;
        const step = Math.max(1, source.minStepSeconds ?? 5, source.kind === 'native' ? 5 : 1);
        const lookback = Math.min(600, Math.max(60, 60 * step));
        const { telemetry, problems } = await this.options.telemetry.recent(status.id, INSTANT_SIGNALS, lookback, step);
        if (telemetry.size === 0 && problems.length > 0) {
          const p = problems[0];
          candidates.push({
            key: `data-stale|${status.id}|telemetry`,
            rule: 'data-stale',
            severity: 'warning',
            region: status.id,
            component: null,
            version: null,
            title: `Telemetry of ${status.id} is failing (${source.kind}): ${p?.message ?? 'no data'}`,
            evidence: null,
          });
          return;
        }
        evaluated.add(status.id);
        this.recent.set(status.id, telemetry);
        candidates.push(...evaluateVersionRules(status.id, this.liveOf(view, status.id, telemetry), telemetry, this.options.config.thresholds));
      }),
    );

    const staleMs = this.options.config.staleAfterSeconds * 1_000;
    for (const status of statuses) {
      const last = status.lastGoodAt ? Date.parse(status.lastGoodAt) : this.startedAt;
      if (nowMs - last <= staleMs) continue;
      candidates.push({
        key: `data-stale|${status.id}|fleet`,
        rule: 'data-stale',
        severity: 'warning',
        region: status.id,
        component: null,
        version: null,
        title: `${status.name}: no good fleet data for ${Math.round((nowMs - last) / 60_000)} min (${status.state}${status.lastError ? `: ${status.lastError.message}` : ''})`,
        evidence: null,
      });
    }

    await this.refreshSlow(nowMs);
    candidates.push(...this.canaryCandidates(), ...this.sloCandidates);
    this.reconcile(candidates, evaluated, at);
  }

  private liveOf(view: ReturnType<CompatService['view']>, region: string, telemetry: ReadonlyMap<string, VersionTelemetry>): Map<string, LiveVersion[]> {
    const live = new Map<string, LiveVersion[]>();
    for (const t of telemetry.values()) if (!live.has(t.component)) live.set(t.component, liveVersions(view, region, t.component));
    return live;
  }

  /** Canary judgements and SLO burn rates: slower clocks, each run in the background of an evaluation. */
  private async refreshSlow(nowMs: number): Promise<void> {
    const jobs: Promise<void>[] = [];
    if (nowMs - this.judgedAt >= (this.options.judgeEveryMs ?? 30_000) && this.options.regions.list().some((r) => r.lastGoodAt !== null)) {
      this.judgedAt = nowMs;
      jobs.push(this.options.telemetry.judgements({}).then((j) => void (this.judgements = j)));
    }
    if (nowMs - this.sloAt >= (this.options.sloEveryMs ?? 60_000)) {
      this.sloAt = nowMs;
      jobs.push(this.sloBurn(nowMs).then((c) => void (this.sloCandidates = c)));
    }
    await Promise.all(jobs);
  }

  private canaryCandidates(): AlertCandidate[] {
    return this.judgements
      .filter((j) => j.verdict === 'fail')
      .map((j) => {
        const worst = j.signals.find((s) => s.verdict === 'fail');
        return {
          key: `canary-fail|${j.region}|${j.component}|${j.canary.version}`,
          rule: 'canary-fail' as const,
          severity: 'critical' as const,
          region: j.region,
          component: j.component,
          version: j.canary.version,
          title: `Canary ${j.component} ${j.canary.version} in ${j.region} judged fail against ${j.baseline.version}`,
          evidence: worst
            ? {
                signal: worst.signal,
                unit: SIGNAL_UNITS[worst.signal],
                value: worst.canaryMedian,
                threshold: null,
                detail: worst.reason,
                // The judgement keeps only its statistics: the chart shows the region's latest telemetry of both versions.
                points: evidencePoints(this.recent.get(j.region)?.get(`${j.component}@${j.canary.version}`)?.signals[worst.signal]),
                baselinePoints: evidencePoints(this.recent.get(j.region)?.get(`${j.component}@${j.baseline.version}`)?.signals[worst.signal]),
              }
            : null,
        };
      });
  }

  private async sloBurn(nowMs: number): Promise<AlertCandidate[]> {
    const out: AlertCandidate[] = [];
    const nowSec = Math.floor(nowMs / 1000 / SLO_STEP_S) * SLO_STEP_S;
    await Promise.all(
      this.options.regions.list().map(async (status) => {
        if (status.lastGoodAt === null) return;
        // Read once a minute by this loop alone (~1.5 MB a region and signal at 100,000 instances): not kept in the cache.
        const { telemetry } = await this.options.telemetry.recent(status.id, ['request_rate', 'error_rate'], SLO_LOOKBACK_S, SLO_STEP_S, { keep: false });
        const byComponent = new Map<string, TrafficSeries[]>();
        for (const t of telemetry.values()) {
          const list = byComponent.get(t.component) ?? [];
          list.push({ requestRate: t.signals.request_rate ?? [], errorRate: t.signals.error_rate ?? [] });
          byComponent.set(t.component, list);
        }
        for (const [component, series] of byComponent) {
          const objective = this.options.config.objectives[component] ?? this.options.config.defaultObjective;
          const finding = burnRateAlert(series, nowSec, objective);
          if (!finding) continue;
          const { window, longBurn, shortBurn } = finding;
          out.push({
            key: `slo-burn|${status.id}|${component}|${window.longSeconds}`,
            rule: 'slo-burn',
            severity: window.severity,
            region: status.id,
            component,
            version: null,
            title: `${component} in ${status.id} burns its ${(objective * 100).toFixed(2)} % availability budget ${longBurn.toFixed(1)}× over ${window.longSeconds / 3600} h and ${shortBurn.toFixed(1)}× over ${window.shortSeconds / 60} min (limit ${window.factor}×)`,
            evidence: null,
          });
        }
      }),
    );
    return out;
  }

  private reconcile(candidates: readonly AlertCandidate[], evaluated: ReadonlySet<string>, at: string): void {
    const changed: Alert[] = [];
    const seen = new Set<string>();
    for (const c of candidates) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      const entry = this.open.get(c.key);
      if (!entry) {
        const alert = { ...raise(c, at), suggestion: this.suggest(c) };
        this.open.set(c.key, { key: c.key, alert, misses: 0 });
        changed.push(alert);
        continue;
      }
      entry.misses = 0;
      const escalated = entry.alert.severity !== c.severity && c.severity === 'critical';
      entry.alert = { ...entry.alert, lastSeen: at, title: c.title, evidence: c.evidence ?? entry.alert.evidence, severity: escalated ? 'critical' : entry.alert.severity };
      if (escalated) changed.push(entry.alert);
      else if (this.now() - (this.persistedAt.get(entry.alert.id) ?? 0) >= PERSIST_LAST_SEEN_MS) this.persist(entry.alert);
    }
    for (const [key, entry] of this.open) {
      if (seen.has(key)) continue;
      // No data is not good news: a region whose telemetry failed keeps its alerts open.
      if (entry.alert.region && !evaluated.has(entry.alert.region) && !key.startsWith('data-stale|')) continue;
      if (++entry.misses < RESOLVE_AFTER_MISSES) continue;
      this.open.delete(key);
      const resolved: Alert = { ...entry.alert, state: 'resolved', resolvedAt: at };
      changed.push(resolved);
    }
    for (const alert of changed) this.persist(alert);
    if (changed.length > 0) this.emit(changed);
  }

  private suggest(c: AlertCandidate): Alert['suggestion'] {
    if (!c.component || !c.version) return null;
    const state = this.options.regions.fleetStates().find((s) => s.region.id === c.region);
    if (!state) return null;
    const view = this.options.compat.view();
    return suggestFirstResponse(state, c.component, c.version, (request) => view.whatIf(request));
  }

  private persist(alert: Alert): void {
    this.options.history.upsertAlert(alert);
    this.persistedAt.set(alert.id, this.now());
    if (alert.state === 'resolved') this.persistedAt.delete(alert.id);
  }

  private emit(changed: Alert[]): void {
    this.options.bus.emit('alerts.changed', { counts: this.counts(), changed });
  }
}
