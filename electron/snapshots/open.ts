import { basename } from 'node:path';
import type Database from 'better-sqlite3';
// Value imports from the contract's own files: rcc bundles this module, and needs no other call's schema.
import { Alert } from '../../shared/contract/alerts.ts';
import { HistoryPoint, VerdictWithTime } from '../../shared/contract/compat.ts';
import { RegionStatus } from '../../shared/contract/regions.ts';
import type { RegionToggles, SnapshotManifest } from '../../shared/contract/index.ts';
import { Violation } from '../../shared/compat/schemas.ts';
import { Signal } from '../../shared/protocol/index.ts';
import { verifyAuditChain, type ChainCheck } from './audit-chain.ts';
import { SnapshotAuditView } from './audit-view.ts';
import { readEpisodes, readLatestCheckpoint } from './report-tables.ts';
import type { ViolationEpisode } from '../../shared/report/episode.ts';
import { decodePoints } from './format.ts';
import { SnapshotRegionsService } from './snapshot-regions.ts';
import { parseStoredFleetState } from './stored-fleet-state.ts';
import { SnapshotTelemetrySource } from './snapshot-telemetry.ts';
import { checkSnapshot, type SnapshotFailureReason, type VerifyOptions } from './verify.ts';

/** A snapshot that failed a check: `reason` names it (and `table` the table, for a table's hash). */
export class SnapshotOpenError extends Error {
  constructor(
    readonly file: string,
    readonly reason: SnapshotFailureReason,
    message: string,
    readonly table?: string,
  ) {
    super(message);
    this.name = 'SnapshotOpenError';
  }
}

/** A version's mean of one signal over the last seconds before T. */
export interface SignalMean {
  region: string;
  component: string;
  version: string;
  signal: Signal;
  mean: number | null;
}

/** A verified snapshot, opened read-only: the handles the console runs over, and the content itself. */
export interface OpenedSnapshot {
  readonly file: string;
  readonly bytes: number;
  readonly manifest: SnapshotManifest;
  /** T, in ms since the epoch. */
  readonly takenAtMs: number;
  readonly verifiedAt: string;
  readonly regions: SnapshotRegionsService;
  readonly telemetrySources: ReadonlyMap<string, SnapshotTelemetrySource>;
  readonly audit: SnapshotAuditView;
  readonly verdict: VerdictWithTime;
  /** Alerts as the console listed them at T: open ones, then the newest resolved. */
  readonly alerts: readonly Alert[];
  readonly toggles: readonly RegionToggles[];
  versionHistory(component: string): HistoryPoint[];
  /** Violation episodes as the console recorded them at T (the board report's skew history), newest first, and since when. */
  readonly violationEpisodes: readonly ViolationEpisode[];
  readonly episodesRecordedSince: string | null;
  /** The copied chain's latest signed checkpoint. */
  auditCheckpoint(): { seq: number; hash: string; signature: string; at: string } | null;
  signalMeans(windowSeconds: number, signals: readonly Signal[]): SignalMean[];
  /** Recomputes the copied audit chain (as `audit.verify` does for the console's store). */
  verifyAuditChain(publicKey?: string): ChainCheck;
  close(): void;
}

/** A regions row as verification hashed it. */
type RegionRow = [id: string, position: number, status: string, state: Buffer | null, toggleSource: string, toggleProblem: string | null];

/**
 * Verifies `file` (every check of {@link verifySnapshot}) and opens it read-only; throws
 * {@link SnapshotOpenError} naming the failed check. Everything read is validated against the
 * contract's schemas as well: a file rebuilt with matching hashes is still only data.
 */
export async function openSnapshot(file: string, options: VerifyOptions = {}): Promise<OpenedSnapshot> {
  const { verification, db, regionRows } = await checkSnapshot(file, options);
  if (!verification.ok || !db) {
    const failed = verification.ok ? null : verification;
    throw new SnapshotOpenError(file, failed?.reason ?? 'unreadable', failed?.message ?? `${file}: cannot be opened`, failed?.table);
  }
  try {
    return load(db, file, verification.bytes, verification.manifest, regionRows);
  } catch (error) {
    db.close();
    if (error instanceof SnapshotOpenError) throw error;
    throw new SnapshotOpenError(file, 'bad-manifest', `${file}: content does not read as a snapshot: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parse<T>(schema: { parse(v: unknown): T }, text: string): T {
  return schema.parse(JSON.parse(text));
}

function load(db: Database.Database, file: string, bytes: number, manifest: SnapshotManifest, regionRows: unknown[][]): OpenedSnapshot {
  const rows = (regionRows as RegionRow[]).sort((a, b) => a[1] - b[1]);
  const statuses = rows.map((r) => parse(RegionStatus, r[2]));
  const states = rows.flatMap((r) => (r[3] === null ? [] : [parseStoredFleetState(r[3], manifest.formatVersion)]));
  const verdictRow = db.prepare('SELECT verdict FROM verdict WHERE id = 1').pluck().get() as string;
  const violations = (db.prepare('SELECT violation FROM violations ORDER BY position').pluck().all() as string[]).map((t) => parse(Violation, t));
  const verdict = VerdictWithTime.parse({ ...(JSON.parse(verdictRow) as object), violations });
  const alerts = (db.prepare('SELECT alert FROM alerts ORDER BY position').pluck().all() as string[]).map((t) => parse(Alert, t));
  const toggles: RegionToggles[] = rows.flatMap(([id, , , , source, problem]) => {
    const state = states.find((s) => s.region.id === id);
    if (!state) return [];
    return [{ region: { id, name: state.region.name }, source: source === 'unleash' ? 'unleash' : 'native', problem, revision: state.revision, toggles: state.toggles }];
  });
  const label = basename(file);
  const kinds = new Map(manifest.regions.map((r) => [r.id, r.telemetrySource]));
  const telemetrySources = new Map<string, SnapshotTelemetrySource>();
  for (const status of statuses) {
    const kind = kinds.get(status.id);
    if (kind) telemetrySources.set(status.id, new SnapshotTelemetrySource(db, status.id, kind, label, manifest.telemetry));
  }
  const historyOf = db.prepare('SELECT points FROM version_history WHERE component = ?').pluck();
  const takenAtMs = Date.parse(manifest.takenAt);
  const episodes = readEpisodes(db);
  let open = true;
  return {
    file,
    bytes,
    manifest,
    takenAtMs,
    verifiedAt: new Date().toISOString(),
    regions: new SnapshotRegionsService(statuses, states),
    telemetrySources,
    audit: new SnapshotAuditView(db, manifest.audit),
    verdict,
    alerts,
    toggles,
    violationEpisodes: episodes,
    episodesRecordedSince: episodes.length > 0 ? new Date(Math.min(...episodes.map((e) => Date.parse(e.firstSeen)))).toISOString() : null,
    auditCheckpoint: () => readLatestCheckpoint(db),
    versionHistory(component) {
      const text = historyOf.get(component) as string | undefined;
      return text === undefined ? [] : HistoryPoint.array().parse(JSON.parse(text));
    },
    signalMeans(windowSeconds, signals) {
      const from = Math.floor(takenAtMs / 1000) - windowSeconds;
      const wanted = new Set<string>(signals);
      const out: SignalMean[] = [];
      const series = db.prepare('SELECT region, component, version, signal, points FROM telemetry ORDER BY region, component, version, signal').raw().iterate() as IterableIterator<[string, string, string, string, Buffer]>;
      for (const [region, component, version, signal, blob] of series) {
        if (!wanted.has(signal)) continue;
        let sum = 0;
        let n = 0;
        for (const [t, v] of decodePoints(blob)) {
          if (t <= from || !Number.isFinite(v)) continue;
          sum += v;
          n++;
        }
        out.push({ region, component, version, signal: Signal.parse(signal), mean: n > 0 ? sum / n : null });
      }
      return out;
    },
    verifyAuditChain(publicKey) {
      const audit = manifest.audit;
      return audit ? verifyAuditChain(db, audit, publicKey ?? audit.publicKey) : { ok: true, entries: 0 };
    },
    close() {
      if (open) db.close();
      open = false;
    },
  };
}
