import type { Alert, HistoryPoint, RegionStatus, RegionToggles, SnapshotRegion, VerdictWithTime } from '../../shared/contract/index.ts';
import type { FleetState } from '../../shared/protocol/index.ts';
import type { ViolationEpisode } from '../../shared/report/episode.ts';
import type { RegionsService } from '../common/regions-service.ts';
import type { TelemetrySource } from '../common/telemetry-source.ts';
import { episodesAt } from './report-tables.ts';

export interface SnapshotActor {
  user: string;
  displayName: string;
  workstation: string;
}

/** What a snapshot needs of the console's audit store (an `AuditStore` is one). */
export interface SnapshotAuditSource {
  /** The store's file, read through a read-only connection of the snapshot's own. */
  readonly file: string;
  /** Signs the current head, so the copy ends at a signed entry. */
  checkpoint(): { seq: number; hash: string } | null;
  /** The Ed25519 public key (SPKI PEM) the checkpoints verify with. */
  publicKey(): string;
}

/** Everything a snapshot is taken from: the console's services, read at one moment. */
export interface SnapshotSources {
  regions: RegionsService;
  verdict(): VerdictWithTime;
  /** Open alerts and the newest resolved ones, in the order the console lists them. */
  alerts(): Alert[];
  toggles(): RegionToggles[];
  versionHistory(component: string): HistoryPoint[];
  /** Recorded violation episodes (the board report's skew history); absent: only the verdict's open ones are kept. */
  violationEpisodes?(): ViolationEpisode[];
  telemetry: ReadonlyMap<string, TelemetrySource>;
  audit: SnapshotAuditSource | null;
  /** Why the audit store is not available (recorded in the manifest's notes). */
  auditProblem?: string;
  actor: SnapshotActor;
  consoleVersion: string;
  /** Data older than this at T is marked stale in the manifest (the console's setting). */
  staleAfterSeconds: number;
  /** Milliseconds since the epoch; default Date.now. */
  now?: () => number;
}

/** The console's state at T, captured synchronously (one tick: statuses, states and verdict agree). */
export interface CapturedState {
  at: number;
  statuses: RegionStatus[];
  states: Map<string, FleetState>;
  verdict: VerdictWithTime;
  alerts: Alert[];
  toggles: Map<string, RegionToggles>;
  history: Map<string, HistoryPoint[]>;
  episodes: ViolationEpisode[];
}

export function captureState(sources: SnapshotSources, at: number): CapturedState {
  const statuses = sources.regions.list();
  const states = new Map(sources.regions.fleetStates().map((s) => [s.region.id, s]));
  const verdict = sources.verdict();
  const components = [...new Set([...states.values()].flatMap((s) => s.components.map((c) => c.id)))].sort();
  return {
    at,
    statuses,
    states,
    verdict,
    alerts: sources.alerts(),
    toggles: new Map(sources.toggles().map((t) => [t.region.id, t])),
    history: new Map(components.map((c) => [c, sources.versionHistory(c)])),
    episodes: episodesAt(sources.violationEpisodes?.() ?? [], verdict.violations, at),
  };
}

export function snapshotRegions(captured: CapturedState, sources: SnapshotSources): SnapshotRegion[] {
  return captured.statuses.map((status) => {
    const lastGood = status.lastGoodAt === null ? null : Date.parse(status.lastGoodAt);
    const age = lastGood === null ? null : Math.max(0, Math.round((captured.at - lastGood) / 1000));
    return {
      id: status.id,
      name: status.name,
      state: status.state,
      lastGoodAt: status.lastGoodAt,
      dataAgeSeconds: age,
      stale: status.state !== 'connected' || age === null || age > sources.staleAfterSeconds,
      revision: status.revision,
      lastError: status.lastError ? `${status.lastError.endpoint}: ${status.lastError.message}` : null,
      telemetrySource: sources.telemetry.get(status.id)?.kind ?? null,
    };
  });
}
