import { createHash, type Hash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The snapshot file: one SQLite database. `PRAGMA application_id` marks it as a snapshot, each
 * content gets a table, and the `manifest` table holds the manifest (JSON) with the SHA-256 of every
 * content table and, beside it, the SHA-256 of the manifest text itself.
 */

/** "RCCS": SQLite's `application_id` (header offset 68) of every snapshot. */
export const APPLICATION_ID = 0x52434353;
/** Large rows (fleet states, telemetry blobs, audit entries) fill 16 KiB pages with fewer overflow pages. */
export const PAGE_SIZE = 16_384;
/**
 * The page cache of the connections a take writes and reads through, KiB. Their pages are written
 * once and read back once, in order: 4 MiB takes as long as better-sqlite3's default of 16 MiB, which
 * a take of 100,000 instances would fill (twice: the snapshot and the audit store) and hold until done
 * (1 MiB saved no more memory, and spilled dirty pages often enough to cost a fifth more time).
 */
export const TAKE_CACHE_KIB = 4_096;

type ColumnType = 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB';
/** `null`: nullable; `bulk`: large text (megabytes a row), read as its UTF-8 bytes for hashing. */
type Column = readonly [name: string, type: ColumnType, ...flags: Array<'null' | 'bulk'>];

export interface TableDef {
  readonly name: string;
  readonly columns: readonly Column[];
  /** Primary key, in order: rows are hashed in this order. */
  readonly key: readonly string[];
}

const table = (name: string, columns: readonly Column[], key: readonly string[]): TableDef => ({ name, columns, key });

/** Every content table, in the order the manifest lists them. */
export const CONTENT_TABLES = [
  // status: RegionStatus JSON; fleet_state: FleetState JSON (null before the region's first data).
  table('regions', [['id', 'TEXT'], ['position', 'INTEGER'], ['status', 'TEXT'], ['fleet_state', 'TEXT', 'null', 'bulk'], ['toggle_source', 'TEXT'], ['toggle_problem', 'TEXT', 'null']], ['id']),
  // The verdict without its violations (one row), and the violations in verdict order.
  table('verdict', [['id', 'INTEGER'], ['verdict', 'TEXT']], ['id']),
  table('violations', [['position', 'INTEGER'], ['id', 'TEXT'], ['rule', 'TEXT'], ['violation', 'TEXT']], ['position']),
  // points: little-endian float64 pairs (unix seconds, value), `count` of them.
  table('telemetry', [['region', 'TEXT'], ['component', 'TEXT'], ['version', 'TEXT'], ['signal', 'TEXT'], ['step', 'INTEGER'], ['count', 'INTEGER'], ['points', 'BLOB']], ['region', 'component', 'version', 'signal']),
  table('toggles', [['region', 'TEXT'], ['key', 'TEXT'], ['state', 'TEXT'], ['toggle', 'TEXT']], ['region', 'key']),
  // Alerts in the order the live console listed them (open ones, then resolved, newest first).
  table('alerts', [['position', 'INTEGER'], ['id', 'TEXT'], ['state', 'TEXT'], ['alert', 'TEXT']], ['position']),
  table('rollouts', [['region', 'TEXT'], ['id', 'TEXT'], ['component', 'TEXT'], ['state', 'TEXT'], ['rollout', 'TEXT']], ['region', 'id']),
  table('stage_gates', [['region', 'TEXT'], ['position', 'INTEGER'], ['train', 'INTEGER'], ['stage', 'TEXT'], ['gate', 'TEXT']], ['region', 'position']),
  // Version mix over time per component (the component page's history chart), HistoryPoint[] JSON.
  table('version_history', [['component', 'TEXT'], ['points', 'TEXT', 'bulk']], ['component']),
  // Copied from the audit store as they are: the canonical text the chain hashes, and the links.
  table('audit_entries', [['seq', 'INTEGER'], ['entry', 'TEXT'], ['prev_hash', 'TEXT'], ['hash', 'TEXT']], ['seq']),
  table('audit_checkpoints', [['seq', 'INTEGER'], ['hash', 'TEXT'], ['signature', 'TEXT'], ['at', 'TEXT']], ['seq']),
  // Violation episodes for the board report (report-tables.ts): ViolationEpisode JSON.
  table('violation_episodes', [['violation_id', 'TEXT'], ['first_seen', 'TEXT'], ['episode', 'TEXT']], ['violation_id', 'first_seen']),
] as const satisfies readonly TableDef[];

export type ContentTableName = (typeof CONTENT_TABLES)[number]['name'];
export const CONTENT_TABLE_NAMES: readonly string[] = CONTENT_TABLES.map((t) => t.name);

export function tableDef(name: string): TableDef | undefined {
  return CONTENT_TABLES.find((t) => t.name === name);
}

/** `manifest (key, value)`: the rows `manifest` (canonical JSON) and `sha256` (of that text). */
export const MANIFEST_TABLE = 'manifest';
export const MANIFEST_KEY = 'manifest';
export const MANIFEST_HASH_KEY = 'sha256';

function createTableSql(def: TableDef): string {
  const columns = def.columns.map(([name, type, ...flags]) => `${name} ${type}${flags.includes('null') ? '' : ' NOT NULL'}`);
  const integerKey = def.key.length === 1 && def.columns.find(([name]) => name === def.key[0])?.[1] === 'INTEGER';
  // A WITHOUT ROWID row keeps at most about a quarter of a page on its leaf: a 4.6 KB telemetry row
  // put 2.6 KB on an overflow page of its own, leaving 27 MB of a 73 MB snapshot empty. A rowid
  // table keeps rows up to the page size on the leaf (the key becomes a unique index beside it).
  const largeRows = def.columns.some(([, type, ...flags]) => type === 'BLOB' || flags.includes('bulk'));
  const rowid = integerKey || largeRows;
  return `CREATE TABLE ${def.name} (${columns.join(', ')}, PRIMARY KEY (${def.key.join(', ')}))${rowid ? ' STRICT' : ' STRICT, WITHOUT ROWID'};`;
}

export const SCHEMA_SQL = [...CONTENT_TABLES.map(createTableSql), `CREATE TABLE ${MANIFEST_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;`].join('\n');

export function insertSql(def: TableDef): string {
  return `INSERT INTO ${def.name} (${def.columns.map(([n]) => n).join(', ')}) VALUES (${def.columns.map(() => '?').join(', ')})`;
}

export function selectSql(def: TableDef): string {
  return `SELECT ${def.columns.map(([n]) => n).join(', ')} FROM ${def.name} ORDER BY ${def.key.join(', ')}`;
}

const FLUSH_AT = 64 * 1024;
const SLICE_CHARS = 16 * 1024;

/**
 * The rows of a table in key order for hashing: bulk text as its UTF-8 bytes (decoding megabytes
 * only to encode them again is slower), other text as strings (a Buffer per small value is slower).
 */
export function hashSelectSql(def: TableDef): string {
  return `SELECT ${def.columns.map(([n, , ...flags]) => (flags.includes('bulk') ? `CAST(${n} AS BLOB)` : n)).join(', ')} FROM ${def.name} ORDER BY ${def.key.join(', ')}`;
}

/**
 * SHA-256 over a table's canonical serialization: a header naming the table and its columns, then
 * every value of every row in key order as a type tag and its bytes (text — given as a string or
 * as its UTF-8 bytes — and blobs with their length first, so no two different tables serialize
 * alike). Values are staged in a buffer and handed to the hash in 64 KiB pieces.
 */
export class TableHasher {
  private readonly hash: Hash = createHash('sha256');
  private readonly buf = Buffer.allocUnsafe(FLUSH_AT + 64);
  private readonly textColumns: boolean[];
  private used = 0;
  rows = 0;

  constructor(def: TableDef) {
    this.textColumns = def.columns.map(([, type]) => type === 'TEXT');
    this.text(`rcc-snapshot-table\u0000${def.name}\u0000${def.columns.map(([n, t]) => `${n}:${t}`).join(',')}`);
  }

  row(values: readonly unknown[]): void {
    this.rows++;
    for (let i = 0; i < values.length; i++) this.value(values[i], this.textColumns[i] === true);
  }

  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private value(v: unknown, text: boolean): void {
    if (this.used >= FLUSH_AT) this.flush();
    if (v === null || v === undefined) {
      this.buf[this.used++] = 0x6e; // n
    } else if (typeof v === 'number') {
      this.buf[this.used++] = 0x64; // d
      this.used = this.buf.writeDoubleBE(v, this.used);
    } else if (typeof v === 'bigint') {
      this.text(v.toString(), 0x69); // i
    } else if (typeof v === 'string') {
      this.text(v, 0x73); // s
    } else if (Buffer.isBuffer(v)) {
      this.bytes(v, text ? 0x73 : 0x62); // s | b
    } else {
      throw new TypeError(`snapshot table value of unexpected type ${typeof v}`);
    }
  }

  private text(s: string, tag?: number): void {
    const length = Buffer.byteLength(s, 'utf8');
    if (tag !== undefined) {
      this.buf[this.used++] = tag;
      this.used = this.buf.writeUInt32BE(length, this.used);
    }
    if (this.used + length > this.buf.length) {
      this.flush();
      if (length > FLUSH_AT) {
        // In slices (never between the halves of a surrogate pair): no megabyte-sized UTF-8 copy at once.
        for (let at = 0; at < s.length; ) {
          let end = Math.min(s.length, at + SLICE_CHARS);
          const last = s.charCodeAt(end - 1);
          if (end < s.length && last >= 0xd800 && last <= 0xdbff) end++;
          this.hash.update(s.slice(at, end), 'utf8');
          at = end;
        }
        return;
      }
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  private bytes(b: Buffer, tag: number): void {
    this.buf[this.used++] = tag;
    this.used = this.buf.writeUInt32BE(b.length, this.used);
    if (this.used + b.length > this.buf.length) {
      this.flush();
      if (b.length > FLUSH_AT) {
        this.hash.update(b);
        return;
      }
    }
    this.used += b.copy(this.buf, this.used);
  }

  private flush(): void {
    if (this.used === 0) return;
    this.hash.update(this.buf.subarray(0, this.used));
    this.used = 0;
  }
}

/**
 * Rows and SHA-256 of one content table as the database holds it, read in key order; `onRow` sees
 * each row as hashed (bulk text as its UTF-8 bytes), so one read can serve another check too.
 */
export function hashTable(db: Database.Database, def: TableDef, onRow?: (row: unknown[]) => void): { rows: number; sha256: string } {
  const hasher = new TableHasher(def);
  for (const row of db.prepare(hashSelectSql(def)).raw().iterate() as IterableIterator<unknown[]>) {
    hasher.row(row);
    onRow?.(row);
  }
  return { rows: hasher.rows, sha256: hasher.digest() };
}

/** SHA-256 of the manifest's text, hex. */
export function manifestHash(text: string): string {
  return createHash('sha256').update(`rcc-snapshot-manifest\u0000${text}`, 'utf8').digest('hex');
}

/** Telemetry points as stored: little-endian float64 pairs (written into `scratch` when it is large enough). */
export function encodePoints(points: ReadonlyArray<readonly [number, number]>, scratch?: Buffer): Buffer {
  const out = scratch && scratch.length >= points.length * 16 ? scratch.subarray(0, points.length * 16) : Buffer.allocUnsafe(points.length * 16);
  let at = 0;
  for (const [t, v] of points) {
    at = out.writeDoubleLE(t, at);
    at = out.writeDoubleLE(v, at);
  }
  return out;
}

export function decodePoints(blob: Buffer): Array<[number, number]> {
  const n = Math.floor(blob.length / 16);
  const out: Array<[number, number]> = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [blob.readDoubleLE(i * 16), blob.readDoubleLE(i * 16 + 8)];
  return out;
}

/** Canonical JSON text of a value: object keys sorted at every level (the manifest is stored and hashed as this). */
export function canonicalText(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
