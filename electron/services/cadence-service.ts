import {
  completeWeeksBefore,
  computeCadence,
  DAY_MS,
  RANGE_WEEKS,
  releasesFrom,
  remediedTrain,
  trainsFrom,
  type CadenceBucket,
  type CadenceRange,
  type CadenceRelease,
  type CadenceRestore,
  type CadenceSummary,
} from '../../shared/cadence/index.ts';
import type { Alert } from '../../shared/contract/alerts.ts';
import type { FleetState } from '../../shared/protocol/index.ts';
import type { AuditStore } from '../audit/index.ts';
import type { EventBus } from '../common/event-bus.ts';
import type { FleetChange, RegionsService } from '../common/regions-service.ts';
import { auditedRemedies } from './cadence-audit.ts';
import type { CadenceConfig } from './cadence-config.ts';
import type { CadenceStore } from './cadence-memory.ts';

/** How far back history is read before a period starts: a train gated or first released before it. */
const LOOKBACK_MS = 120 * DAY_MS;
/** The window of audit entries read at start (the cadence history's retention). */
const AUDIT_WINDOW_MS = 400 * DAY_MS;
/** A later audit read starts this long before the previous one (entries appended while it ran). */
const AUDIT_OVERLAP_MS = DAY_MS;

export interface CadenceServiceOptions {
  regions: RegionsService;
  store: CadenceStore;
  /** The audit store, for the rollbacks and toggle-offs this console ran; null when it cannot be opened. */
  audit: Pick<AuditStore, 'query' | 'get'> | null;
  /** Resolved alerts kept by the history store, read once at start. */
  resolvedAlerts?: () => readonly Alert[];
  bus: EventBus;
  config: CadenceConfig;
  now: () => number;
  /** Trouble that does not stop cadence (a write that failed); the figures come from what is stored. */
  onProblem?: (message: string) => void;
  /** Region states with news are read and stored at most this often (default 1 s). */
  flushEveryMs?: number;
}

/** An alert first seen → resolved is a restore; `data-stale` says the console lost its data, not that service failed. */
export function restoreOf(alert: Alert): CadenceRestore | null {
  if (alert.state !== 'resolved' || alert.resolvedAt === null || alert.rule === 'data-stale') return null;
  return { id: `${alert.id}@${alert.firstSeen}`, region: alert.region, startMs: Date.parse(alert.firstSeen), restoredMs: Date.parse(alert.resolvedAt) };
}

/** A change that can tell of a release or a passed gate; instance churn cannot. */
function matters(change: FleetChange): boolean {
  if (change.events === 'replaced') return true;
  return change.events.some((e) => (e.type === 'rollout.upsert' && e.rollout.state === 'completed') || e.type === 'stageGate.upsert' || e.type === 'componentVersion.upsert');
}

/**
 * Keeps the cadence history: every region's trains, gates, reported releases and completed
 * rollouts, the console's audited rollbacks and toggle-offs, and its resolved alerts go to the
 * store (history.sqlite), and `summary` computes the DORA keys from what is stored — so the figures
 * survive a restart and outlive what regions still report.
 */
export class CadenceService {
  private readonly disposers: (() => void)[] = [];
  private readonly pending = new Map<string, () => FleetState>();
  /** What was last stored per region, to skip writing the same records again. */
  private readonly written = new Map<string, string>();
  private auditReadMs: number | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: CadenceServiceOptions) {}

  start(): void {
    const { regions, bus } = this.options;
    this.disposers.push(
      regions.onFleet((change) => {
        if (!matters(change)) return;
        this.pending.set(change.regionId, change.state);
        this.timer ??= setTimeout(() => this.flush(), this.options.flushEveryMs ?? 1_000);
        this.timer.unref?.();
      }),
      bus.on('alerts.changed', ({ changed }) => this.recordRestores(changed)),
      bus.on('actions.outcome', ({ outcome }) => {
        if (outcome === 'succeeded') this.syncAudit();
      }),
    );
    for (const state of regions.fleetStates()) this.ingest(state);
    this.recordRestores(this.options.resolvedAlerts?.() ?? []);
    this.syncAudit();
  }

  stop(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.flush();
  }

  summary(range: CadenceRange, bucket: CadenceBucket): CadenceSummary {
    this.flush();
    this.syncAudit();
    const period = completeWeeksBefore(this.options.now(), RANGE_WEEKS[range]);
    const history = this.options.store.cadence(period.fromMs - LOOKBACK_MS);
    return computeCadence(history, { period, weeklyTarget: this.options.config.weeklyTarget, bucket, regions: this.options.regions.list().map((r) => r.id) });
  }

  /** Stores what the regions with news now say. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const states = [...this.pending.values()];
    this.pending.clear();
    for (const state of states) this.ingest(state());
    if (states.length > 0) this.syncAudit();
  }

  private ingest(state: FleetState): void {
    const records = { trains: trainsFrom(state.trains, state.stageGates), releases: releasesFrom(state) };
    const signature = JSON.stringify(records);
    if (this.written.get(state.region.id) === signature) return;
    if (this.write(() => this.options.store.recordCadence(records))) this.written.set(state.region.id, signature);
  }

  private recordRestores(alerts: readonly Alert[]): void {
    const restores = alerts.flatMap((a) => restoreOf(a) ?? []);
    if (restores.length > 0) this.write(() => this.options.store.recordCadence({ restores }));
  }

  /** Attributes audited rollbacks and toggle-offs to the train they remedied and stores them as failures. */
  private syncAudit(): void {
    const audit = this.options.audit;
    if (!audit) return;
    const now = this.options.now();
    const since = this.auditReadMs === null ? now - AUDIT_WINDOW_MS : this.auditReadMs - AUDIT_OVERLAP_MS;
    let remedies;
    try {
      remedies = auditedRemedies(audit, since);
    } catch (error) {
      this.options.onProblem?.(`cadence: the audit store could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.auditReadMs = now;
    if (remedies.length === 0) return;
    const known = this.options.store.cadence(since - AUDIT_WINDOW_MS).releases;
    const failures: CadenceRelease[] = [];
    for (const remedy of remedies) {
      const train = remediedTrain(known, remedy.region, remedy.atMs, remedy.toTrain);
      const release = known.find((r) => r.region === remedy.region && r.train === train);
      if (!release) continue;
      failures.push({ ...release, failure: { action: remedy.action, source: 'audit', detectedMs: remedy.atMs, restoredMs: null } });
    }
    if (failures.length > 0) this.write(() => this.options.store.recordCadence({ releases: failures }));
  }

  private write(run: () => void): boolean {
    try {
      run();
      return true;
    } catch (error) {
      this.options.onProblem?.(`cadence history could not be stored: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }
}
