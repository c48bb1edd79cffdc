import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SNAPSHOT_FORMAT_VERSION, SnapshotManifest } from '../../shared/contract/snapshots.ts';
import { ChainChecker, loadCheckpoints } from './audit-chain.ts';
import { APPLICATION_ID, CONTENT_TABLE_NAMES, CONTENT_TABLES, hashTable, MANIFEST_HASH_KEY, MANIFEST_KEY, MANIFEST_TABLE, manifestHash } from './format.ts';

/** Which check failed. `not-sqlite`, `not-a-snapshot` and `unreadable` mean "not a snapshot"; the rest, a damaged or altered one. */
export type SnapshotFailureReason =
  | 'unreadable'
  | 'not-sqlite'
  | 'not-a-snapshot'
  | 'truncated'
  | 'corrupt'
  | 'no-manifest'
  | 'manifest-hash'
  | 'bad-manifest'
  | 'unsupported-version'
  | 'table-missing'
  | 'unexpected-table'
  | 'too-large'
  | 'table-hash'
  | 'audit-chain';

export type SnapshotVerification =
  | { ok: true; file: string; bytes: number; manifest: SnapshotManifest; message: string }
  | { ok: false; file: string; reason: SnapshotFailureReason; table?: string; message: string; manifest?: SnapshotManifest };

export interface VerifyOptions {
  /** Check the audit checkpoints with this Ed25519 public key (SPKI PEM) instead of the one in the manifest. */
  publicKey?: string;
  /** The largest single value a table may hold (default {@link MAX_STORED_VALUE_BYTES}). */
  maxValueBytes?: number;
}

/**
 * No value a console writes is larger: the largest, a region's fleet state, arrives under the
 * connector's 128 MiB body cap and is stored in less. A larger one is refused before it is read.
 */
export const MAX_STORED_VALUE_BYTES = 128 * 1024 * 1024;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');
const HEADER_BYTES = 100;

/** The failure reasons that mean the file is not a snapshot at all (rcc exit 2). */
export const NOT_A_SNAPSHOT: ReadonlySet<SnapshotFailureReason> = new Set(['unreadable', 'not-sqlite', 'not-a-snapshot']);

class Refused extends Error {
  constructor(
    readonly reason: SnapshotFailureReason,
    message: string,
    readonly table?: string,
  ) {
    super(message);
  }
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The checks that need only the first 100 bytes and the size: SQLite, ours, whole. */
function checkHeader(file: string): number {
  let size: number;
  const header = Buffer.alloc(HEADER_BYTES);
  let read = 0;
  try {
    size = statSync(file).size;
    const fd = openSync(file, 'r');
    try {
      read = readSync(fd, header, 0, HEADER_BYTES, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new Refused('unreadable', `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const magicSeen = Math.min(read, SQLITE_MAGIC.length);
  if (read === 0 || !header.subarray(0, magicSeen).equals(SQLITE_MAGIC.subarray(0, magicSeen))) throw new Refused('not-sqlite', 'not a SQLite database (no SQLite header)');
  if (read < HEADER_BYTES) throw new Refused('truncated', `truncated: ${size} bytes, shorter than a SQLite header`);
  if (header.readUInt32BE(68) !== APPLICATION_ID) throw new Refused('not-a-snapshot', 'a SQLite database, but not a snapshot (its application id is not the console\'s)');
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const expected = pageSize * header.readUInt32BE(28);
  if (size < expected) throw new Refused('truncated', `truncated: the file has ${size} bytes, its header says ${expected}`);
  if (size > expected) throw new Refused('corrupt', `${size - expected} bytes past the end the header declares (${expected})`);
  return size;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function readManifest(db: Database.Database, maxValueBytes: number): SnapshotManifest {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  if (!tables.has(MANIFEST_TABLE)) throw new Refused('no-manifest', 'the manifest table is missing');
  let rows: Map<string, string>;
  try {
    checkValueSizes(db, MANIFEST_TABLE, ['value'], maxValueBytes);
    rows = new Map(db.prepare(`SELECT key, value FROM ${MANIFEST_TABLE}`).raw().all() as [string, string][]);
  } catch (error) {
    if (error instanceof Refused || sqliteCode(error) === 'SQLITE_CORRUPT') throw error;
    throw new Refused('bad-manifest', `the manifest table cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = rows.get(MANIFEST_KEY);
  const hash = rows.get(MANIFEST_HASH_KEY);
  if (text === undefined || hash === undefined) throw new Refused('no-manifest', 'the manifest is missing (the snapshot was never finished, or it was removed)');
  if (manifestHash(text) !== hash) throw new Refused('manifest-hash', 'the manifest does not match its hash (it was edited)');
  let parsed: SnapshotManifest;
  try {
    const result = SnapshotManifest.safeParse(JSON.parse(text));
    if (!result.success) throw new Refused('bad-manifest', `the manifest is not valid: ${result.error.issues[0]?.path.join('.') ?? ''}: ${result.error.issues[0]?.message ?? ''}`);
    parsed = result.data;
  } catch (error) {
    if (error instanceof Refused) throw error;
    throw new Refused('bad-manifest', 'the manifest is not JSON');
  }
  if (parsed.formatVersion > SNAPSHOT_FORMAT_VERSION) throw new Refused('unsupported-version', `snapshot format ${parsed.formatVersion} is newer than this console reads (${SNAPSHOT_FORMAT_VERSION})`);
  const listed = parsed.tables.map((t) => t.name);
  const unlisted = CONTENT_TABLE_NAMES.filter((n) => !listed.includes(n));
  const foreign = listed.filter((n) => !CONTENT_TABLE_NAMES.includes(n));
  if (unlisted.length > 0 || foreign.length > 0 || listed.length !== CONTENT_TABLE_NAMES.length) {
    const why = [unlisted.length > 0 ? `it lacks ${unlisted.join(', ')}` : '', foreign.length > 0 ? `it lists ${foreign.join(', ')}, not part of format ${SNAPSHOT_FORMAT_VERSION}` : ''].filter(Boolean).join('; ');
    // A file from a development build before the table was added lacks it too; the message says which.
    throw new Refused('bad-manifest', `the manifest does not list the content tables of this format${why ? ` (${why})` : ''}`);
  }
  for (const name of CONTENT_TABLE_NAMES) if (!tables.has(name)) throw new Refused('table-missing', `table ${name} is missing`, name);
  for (const name of tables) {
    if (name !== MANIFEST_TABLE && !CONTENT_TABLE_NAMES.includes(name)) throw new Refused('unexpected-table', `table ${name} is not part of a snapshot`, name);
  }
  return parsed;
}

/** A table SQLite cannot read as the format defines it (damaged pages, or columns that are not the format's). */
function unreadableTable(name: string, error: unknown): Refused {
  return new Refused(sqliteCode(error) === 'SQLITE_CORRUPT' ? 'corrupt' : 'table-hash', `table ${name} cannot be read (${error instanceof Error ? error.message : String(error)})`, name);
}

/**
 * Every value of `columns` in `table` within `limit` bytes, measured without reading them
 * (octet_length reads only the record headers). SQLite's errors are the caller's to name.
 */
function checkValueSizes(db: Database.Database, table: string, columns: readonly string[], limit: number): void {
  const largest = db.prepare(`SELECT ${columns.map((c) => `max(octet_length(${c}))`).join(', ')} FROM ${table}`).raw().get() as Array<number | null>;
  columns.forEach((column, i) => {
    const bytes = largest[i] ?? 0;
    if (bytes > limit) throw new Refused('too-large', `table ${table} holds a ${column} of ${mib(bytes)}, larger than any console writes (${mib(limit)})`, table);
  });
}

/** Every text and blob of every content table within `limit` bytes. */
function checkContentSizes(db: Database.Database, limit: number): void {
  for (const def of CONTENT_TABLES) {
    const columns = def.columns.filter(([, type]) => type === 'TEXT' || type === 'BLOB').map(([name]) => name);
    if (columns.length === 0) continue;
    try {
      checkValueSizes(db, def.name, columns, limit);
    } catch (error) {
      throw error instanceof Refused ? error : unreadableTable(def.name, error);
    }
  }
}

/**
 * Every check a snapshot must pass before it is opened, cheapest first: readable, a SQLite file,
 * the console's application id, as long as its header says (not truncated), a manifest that matches
 * its hash, every content table present, no value larger than a console writes, every table hashing
 * to the manifest's SHA-256, and the copied audit chain verifying with its signed anchor and head.
 * The first that fails is named. Async only to let the event loop run between tables.
 */
export async function verifySnapshot(file: string, options: VerifyOptions = {}): Promise<SnapshotVerification> {
  const { verification, db } = await checkSnapshot(file, options);
  db?.close();
  return verification;
}

export interface CheckedSnapshot {
  verification: SnapshotVerification;
  /** The read-only connection checked, when every check passed (openSnapshot reads through it). */
  db: Database.Database | null;
  /** The regions rows as hashed (fleet states as their UTF-8 bytes): openSnapshot parses these rather than read megabytes twice. */
  regionRows: unknown[][];
}

/** {@link verifySnapshot}, handing back what openSnapshot needs when every check passed. */
export async function checkSnapshot(file: string, options: VerifyOptions = {}): Promise<CheckedSnapshot> {
  const regionRows: unknown[][] = [];
  let manifest: SnapshotManifest | undefined;
  let db: Database.Database | null = null;
  try {
    const bytes = checkHeader(file);
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new Refused(sqliteCode(error) === 'SQLITE_NOTADB' ? 'not-sqlite' : 'unreadable', `cannot be opened (${error instanceof Error ? error.message : String(error)})`);
    }
    const maxValueBytes = options.maxValueBytes ?? MAX_STORED_VALUE_BYTES;
    manifest = readManifest(db, maxValueBytes);
    checkContentSizes(db, maxValueBytes);
    const listed = new Map(manifest.tables.map((t) => [t.name, t]));
    // The audit chain is checked in the same read as audit_entries' hash; a table that fails its hash is reported first.
    const chain = manifest.audit ? new ChainChecker(manifest.audit, options.publicKey ?? manifest.audit.publicKey, loadCheckpoints(db)) : null;
    for (const def of CONTENT_TABLES) {
      const expected = listed.get(def.name);
      let actual: { rows: number; sha256: string };
      try {
        const onRow = def.name === 'audit_entries' && chain ? (row: unknown[]) => chain.step(row) : def.name === 'regions' ? (row: unknown[]) => void regionRows.push(row) : undefined;
        actual = hashTable(db, def, onRow);
      } catch (error) {
        throw unreadableTable(def.name, error);
      }
      if (!expected || actual.rows !== expected.rows || actual.sha256 !== expected.sha256) {
        const why = expected && actual.rows !== expected.rows ? `${actual.rows} rows, the manifest says ${expected.rows}` : 'its rows do not hash to the manifest\'s SHA-256';
        throw new Refused('table-hash', `table ${def.name} was altered: ${why}`, def.name);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const checked = chain?.finish();
    if (checked && !checked.ok) throw new Refused('audit-chain', `the audit chain does not verify: ${checked.message}`, 'audit_entries');
    const audit = manifest.audit ? `, audit chain ${manifest.audit.fromSeq}–${manifest.audit.toSeq} verified (key ${manifest.audit.fingerprint})` : '';
    return { verification: { ok: true, file, bytes, manifest, message: `intact: manifest and ${CONTENT_TABLES.length} tables match their SHA-256${audit}` }, db, regionRows };
  } catch (error) {
    db?.close();
    if (error instanceof Refused) {
      return { verification: { ok: false, file, reason: error.reason, ...(error.table ? { table: error.table } : {}), message: `${file}: ${error.message}`, ...(manifest ? { manifest } : {}) }, db: null, regionRows: [] };
    }
    const code = sqliteCode(error);
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
      return { verification: { ok: false, file, reason: code === 'SQLITE_NOTADB' ? 'not-sqlite' : 'corrupt', message: `${file}: damaged (${error instanceof Error ? error.message : String(error)})` }, db: null, regionRows: [] };
    }
    throw error;
  }
}
