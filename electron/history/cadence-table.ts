import type Database from 'better-sqlite3';
import type { CadenceHistory, CadenceRelease, CadenceRestore, CadenceTrain, FailureAction, FailureSource } from '../../shared/cadence/index.ts';

type Db = Database.Database;
type Statement = Database.Statement<unknown[], unknown>;

/**
 * The cadence history (issue 12): trains with their first gate, releases per region and train with
 * the failure they caused, and restores (alerts first seen → resolved). Additive tables created
 * with IF NOT EXISTS at open, so an older console still reads the file and a newer one adds them.
 */
export const CADENCE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS cadence_trains (
  train INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  date_ms INTEGER NOT NULL,
  first_gate_ms INTEGER
) STRICT;

CREATE TABLE IF NOT EXISTS cadence_releases (
  region TEXT NOT NULL,
  train INTEGER NOT NULL,
  production_ms INTEGER NOT NULL,
  failure_action TEXT,
  failure_source TEXT,
  detected_ms INTEGER,
  restored_ms INTEGER,
  PRIMARY KEY (region, train)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cadence_releases_at ON cadence_releases (production_ms);

CREATE TABLE IF NOT EXISTS cadence_restores (
  id TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  restored_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cadence_restores_at ON cadence_restores (start_ms);
`;

export interface CadenceRecords {
  trains?: readonly CadenceTrain[];
  releases?: readonly CadenceRelease[];
  restores?: readonly CadenceRestore[];
}

export interface CadenceLimits {
  maxTrains: number;
  maxReleases: number;
  maxRestores: number;
}

type ReleaseRow = [region: string, train: number, productionMs: number, action: string | null, source: string | null, detectedMs: number | null, restoredMs: number | null];

const isAction = (v: unknown): v is FailureAction => v === 'rollback' || v === 'toggle-off';
const isSource = (v: unknown): v is FailureSource => v === 'region' || v === 'audit';

/**
 * What a new report adds to a stored release: the earliest production time wins; a failure is
 * never erased by a report without one; the region's account of a failure (with its restore)
 * replaces the console's own (from its audit trail), and a newer region account replaces an older.
 */
export function mergeRelease(stored: CadenceRelease | null, next: CadenceRelease): CadenceRelease {
  if (!stored) return next;
  const productionMs = Math.min(stored.productionMs, next.productionMs);
  const keep = stored.failure;
  const incoming = next.failure;
  const failure = !incoming ? keep : !keep || incoming.source === 'region' || keep.source === 'audit' ? incoming : keep;
  return { region: stored.region, train: stored.train, productionMs, failure };
}

export class CadenceTable {
  private readonly sql: Record<'train' | 'release' | 'putRelease' | 'restore' | 'trains' | 'releases' | 'restores' | 'pruneTrains' | 'pruneReleases' | 'pruneRestores' | 'capTrains' | 'capReleases' | 'capRestores', Statement>;

  constructor(
    private readonly db: Db,
    private readonly problem: (message: string) => void,
  ) {
    db.exec(CADENCE_SCHEMA_SQL);
    const prepare = (sql: string) => db.prepare(sql) as Statement;
    this.sql = {
      // A train's first gate is the earliest one ever reported.
      train: prepare(
        `INSERT INTO cadence_trains (train, name, date_ms, first_gate_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (train) DO UPDATE SET name = excluded.name, date_ms = excluded.date_ms,
           first_gate_ms = CASE WHEN first_gate_ms IS NULL THEN excluded.first_gate_ms WHEN excluded.first_gate_ms IS NULL THEN first_gate_ms ELSE min(first_gate_ms, excluded.first_gate_ms) END`,
      ),
      release: prepare('SELECT region, train, production_ms, failure_action, failure_source, detected_ms, restored_ms FROM cadence_releases WHERE region = ? AND train = ?').raw(),
      putRelease: prepare('INSERT OR REPLACE INTO cadence_releases (region, train, production_ms, failure_action, failure_source, detected_ms, restored_ms) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      restore: prepare('INSERT OR REPLACE INTO cadence_restores (id, region, start_ms, restored_ms) VALUES (?, ?, ?, ?)'),
      trains: prepare('SELECT train, name, date_ms, first_gate_ms FROM cadence_trains WHERE date_ms >= ? ORDER BY train').raw(),
      releases: prepare('SELECT region, train, production_ms, failure_action, failure_source, detected_ms, restored_ms FROM cadence_releases WHERE production_ms >= ? ORDER BY production_ms').raw(),
      restores: prepare('SELECT id, region, start_ms, restored_ms FROM cadence_restores WHERE start_ms >= ? ORDER BY start_ms').raw(),
      pruneTrains: prepare('DELETE FROM cadence_trains WHERE date_ms < ?'),
      pruneReleases: prepare('DELETE FROM cadence_releases WHERE production_ms < ?'),
      pruneRestores: prepare('DELETE FROM cadence_restores WHERE start_ms < ?'),
      capTrains: prepare('DELETE FROM cadence_trains WHERE train IN (SELECT train FROM cadence_trains ORDER BY date_ms DESC, train DESC LIMIT -1 OFFSET ?)'),
      capReleases: prepare(
        'DELETE FROM cadence_releases WHERE (region, train) IN (SELECT region, train FROM cadence_releases ORDER BY production_ms DESC, region, train LIMIT -1 OFFSET ?)',
      ),
      capRestores: prepare('DELETE FROM cadence_restores WHERE id IN (SELECT id FROM cadence_restores ORDER BY start_ms DESC, id LIMIT -1 OFFSET ?)'),
    };
  }

  /** Stores what was seen, merged with what is stored, in one transaction. */
  record(records: CadenceRecords): void {
    this.db.transaction(() => {
      for (const t of records.trains ?? []) this.sql.train.run(t.train, t.name, t.dateMs, t.firstGateMs);
      for (const r of records.releases ?? []) {
        const stored = this.sql.release.get(r.region, r.train) as ReleaseRow | undefined;
        const m = mergeRelease(stored ? this.readRelease(stored) : null, r);
        const f = m.failure;
        this.sql.putRelease.run(m.region, m.train, m.productionMs, f?.action ?? null, f?.source ?? null, f?.detectedMs ?? null, f?.restoredMs ?? null);
      }
      for (const r of records.restores ?? []) this.sql.restore.run(r.id, r.region, r.startMs, r.restoredMs);
    })();
  }

  /** Everything stored from `sinceMs` on (trains by cut date, releases by production, restores by start). */
  read(sinceMs: number): CadenceHistory {
    const trains = (this.sql.trains.all(sinceMs) as Array<[number, string, number, number | null]>).map(([train, name, dateMs, firstGateMs]) => ({ train, name, dateMs, firstGateMs }));
    const releases = (this.sql.releases.all(sinceMs) as ReleaseRow[]).map((row) => this.readRelease(row));
    const restores = (this.sql.restores.all(sinceMs) as Array<[string, string, number, number]>).map(([id, region, startMs, restoredMs]) => ({ id, region, startMs, restoredMs }));
    return { trains, releases, restores };
  }

  prune(cutoffMs: number, limits: CadenceLimits): void {
    this.sql.pruneTrains.run(cutoffMs);
    this.sql.pruneReleases.run(cutoffMs);
    this.sql.pruneRestores.run(cutoffMs);
    this.sql.capTrains.run(Math.max(0, Math.floor(limits.maxTrains)));
    this.sql.capReleases.run(Math.max(0, Math.floor(limits.maxReleases)));
    this.sql.capRestores.run(Math.max(0, Math.floor(limits.maxRestores)));
  }

  private readRelease([region, train, productionMs, action, source, detectedMs, restoredMs]: ReleaseRow): CadenceRelease {
    if (action === null) return { region, train, productionMs, failure: null };
    if (!isAction(action) || !isSource(source) || detectedMs === null) {
      // A damaged failure column: the release still counts, its failure cannot be trusted.
      this.problem(`cadence release ${region}/${train}: failure columns unreadable (action ${JSON.stringify(action)}, source ${JSON.stringify(source)})`);
      return { region, train, productionMs, failure: null };
    }
    return { region, train, productionMs, failure: { action, source, detectedMs, restoredMs } };
  }
}
