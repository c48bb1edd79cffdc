import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, type SnapshotAudit, type SnapshotManifest, type SnapshotProgress } from '../../shared/contract/index.ts';
import { isLive } from '../../shared/compat/tallies.ts';
import { ConsoleError } from '../common/console-error.ts';
import { copyAudit } from './audit-copy.ts';
import { APPLICATION_ID, canonicalText, CONTENT_TABLES, hashTable, MANIFEST_HASH_KEY, MANIFEST_KEY, MANIFEST_TABLE, manifestHash, PAGE_SIZE, SCHEMA_SQL, TAKE_CACHE_KIB } from './format.ts';
import { captureState, snapshotRegions, type CapturedState, type SnapshotSources } from './sources.ts';
import { captureTelemetry, SIGNALS } from './telemetry-capture.ts';
import { writeState, writeTelemetrySeries } from './write-tables.ts';

export interface TakeOptions {
  /** Telemetry kept before T, seconds (default 2 h, at most 7 days). */
  telemetryWindowSeconds?: number;
  /** Most points per stored series; the step is the finest that fits (default 1,500: 5 s over 2 h, 1 min over 24 h). */
  maxPointsPerSeries?: number;
  /** Most telemetry series (region × component × version × signal) kept (default 6,000). */
  maxSeries?: number;
  /** Most telemetry points in all (default 1,000,000: 16 MB); a large fleet or a long window gets a coarser step. */
  maxTotalPoints?: number;
  /** Audit entries older than this are left out, seconds before T (default 7 days)… */
  auditWindowSeconds?: number;
  /** …and all but the last this many (default 50,000). */
  maxAuditEntries?: number;
}

export interface TakeHooks {
  signal?: AbortSignal;
  onProgress?: (progress: SnapshotProgress) => void;
}

export interface TakenSnapshot {
  file: string;
  bytes: number;
  manifest: SnapshotManifest;
}

export const DEFAULT_TELEMETRY_WINDOW_S = 7_200;
export const MAX_TELEMETRY_WINDOW_S = 604_800;
export const DEFAULT_MAX_POINTS = 1_500;
export const DEFAULT_MAX_SERIES = 6_000;
export const DEFAULT_MAX_TOTAL_POINTS = 1_000_000;
export const DEFAULT_AUDIT_WINDOW_S = 7 * 86_400;
export const DEFAULT_MAX_AUDIT_ENTRIES = 50_000;

/**
 * Writes a snapshot of the console at T (now) to `file`, which must not exist. Everything goes to
 * `<file>.partial-<random>` in the same directory (synchronous=FULL, journal in memory: a
 * half-written temporary file is simply discarded), the content tables are hashed as read back, the manifest is
 * committed last, the file is fsynced, renamed to `file` and the directory fsynced: a crash leaves
 * either nothing at `file` or a whole snapshot. Cancelled through `hooks.signal` (the temporary file
 * is removed and the signal's reason thrown).
 */
export async function takeSnapshot(sources: SnapshotSources, file: string, options: TakeOptions = {}, hooks: TakeHooks = {}): Promise<TakenSnapshot> {
  const windowSeconds = options.telemetryWindowSeconds ?? DEFAULT_TELEMETRY_WINDOW_S;
  if (!(windowSeconds >= 60 && windowSeconds <= MAX_TELEMETRY_WINDOW_S)) throw new ConsoleError('invalid-input', `telemetry window ${windowSeconds} s: must be between 60 s and 7 days`);
  if (existsSync(file)) throw new ConsoleError('conflict', `${file} exists already; a snapshot never replaces a file`);
  const progress = (phase: SnapshotProgress['phase'], done: number, total: number) => hooks.onProgress?.({ file, phase, done, total });
  const at = (sources.now ?? Date.now)();
  const captured = captureState(sources, at);
  progress('fleet', 0, captured.states.size);

  const partial = join(dirname(file), `${basename(file)}.partial-${randomBytes(6).toString('hex')}`);
  // Created here, exclusively and owner-only (it holds the fleet and the audit trail); SQLite takes the empty file as a new database.
  await (await open(partial, 'wx', 0o600)).close();
  const db = new Database(partial);
  let closed = false;
  try {
    db.pragma(`page_size = ${PAGE_SIZE}`);
    // The rollback journal in memory (OFF is refused in better-sqlite3's defensive mode): an
    // interrupted write leaves only this temporary file, which is never renamed.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = FULL');
    // A page cache of 4 MiB, not 16 (format.ts: TAKE_CACHE_KIB).
    db.pragma(`cache_size = -${TAKE_CACHE_KIB}`);
    if (db.pragma('journal_mode', { simple: true }) !== 'memory' || db.pragma('synchronous', { simple: true }) !== 2) {
      throw new Error(`${partial}: SQLite refused journal_mode=MEMORY / synchronous=FULL`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec(SCHEMA_SQL);
    db.exec('BEGIN');
    const regionsHash = writeState(db, captured);
    progress('fleet', captured.states.size, captured.states.size);

    const telemetry = await captureTelemetry(
      sources.telemetry,
      at,
      {
        windowSeconds,
        maxPointsPerSeries: options.maxPointsPerSeries ?? DEFAULT_MAX_POINTS,
        maxSeries: options.maxSeries ?? DEFAULT_MAX_SERIES,
        maxTotalPoints: options.maxTotalPoints ?? DEFAULT_MAX_TOTAL_POINTS,
        expectedSeries: expectedSeries(captured, sources.telemetry),
      },
      writeTelemetrySeries(db),
      { signal: hooks.signal, onProgress: (done, total) => progress('telemetry', done, total) },
    );
    const notes: string[] = [];
    if (telemetry.problems.some((p) => p.failed)) notes.push(`telemetry: ${telemetry.problems.filter((p) => p.failed).length} queries failed while the snapshot was taken (see telemetry.problems)`);
    let audit: SnapshotAudit | null = null;
    if (sources.audit) {
      audit = copyAudit(
        sources.audit,
        db,
        { sinceMs: at - (options.auditWindowSeconds ?? DEFAULT_AUDIT_WINDOW_S) * 1000, maxEntries: options.maxAuditEntries ?? DEFAULT_MAX_AUDIT_ENTRIES },
        { signal: hooks.signal, onProgress: (done, total) => progress('audit', done, total), notes },
      );
    } else {
      notes.push(`audit: the console's audit store was not available (${sources.auditProblem ?? 'not open'}); the snapshot holds no audit entries`);
    }
    hooks.signal?.throwIfAborted();
    db.exec('COMMIT');

    // Every table hashed as read back (what verification reads), but the regions': hashed as written.
    const tables = CONTENT_TABLES.map((def, i) => {
      hooks.signal?.throwIfAborted();
      progress('hashing', i, CONTENT_TABLES.length);
      return { name: def.name, ...(def.name === 'regions' ? regionsHash : hashTable(db, def)) };
    });
    progress('hashing', CONTENT_TABLES.length, CONTENT_TABLES.length);
    const manifest: SnapshotManifest = {
      format: SNAPSHOT_FORMAT,
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      takenAt: new Date(at).toISOString(),
      takenBy: sources.actor,
      consoleVersion: sources.consoleVersion,
      regions: snapshotRegions(captured, sources),
      telemetry: {
        from: new Date(telemetry.from * 1000).toISOString(),
        to: new Date(telemetry.to * 1000).toISOString(),
        windowSeconds: telemetry.to - telemetry.from,
        stepSeconds: telemetry.step,
        series: telemetry.series,
        points: telemetry.points,
        capped: telemetry.dropped > 0 ? `${telemetry.dropped} series left out past the cap of ${telemetry.series}` : null,
        problems: telemetry.problems,
      },
      audit,
      violations: captured.verdict.violations.length,
      alerts: captured.alerts.length,
      tables,
      notes: [...(audit?.capped ? [`audit: ${audit.capped}`] : []), ...notes],
    };
    const text = canonicalText(manifest);
    const insert = db.prepare(`INSERT INTO ${MANIFEST_TABLE} (key, value) VALUES (?, ?)`);
    db.transaction(() => {
      insert.run(MANIFEST_KEY, text);
      insert.run(MANIFEST_HASH_KEY, manifestHash(text));
    })();
    db.close();
    closed = true;

    progress('syncing', 0, 1);
    await fsyncPath(partial);
    hooks.signal?.throwIfAborted();
    if (existsSync(file)) throw new ConsoleError('conflict', `${file} exists already; a snapshot never replaces a file`);
    await rename(partial, file);
    await fsyncPath(dirname(file));
    const { size } = await stat(file);
    progress('done', 1, 1);
    return { file, bytes: size, manifest };
  } catch (error) {
    if (!closed) db.close();
    await rm(partial, { force: true });
    throw error;
  }
}

/** Every live (component, version) of every region with a telemetry source, × the signals: the series the Signals table shows. */
function expectedSeries(captured: CapturedState, telemetry: ReadonlyMap<string, unknown>): number {
  let pairs = 0;
  for (const [region, state] of captured.states) {
    if (!telemetry.has(region)) continue;
    const live = new Set<string>();
    for (const i of state.instances) if (isLive(i.state)) live.add(`${i.component}\u0000${i.version}`);
    pairs += live.size;
  }
  return pairs * SIGNALS.length;
}

/** fsync of a file or a directory (a rename is durable once its directory is). */
async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
