import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Alert } from '../../shared/contract/alerts.ts';
import type { HistoryPoint } from '../../shared/contract/compat.ts';
import { ConsoleError } from '../common/console-error.ts';
import { DATA_DIR_MODE } from '../common/data-files.ts';
import type { CadenceHistory } from '../../shared/cadence/index.ts';
import { AlertTable, type AlertStateFilter } from './alert-table.ts';
import { CadenceTable, type CadenceRecords } from './cadence-table.ts';
import { MixTable, type MixRow } from './mix-table.ts';
import { ViolationEpisodeTable } from './violation-episode-table.ts';
import type { ViolationEpisode } from '../../shared/report/episode.ts';
import { APPLICATION_ID, SCHEMA_SQL, SCHEMA_VERSION, TABLES } from './schema.ts';

type Db = Database.Database;

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 60_000;
/** A second console on the same data directory holds the write lock only briefly; never stall the sampler longer. */
const BUSY_TIMEOUT_MS = 1_000;
const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

export interface HistoryStoreOptions {
  /** Version-mix samples older than this are dropped (default 7 days). */
  retainMixMs?: number;
  /** Resolved alerts resolved longer ago than this are dropped (default 90 days). */
  retainResolvedAlertsMs?: number;
  /** Epoch milliseconds; retention is measured from it. */
  now?: () => number;
  /** Most version-mix rows kept per component, the oldest dropped first (default 130,000: 7 days at 5 s, and some). */
  maxMixRowsPerComponent?: number;
  /** Most resolved alerts kept, the oldest dropped first (default 10,000). */
  maxResolvedAlerts?: number;
  /** Violation episodes resolved longer ago than this are dropped (default 90 days), and at most this many kept (default 10,000). */
  retainEpisodesMs?: number;
  maxEpisodes?: number;
  /**
   * A sample identical to its component's last stored one, taken less than this after it, is held
   * in memory rather than written (default 60 s; 0 writes every sample). See `MixTable`.
   */
  mixHeartbeatMs?: number;
  /** Cadence trains, releases and restores older than this are dropped (default 400 days). */
  retainCadenceMs?: number;
  /** Most cadence rows kept per table, the oldest dropped first (default trains 2,000, releases 50,000, restores 20,000). */
  maxCadenceRows?: { trains?: number; releases?: number; restores?: number };
  /** Told about rows skipped as corrupt and other trouble that does not stop the store. */
  onProblem?: (message: string) => void;
}

export interface MixQuery {
  /** Only points at or after this time (epoch milliseconds). */
  sinceMs?: number;
  /** At most this many points, evenly thinned, first and last kept (default 720). */
  maxPoints?: number;
}

export interface HistoryStore {
  readonly file: string;
  /** One version-mix sample of every component, in one transaction. Prunes at most once a minute. */
  appendMix(at: string, rows: readonly MixRow[]): void;
  /** One component's version mix over time, oldest first. */
  mixOf(component: string, options?: MixQuery): HistoryPoint[];
  upsertAlert(alert: Alert): void;
  /** Newest `lastSeen` first; 'open' is active or acknowledged. */
  alerts(filter: { state: AlertStateFilter; limit: number }): Alert[];
  openAlerts(): Alert[];
  alert(id: string): Alert | null;
  /** Records a violation episode (keyed by violation id and first seen), on disk when it returns. */
  upsertEpisode(episode: ViolationEpisode): void;
  /** The newest episodes by first seen (default 2,000), and those not marked resolved. */
  episodes(limit?: number): ViolationEpisode[];
  openEpisodes(): ViolationEpisode[];
  /** When the oldest kept episode began (ms since the epoch), or null. */
  oldestEpisodeMs(): number | null;
  /** Cadence history seen (trains, releases, restores), merged with what is stored, in one transaction. */
  recordCadence(records: CadenceRecords): void;
  /** The stored cadence history from `sinceMs` on. */
  cadence(sinceMs: number): CadenceHistory;
  /** Drops what is past retention (appendMix calls it at most once a minute). */
  prune(): void;
  /** The connection's journal mode and synchronous setting, as SQLite reports them. */
  durability(): { journalMode: string; synchronous: string };
  /** Writes held samples and closes; idempotent. */
  close(): void;
}

export type HistoryStoreErrorReason = 'unreadable' | 'not-a-history-store' | 'newer-schema' | 'not-durable' | 'closed';

/** The store cannot be opened or used; the message starts with the file. */
export class HistoryStoreError extends ConsoleError {
  constructor(
    readonly file: string,
    readonly reason: HistoryStoreErrorReason,
    why: string,
    options?: { cause?: unknown },
  ) {
    super('internal', `${file}: ${why}`);
    this.name = 'HistoryStoreError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class SqliteHistoryStore implements HistoryStore {
  private readonly mix: MixTable;
  private readonly alertTable: AlertTable;
  private readonly episodeTable: ViolationEpisodeTable;
  private readonly cadenceTable: CadenceTable;
  private readonly now: () => number;
  private lastPruneMs = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(
    private readonly db: Db,
    readonly file: string,
    private readonly options: HistoryStoreOptions,
  ) {
    // A corrupt row would otherwise be reported on every read of it.
    const reported = new Set<string>();
    const problem = (message: string) => {
      if (reported.has(message)) return;
      if (reported.size >= 1_000) reported.clear();
      reported.add(message);
      options.onProblem?.(`${file}: ${message}`);
    };
    this.now = options.now ?? Date.now;
    this.mix = new MixTable(db, {
      heartbeatMs: options.mixHeartbeatMs ?? 60_000,
      maxRowsPerComponent: Math.max(1, Math.floor(options.maxMixRowsPerComponent ?? 130_000)),
      problem,
    });
    this.alertTable = new AlertTable(db, problem);
    this.episodeTable = new ViolationEpisodeTable(db, problem);
    this.cadenceTable = new CadenceTable(db, problem);
  }

  appendMix(at: string, rows: readonly MixRow[]): void {
    this.ensureOpen().mix.append(at, rows);
    if (this.now() - this.lastPruneMs < PRUNE_EVERY_MS) return;
    try {
      this.prune();
    } catch (error) {
      // The sample is stored; a failed prune is retried a minute later.
      this.options.onProblem?.(`${this.file}: pruning failed: ${describe(error)}`);
    }
  }

  mixOf(component: string, options: MixQuery = {}): HistoryPoint[] {
    return this.ensureOpen().mix.of(component, options.sinceMs ?? Number.NEGATIVE_INFINITY, options.maxPoints ?? 720);
  }

  upsertAlert(alert: Alert): void {
    this.ensureOpen().alertTable.upsert(alert);
  }

  alerts(filter: { state: AlertStateFilter; limit: number }): Alert[] {
    return this.ensureOpen().alertTable.list(filter.state, filter.limit);
  }

  openAlerts(): Alert[] {
    return this.ensureOpen().alertTable.list('open');
  }

  alert(id: string): Alert | null {
    return this.ensureOpen().alertTable.get(id);
  }

  upsertEpisode(episode: ViolationEpisode): void {
    this.ensureOpen().episodeTable.upsert(episode);
  }

  episodes(limit = 2_000): ViolationEpisode[] {
    return this.ensureOpen().episodeTable.list(limit);
  }

  openEpisodes(): ViolationEpisode[] {
    return this.ensureOpen().episodeTable.openEpisodes();
  }

  oldestEpisodeMs(): number | null {
    return this.ensureOpen().episodeTable.oldestFirstSeen();
  }

  recordCadence(records: CadenceRecords): void {
    this.ensureOpen().cadenceTable.record(records);
  }

  cadence(sinceMs: number): CadenceHistory {
    return this.ensureOpen().cadenceTable.read(sinceMs);
  }

  prune(): void {
    this.ensureOpen();
    const now = this.now();
    this.lastPruneMs = now;
    this.db.transaction(() => {
      this.mix.prune(now - (this.options.retainMixMs ?? 7 * DAY_MS));
      this.alertTable.prune(now - (this.options.retainResolvedAlertsMs ?? 90 * DAY_MS), this.options.maxResolvedAlerts ?? 10_000);
      this.episodeTable.prune(now - (this.options.retainEpisodesMs ?? 90 * DAY_MS), this.options.maxEpisodes ?? 10_000);
      const caps = this.options.maxCadenceRows;
      this.cadenceTable.prune(now - (this.options.retainCadenceMs ?? 400 * DAY_MS), { maxTrains: caps?.trains ?? 2_000, maxReleases: caps?.releases ?? 50_000, maxRestores: caps?.restores ?? 20_000 });
    })();
  }

  durability(): { journalMode: string; synchronous: string } {
    this.ensureOpen();
    return readDurability(this.db);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.mix.flush();
    } catch (error) {
      this.options.onProblem?.(`${this.file}: the last held samples could not be written: ${describe(error)}`);
    }
    this.db.close();
  }

  private ensureOpen(): this {
    if (this.closed) throw new HistoryStoreError(this.file, 'closed', 'the history store is closed');
    return this;
  }
}

function readDurability(db: Db): { journalMode: string; synchronous: string } {
  const journalMode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
  const level = Number(db.pragma('synchronous', { simple: true }));
  return { journalMode, synchronous: SYNCHRONOUS[level] ?? String(level) };
}

function tableNames(db: Db): Set<string> {
  return new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
}

/** True for an empty database (a new store); throws for anything that is not a readable history store. */
function isNew(db: Db, file: string): boolean {
  const appId = Number(db.pragma('application_id', { simple: true }));
  const version = Number(db.pragma('user_version', { simple: true }));
  const names = tableNames(db);
  if (appId === 0 && version === 0 && names.size === 0) return true;
  if (appId !== APPLICATION_ID) throw new HistoryStoreError(file, 'not-a-history-store', 'it is a SQLite database but not a history store');
  if (version > SCHEMA_VERSION) {
    throw new HistoryStoreError(
      file,
      'newer-schema',
      `it was written by a newer console (history schema ${version}; this one reads schema ${SCHEMA_VERSION}); use that console, or move the file aside to start a new history`,
    );
  }
  if (version < SCHEMA_VERSION) throw new HistoryStoreError(file, 'unreadable', `it has history schema ${version}, which this console cannot read`);
  const missing = TABLES.filter((t) => !names.has(t));
  if (missing.length > 0) throw new HistoryStoreError(file, 'unreadable', `it is a history store missing tables ${missing.join(', ')}`);
  return false;
}

/** Creates the file owner-only (0600) before SQLite does, and tightens an existing one; SQLite gives -wal and -shm the same mode. */
function prepareFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: DATA_DIR_MODE });
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/**
 * Opens (creating when absent) the history store in `file`: owner-only, WAL with synchronous=FULL
 * read back, schema created or checked by `user_version`. Throws `HistoryStoreError`, naming the
 * file, when it cannot be used (unreadable, not a database, not a history store, a newer schema);
 * callers then keep history in memory.
 */
export function openHistoryStore(file: string, options: HistoryStoreOptions = {}): HistoryStore {
  let db: Db;
  try {
    if (file !== ':memory:') prepareFile(file);
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new HistoryStoreError(file, 'unreadable', `cannot be opened (${describe(error)})`, { cause: error });
  }
  try {
    if (isNew(db, file)) {
      db.transaction(() => {
        // Another console may have created it meanwhile: check again under the write lock.
        if (tableNames(db).size > 0) return;
        db.exec(SCHEMA_SQL);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
      isNew(db, file);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const durability = readDurability(db);
    if ((durability.journalMode !== 'wal' && file !== ':memory:') || durability.synchronous !== 'FULL') {
      throw new HistoryStoreError(file, 'not-durable', `SQLite did not accept WAL with synchronous=FULL (journal_mode ${durability.journalMode}, synchronous ${durability.synchronous})`);
    }
    return new SqliteHistoryStore(db, file, options);
  } catch (error) {
    db.close();
    if (error instanceof HistoryStoreError) throw error;
    throw new HistoryStoreError(file, 'unreadable', `cannot be read as a history store (${describe(error)})`, { cause: error });
  }
}
