/**
 * Offline snapshots (issue 11): everything the console shows at one moment T, in one SQLite file
 * that opens read-only later, verifies on its own and compares with another. Imports only `shared/`,
 * `electron/common/` and `electron/audit/`; the console's services reach it through `SnapshotSources`.
 *
 *     const taken = await takeSnapshot(sources, '/path/incident.rccsnap', {}, { signal, onProgress });
 *     const check = await verifySnapshot(taken.file);          // { ok } or { ok: false, reason, table?, message }
 *     const snap = await openSnapshot(taken.file);             // throws SnapshotOpenError(reason)
 *     createCore({ …, regions: snap.regions, telemetrySources: snap.telemetrySources, snapshot: snap });
 *     const diff = await compareSnapshots(snapshotSide(a), snapshotSide(b));
 *
 * - `format.ts`: the tables, their canonical serialization and SHA-256, the manifest's hash.
 * - `take.ts`: capture at T, telemetry window, audit chain copy, temp file → fsync → rename → fsync dir.
 * - `verify.ts`: header, size, manifest, table hashes, audit chain (`audit-chain.ts`), cheapest first.
 * - `open.ts`: `SnapshotRegionsService`, `SnapshotTelemetrySource` per region, alerts, audit view.
 * - `compare.ts` (+ `live-side.ts` for the live console as one side).
 */
export { APPLICATION_ID, CONTENT_TABLE_NAMES, CONTENT_TABLES } from './format.ts';
export type { SnapshotActor, SnapshotAuditSource, SnapshotSources } from './sources.ts';
export {
  DEFAULT_AUDIT_WINDOW_S,
  DEFAULT_MAX_AUDIT_ENTRIES,
  DEFAULT_MAX_POINTS,
  DEFAULT_MAX_SERIES,
  DEFAULT_MAX_TOTAL_POINTS,
  DEFAULT_TELEMETRY_WINDOW_S,
  MAX_TELEMETRY_WINDOW_S,
  takeSnapshot,
  type TakeHooks,
  type TakenSnapshot,
  type TakeOptions,
} from './take.ts';
export { checkSnapshot, NOT_A_SNAPSHOT, verifySnapshot, type SnapshotFailureReason, type SnapshotVerification, type VerifyOptions } from './verify.ts';
export { openSnapshot, SnapshotOpenError, type OpenedSnapshot, type SignalMean } from './open.ts';
export { SnapshotRegionsService } from './snapshot-regions.ts';
export { SnapshotTelemetrySource } from './snapshot-telemetry.ts';
export { SnapshotAuditView } from './audit-view.ts';
export { compareSnapshots, snapshotSide, type ComparableSide, type CompareOptions } from './compare.ts';
export { liveSide, type LiveSideDeps } from './live-side.ts';
export { namesIn, removeStalePartials } from './stale-partials.ts';
