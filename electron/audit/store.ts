import Database from 'better-sqlite3';
import { createPublicKey, hash as digest, sign, verify as verifySignature, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, rmSync, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ConsoleError } from '../common/console-error.ts';
import type {
  AuditStore,
  Checkpoint,
  ExportFormat,
  ExportSummary,
  OpenAuditStoreOptions,
  VerifyFailure,
  VerifyOptions,
  VerifyReport,
} from './api.ts';
import { CHECKPOINT_EVERY } from './api.ts';
import {
  AuditEntryInput,
  AuditFilter,
  AuditPage,
  canonicalJsonFields,
  canonicalPrefix,
  MAX_JSON,
  prepareEntry,
  serializeTail,
  GENESIS_HASH,
  type AuditEntry,
  type AuditQueryResult,
  type PreparedEntry,
} from './entry.ts';
import { entryFromText, type AuditEntryRow } from './entry-from-text.ts';
import { AuditOpenError, AuditUnavailableError, type AuditUnavailableReason } from './errors.ts';
import { exportEntries } from './export.ts';
import { PAGE_SIZE, SCHEMA_SQL, SCHEMA_VERSION, STORE_FORMAT, TABLES } from './schema.ts';
import { generateSigningKey, keyFingerprint, parsePrivateKey, publicKeyPem, type SigningKeyStore } from './signing-key.ts';
import { CHUNK_CHECKPOINTS_SQL, checkChunk, checkChunks, defaultWorkers, JOINED_ROWS_SQL, planChunks, sha256hex } from './verify-chunks.ts';

type Db = Database.Database;
type Row = AuditEntryRow;
type Head = { seq: number; hash: string };

/** What `rcc audit` needs: reading, verifying and exporting, never writing. */
export type ReadOnlyAuditStore = Pick<AuditStore, 'file' | 'get' | 'head' | 'verify' | 'latestCheckpoint' | 'publicKey' | 'query' | 'export' | 'durability' | 'close'>;

export interface ReadOnlyOptions {
  /** Verify the checkpoints with this public key (SPKI PEM) instead of the one recorded in the file. */
  publicKey?: string;
}

const DEFAULT_BUSY_TIMEOUT_MS = 2000;
/** A search with a time window looks at most this many entries up in the time index to bound the seqs it visits (a few ms). */
const SEQ_BOUND_SCAN = 131072;

/** hash = SHA-256(prevHash || entry), lowercase hex (see canonicalEntry). One-shot `crypto.hash`: ~2× faster than createHash per entry. */
export function chainHash(prevHash: string, entry: string): string {
  return digest('sha256', prevHash + entry, 'hex');
}

/** The message a checkpoint's signature covers. */
export function checkpointMessage(seq: number, hash: string): Buffer {
  return Buffer.from(`${seq}:${hash}`, 'utf8');
}

/**
 * An input prepareEntry did not take, through the schema: its first complaint thrown as
 * invalid-input, or (when the schema accepts it after all: prepareEntry is only ever stricter) the
 * entry serialized the general way.
 */
function prepareWithSchema(input: unknown, consoleVersion: string): PreparedEntry | { tooLarge: 'before' | 'after' | 'whatIf' } {
  const parsed = AuditEntryInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConsoleError('invalid-input', `audit entry: ${issue?.path.join('.') || '(entry)'}: ${issue?.message ?? 'invalid'}`, {
      path: (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol'),
    });
  }
  const json = canonicalJsonFields(parsed.data);
  return 'tooLarge' in json ? json : { entry: { ...parsed.data, consoleVersion }, tail: serializeTail(parsed.data, consoleVersion, json) };
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A SQLite or file-system failure as the reason the store cannot be written. */
function classify(error: unknown, busyTimeoutMs: number): { reason: AuditUnavailableReason; why: string } {
  const code = sqliteCode(error);
  const message = describe(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return { reason: 'locked', why: `another program holds its write lock; waited ${busyTimeoutMs} ms` };
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /disk is full|no space/i.test(message)) return { reason: 'disk-full', why: 'the disk is full' };
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return { reason: 'read-only', why: `the file or its directory is read-only (${message})` };
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return { reason: 'read-only', why: `it cannot be opened for writing (${message})` };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return { reason: 'corrupt', why: `the file is damaged (${message})` };
  if (code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC') return { reason: 'io', why: `writing failed (${message})` };
  return { reason: 'io', why: message };
}

function unavailable(file: string, error: unknown, busyTimeoutMs: number): AuditUnavailableError {
  if (error instanceof AuditUnavailableError) return error;
  const { reason, why } = classify(error, busyTimeoutMs);
  return new AuditUnavailableError(file, reason, why, { cause: error });
}

function tableNames(db: Db): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')").pluck().all() as string[];
  return new Set(rows);
}

/** `null`: an empty database (a new store); otherwise the store's metadata. Throws `makeError(…)` for anything else. */
function inspect(db: Db, makeError: (reason: AuditUnavailableReason, why: string) => Error): Map<string, string> | null {
  const names = tableNames(db);
  if (names.size === 0) return null;
  if (!names.has('audit_meta')) throw makeError('not-an-audit-store', 'it is a SQLite database but not an audit store (no audit_meta table)');
  const meta = new Map(db.prepare('SELECT key, value FROM audit_meta').raw().all() as [string, string][]);
  if (meta.get('format') !== STORE_FORMAT) throw makeError('not-an-audit-store', `it is a SQLite database but not an audit store (format ${JSON.stringify(meta.get('format') ?? null)})`);
  if (meta.get('schema') !== SCHEMA_VERSION) throw makeError('not-an-audit-store', `it is an audit store of schema ${meta.get('schema') ?? '?'}; this console reads schema ${SCHEMA_VERSION}`);
  const missing = TABLES.filter((t) => !names.has(t));
  if (missing.length > 0) throw makeError('corrupt', `it is an audit store missing tables ${missing.join(', ')}`);
  return meta;
}

/**
 * Sets WAL and synchronous=FULL (plus fullfsync, which only macOS honours) and reads both back:
 * an audit entry is durable when `append` returns, or the store does not open.
 */
function assertDurable(db: Db, file: string): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('fullfsync = ON');
  const journal = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
  const synchronous = Number(db.pragma('synchronous', { simple: true }));
  if (journal !== 'wal' || synchronous !== 2) {
    throw new AuditUnavailableError(
      file,
      'not-durable',
      `SQLite did not accept durable settings: journal_mode is ${journal} (expected wal), synchronous is ${synchronous} (expected 2, FULL)`,
    );
  }
}

/** The durability pragmas of a connection, as read back (for callers and tests). */
export interface Durability {
  journalMode: string;
  synchronous: number;
}

/** Hex of a value's UTF-8, as SQLite's hex() writes it (the FTS tokenizer folds the case). */
function hex(value: string): string {
  return Buffer.from(value, 'utf8').toString('hex');
}

/** FTS5 query from what a user typed: every word must match; punctuation splits a word into a phrase; the last word matches as a prefix. */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((word) => word.match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((tokens) => tokens.length > 0);
  if (words.length === 0) return null;
  return words.map((tokens, i) => `"${tokens.join(' ')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

interface Statements {
  head: Database.Statement<[], Row>;
  headHash: Database.Statement<[], [number, string]>;
  get: Database.Statement<[number], Row>;
  hashAt: Database.Statement<[number], string>;
  page: Database.Statement<[number, number, number], Row>;
  pageJoined: Database.Statement<[number, number], string | null>;
  seqOfHash: Database.Statement<[string], number>;
  latestCheckpoint: Database.Statement<[], [number, string, string, string]>;
  checkpointsIn: Database.Statement<[number, number], [number, string]>;
  lastVerification: Database.Statement<[], [number, string]>;
}

/** The store over one open database connection (writable or read-only). */
class SqliteAuditStore implements AuditStore {
  private readonly stmts: Statements;
  private readonly queryCache = new Map<string, Database.Statement<unknown[], unknown>>();
  private closed = false;
  /** Last head known good: verified, or appended by this store on top of a verified head. */
  private verifiedHead: Head | null = null;
  /** Pending intents are searched from here up (intents below it all have a final outcome). */
  private pendingFrom: number | null = null;
  openReport!: VerifyReport;

  constructor(
    private readonly db: Db,
    readonly file: string,
    private readonly trustedPublicKey: string,
    private readonly filePublicKey: string | undefined,
    private readonly writer: { key: KeyObject; consoleVersion: string; now: () => Date; busyTimeoutMs: number } | null,
    private readonly afterClose: () => void = () => {},
  ) {
    this.stmts = {
      head: db.prepare('SELECT seq, entry, prev_hash, hash FROM audit_entries ORDER BY seq DESC LIMIT 1').raw() as Statements['head'],
      headHash: db.prepare('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1').raw() as Statements['headHash'],
      get: db.prepare('SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE seq = ?').raw() as Statements['get'],
      hashAt: db.prepare('SELECT hash FROM audit_entries WHERE seq = ?').pluck() as Statements['hashAt'],
      page: db.prepare('SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').raw() as Statements['page'],
      pageJoined: db.prepare(JOINED_ROWS_SQL).pluck() as Statements['pageJoined'],
      seqOfHash: db.prepare('SELECT seq FROM audit_entries WHERE hash = ? LIMIT 1').pluck() as Statements['seqOfHash'],
      latestCheckpoint: db.prepare('SELECT seq, hash, signature, at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1').raw() as Statements['latestCheckpoint'],
      checkpointsIn: db.prepare(CHUNK_CHECKPOINTS_SQL).raw() as Statements['checkpointsIn'],
      lastVerification: db.prepare('SELECT to_seq, hash FROM audit_verifications ORDER BY id DESC LIMIT 1').raw() as Statements['lastVerification'],
    };
    if (writer) {
      const last = this.stmts.lastVerification.get();
      if (last) this.verifiedHead = { seq: last[0], hash: last[1] };
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new AuditUnavailableError(this.file, 'closed', 'the store is closed');
  }

  private get busyTimeoutMs(): number {
    return this.writer?.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  }

  /** The connection's durability pragmas, read back now. */
  durability(): Durability {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
    };
  }

  append(input: AuditEntryInput): AuditEntry {
    const writer = this.writer;
    if (!writer) throw new AuditUnavailableError(this.file, 'read-only', 'it was opened read-only');
    this.ensureOpen();
    // The common case is checked and serialized without zod; the schema runs only to name what is wrong.
    const prepared = prepareEntry(input, writer.consoleVersion) ?? prepareWithSchema(input, writer.consoleVersion);
    if ('tooLarge' in prepared) {
      const key = prepared.tooLarge;
      throw new ConsoleError('invalid-input', `audit entry: ${key}: larger than ${MAX_JSON} characters once serialized`, { path: [key] });
    }
    let entry: AuditEntry;
    try {
      this.appendTx ??= this.db.transaction((p: PreparedEntry) => this.appendInTransaction(p, writer));
      entry = this.appendTx.immediate(prepared);
    } catch (error) {
      this.writeHead = null;
      if (error instanceof ConsoleError) throw error;
      throw unavailable(this.file, error, writer.busyTimeoutMs);
    }
    this.writeHead = { seq: entry.seq, hash: entry.hash };
    if (this.verifiedHead?.seq === entry.seq - 1 && this.verifiedHead.hash === entry.prevHash) this.verifiedHead = { seq: entry.seq, hash: entry.hash };
    if (entry.kind === 'intent' && this.pendingFrom !== null && this.pendingFrom > entry.seq) this.pendingFrom = entry.seq;
    return entry;
  }

  /**
   * The head this connection committed last (null: read it from the file). Another connection that
   * appends meanwhile makes it stale; the ordering trigger (and the primary key) then refuse the
   * insert built on it, and appendInTransaction reads the head and chains again.
   */
  private writeHead: Head | null = null;

  private readHead(): Head {
    const row = this.stmts.headHash.get();
    return row ? { seq: row[0], hash: row[1] } : { seq: 0, hash: GENESIS_HASH };
  }

  private appendTx?: Database.Transaction<(p: PreparedEntry) => AuditEntry>;
  private appendInTransaction({ entry: f, tail }: PreparedEntry, writer: NonNullable<SqliteAuditStore['writer']>): AuditEntry {
    if (f.kind === 'outcome' && f.intentSeq !== null) this.checkIntent(f.intentSeq);
    // UTC ISO 8601 as toISOString writes it: no character JSON escapes.
    const at = writer.now().toISOString();
    let head = this.writeHead ?? this.readHead();
    // prevHash || canonical text, hashed as one string; the text is the rest of it.
    let chained = `${head.hash}{"seq":${head.seq + 1},"at":"${at}",${tail}`;
    let hash = digest('sha256', chained, 'hex');
    try {
      this.insertEntry(head.seq + 1, chained.slice(64), head.hash, hash);
    } catch (error) {
      // Only a head remembered from an earlier append can be stale; a refused statement leaves the
      // transaction open, so the entry is chained again onto the head as the file has it.
      if (this.writeHead === null || !sqliteCode(error).startsWith('SQLITE_CONSTRAINT') || !this.db.inTransaction) throw error;
      this.writeHead = null;
      head = this.readHead();
      chained = `${head.hash}{"seq":${head.seq + 1},"at":"${at}",${tail}`;
      hash = digest('sha256', chained, 'hex');
      this.insertEntry(head.seq + 1, chained.slice(64), head.hash, hash);
    }
    const seq = head.seq + 1;
    if (seq % CHECKPOINT_EVERY === 0) this.insertCheckpoint(seq, hash, writer);
    return {
      seq,
      at,
      kind: f.kind,
      actorUser: f.actorUser,
      actorName: f.actorName,
      workstation: f.workstation,
      action: f.action,
      region: f.region,
      target: f.target,
      before: f.before,
      after: f.after,
      whatIf: f.whatIf,
      override: f.override,
      reason: f.reason,
      ticket: f.ticket,
      breakGlass: f.breakGlass,
      idempotencyKey: f.idempotencyKey,
      intentSeq: f.intentSeq,
      outcome: f.outcome,
      response: f.response,
      consoleVersion: f.consoleVersion,
      prevHash: head.hash,
      hash,
    };
  }

  private insertStmt?: Database.Statement<[number, string, string, string]>;
  private insertEntry(seq: number, text: string, prevHash: string, hash: string): void {
    this.insertStmt ??= this.db.prepare('INSERT INTO audit_entries (seq, entry, prev_hash, hash) VALUES (?, ?, ?, ?)');
    this.insertStmt.run(seq, text, prevHash, hash);
  }

  private intentStmt?: Database.Statement<[number, number], [string | null, number]>;
  private checkIntent(intentSeq: number): void {
    this.intentStmt ??= this.db
      .prepare(
        `SELECT (SELECT kind FROM audit_fields WHERE seq = ?),
                (SELECT count(*) FROM audit_fields WHERE intent_seq = ? AND outcome IN ('succeeded', 'failed'))`,
      )
      .raw() as Database.Statement<[number, number], [string | null, number]>;
    const [kind, finals] = this.intentStmt.get(intentSeq, intentSeq) ?? [null, 0];
    if (kind !== 'intent') throw new ConsoleError('invalid-input', `audit entry: intentSeq: entry ${intentSeq} is ${kind === null ? 'not in the store' : `a ${kind}, not an intent`}`, { path: ['intentSeq'] });
    if (finals > 0) throw new ConsoleError('invalid-input', `audit entry: intentSeq: intent ${intentSeq} already has a final outcome`, { path: ['intentSeq'] });
  }

  private checkpointStmt?: Database.Statement<[number, string, string, string]>;
  private insertCheckpoint(seq: number, hash: string, writer: NonNullable<SqliteAuditStore['writer']>): Checkpoint {
    const signature = sign(null, checkpointMessage(seq, hash), writer.key).toString('base64');
    const at = writer.now().toISOString();
    this.checkpointStmt ??= this.db.prepare('INSERT INTO audit_checkpoints (seq, hash, signature, at) VALUES (?, ?, ?, ?)');
    this.checkpointStmt.run(seq, hash, signature, at);
    return { seq, hash, signature, at };
  }

  pendingIntents(): AuditEntry[] {
    this.ensureOpen();
    const rows = this.db
      .prepare(
        `SELECT e.seq, e.entry, e.prev_hash, e.hash FROM audit_fields AS i JOIN audit_entries AS e ON e.seq = i.seq
         WHERE i.kind = 'intent' AND i.seq >= ?
           AND NOT EXISTS (SELECT 1 FROM audit_fields AS o WHERE o.intent_seq = i.seq AND o.outcome IN ('succeeded', 'failed'))
         ORDER BY i.seq`,
      )
      .raw()
      .all(this.pendingFrom ?? 0) as Row[];
    // Outcomes only ever resolve intents: next time, start from the oldest one still pending.
    this.pendingFrom = rows[0]?.[0] ?? (this.stmts.head.get()?.[0] ?? 0) + 1;
    return rows.map(entryFromText);
  }

  get(seq: number): AuditEntry | null {
    this.ensureOpen();
    const row = this.stmts.get.get(seq);
    return row ? entryFromText(row) : null;
  }

  head(): Head | null {
    this.ensureOpen();
    const row = this.stmts.head.get();
    return row ? { seq: row[0], hash: row[3] } : null;
  }

  latestCheckpoint(): Checkpoint | null {
    this.ensureOpen();
    const row = this.stmts.latestCheckpoint.get();
    return row ? { seq: row[0], hash: row[1], signature: row[2], at: row[3] } : null;
  }

  publicKey(): string {
    return this.trustedPublicKey;
  }

  checkpoint(): Checkpoint | null {
    const writer = this.writer;
    if (!writer) throw new AuditUnavailableError(this.file, 'read-only', 'it was opened read-only');
    this.ensureOpen();
    try {
      return this.db
        .transaction(() => {
          const head = this.head();
          if (!head) return null;
          const latest = this.latestCheckpoint();
          if (latest?.seq === head.seq) return latest;
          return this.insertCheckpoint(head.seq, head.hash, writer);
        })
        .immediate();
    } catch (error) {
      throw unavailable(this.file, error, writer.busyTimeoutMs);
    }
  }

  async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    this.ensureOpen();
    const t0 = performance.now();
    const headRow = this.stmts.head.get();
    const headSeq = headRow?.[0] ?? 0;
    let start = 1;
    let prev = GENESIS_HASH;
    if (options.from === 'last-verified' && this.verifiedHead && this.verifiedHead.seq <= headSeq) {
      const { seq, hash } = this.verifiedHead;
      // The remembered head must still be there, unchanged; otherwise verify everything.
      if (this.stmts.hashAt.get(seq) === hash) {
        start = seq + 1;
        prev = hash;
      }
    }
    const fingerprint = keyFingerprint(this.trustedPublicKey);
    let workersUsed = 0;
    const report = (failure: VerifyFailure | null, checked: number, checkpoint: Checkpoint | null): VerifyReport => ({
      ok: failure === null,
      entries: headSeq,
      checkedFrom: start,
      checked,
      head: failure === null && headSeq > 0 ? { seq: headSeq, hash: prev } : null,
      checkpoint,
      unsignedTail: headSeq - (checkpoint?.seq ?? 0),
      publicKey: this.trustedPublicKey,
      fingerprint,
      failure,
      ms: Math.round(performance.now() - t0),
      workers: workersUsed,
    });

    if (this.filePublicKey !== undefined && !samePublicKey(this.filePublicKey, this.trustedPublicKey)) {
      return report(
        { seq: 0, reason: 'wrong-key', message: `the store records public key ${safeFingerprint(this.filePublicKey)}, not the expected ${fingerprint}: it was not written by this console (or was rebuilt)` },
        0,
        null,
      );
    }

    // The entries from `start` to the head, in chunks checked whole — here and, for a large range,
    // on worker threads at the same time; a chunk that does not check out is read again row by row,
    // which names the first bad entry. Checkpoints are checked with the entries of their chunk.
    let expected = start;
    let failure: VerifyFailure | null = null;
    const chunks = planChunks(start, headSeq, options.chunkSize);
    const { workers } = await checkChunks({
      file: this.file,
      chunks,
      workers: options.workers === undefined ? defaultWorkers(headSeq - start + 1) : Math.max(0, Math.floor(options.workers)),
      every: CHECKPOINT_EVERY,
      checkHere: ({ low, high }) => {
        this.ensureOpen();
        return checkChunk(this.stmts.pageJoined.all(low, high), low, high, this.stmts.checkpointsIn.all(low, high), CHECKPOINT_EVERY, sha256hex);
      },
      onResult: (index, result) => {
        this.ensureOpen();
        const { low, high } = chunks[index] as { low: number; high: number };
        if (result.ok && result.firstPrev === prev) {
          prev = result.lastHash;
        } else {
          const scan = this.scanRows(low, high, headSeq, prev);
          prev = scan.prev;
          if (scan.failure) {
            failure = scan.failure;
            expected = failure.seq;
            return false;
          }
        }
        expected = high + 1;
        return true;
      },
    });
    workersUsed = workers;
    const checked = expected - start;
    if (failure) return report(failure, checked, null);
    if (expected !== headSeq + 1) {
      return report({ seq: expected, reason: 'seq-gap', message: `entry ${expected}: missing (the store ends at ${expected - 1} but its head is ${headSeq})` }, checked, null);
    }

    const latestRow = this.stmts.latestCheckpoint.get();
    const latest = latestRow ? { seq: latestRow[0], hash: latestRow[1], signature: latestRow[2], at: latestRow[3] } : null;
    if (latest && latest.seq > headSeq) {
      return report(
        { seq: headSeq + 1, reason: 'seq-gap', message: `entry ${headSeq + 1}: missing: the store ends at ${headSeq}, but a signed checkpoint names entry ${latest.seq} (entries were removed from the end)` },
        checked,
        null,
      );
    }
    if (latest) {
      if (latest.seq < start && this.stmts.hashAt.get(latest.seq) !== latest.hash) {
        return report({ seq: latest.seq, reason: 'checkpoint-mismatch', message: `entry ${latest.seq}: the signed checkpoint at ${latest.seq} holds another hash` }, checked, null);
      }
      if (!signatureValid(latest, this.trustedPublicKey)) {
        return report(
          { seq: latest.seq, reason: 'bad-signature', message: `entry ${latest.seq}: the checkpoint's signature does not verify with public key ${fingerprint}: the store was rewritten or signed by another key` },
          checked,
          null,
        );
      }
    }
    this.verifiedHead = headSeq > 0 ? { seq: headSeq, hash: prev } : null;
    if (this.writer && headSeq > 0 && checked > 0) this.recordVerification(start, headSeq, prev);
    return report(null, checked, latest);
  }

  /**
   * Entries `low + 1 … high` read row by row (the slow path, for a chunk that did not check out whole):
   * the first bad entry and why, or null and the hash of entry `high`. `prev` is the hash of entry `low`.
   */
  private scanRows(low: number, high: number, headSeq: number, prev: string): { failure: VerifyFailure | null; prev: string } {
    const checkpoints = this.stmts.checkpointsIn.all(low, high);
    let cp = 0;
    for (let seq = low + 1; seq <= high; seq++) {
      // The next row there is: when it is not entry `seq`, checkRow says which entries are missing.
      const row = this.stmts.page.get(seq - 1, headSeq, 1);
      if (!row) return { failure: { seq, reason: 'seq-gap', message: `entry ${seq}: missing` }, prev };
      const failure = this.checkRow(row, seq, prev);
      if (failure) return { failure, prev };
      const hash = row[3];
      const cpRow = checkpoints[cp];
      const checkpoint = cpRow?.[0] === seq ? cpRow[1] : undefined;
      if (checkpoint !== undefined) cp++;
      if (checkpoint === undefined && seq % CHECKPOINT_EVERY === 0) {
        return { failure: { seq, reason: 'checkpoint-missing', message: `entry ${seq}: its checkpoint (one is signed every ${CHECKPOINT_EVERY} entries) is missing` }, prev };
      }
      if (checkpoint !== undefined && checkpoint !== hash) {
        return { failure: { seq, reason: 'checkpoint-mismatch', message: `entry ${seq}: the signed checkpoint at ${seq} holds another hash: the chain up to ${seq} was rebuilt` }, prev };
      }
      prev = hash;
    }
    return { failure: null, prev };
  }

  /** The first problem of one row, or null. */
  private checkRow(row: Row, expected: number, prev: string): VerifyFailure | null {
    const [seq, text, prevHash, hash] = row;
    if (seq !== expected) {
      return expected === 1 && seq > 1
        ? { seq: 1, reason: 'seq-gap', message: `entry 1: missing (the store starts at ${seq})` }
        : { seq: expected, reason: 'seq-gap', message: `entry ${expected}: missing (entries ${expected}–${seq - 1} are gone; the next is ${seq})` };
    }
    if (typeof text !== 'string' || typeof prevHash !== 'string' || typeof hash !== 'string') {
      return { seq, reason: 'malformed', message: `entry ${seq}: malformed: entry, prev_hash and hash must be text` };
    }
    if (!text.startsWith(canonicalPrefix(seq))) {
      const carried = /^\{"seq":(\d+),/.exec(text)?.[1];
      return carried !== undefined
        ? { seq, reason: 'reordered', message: `entry ${seq}: reordered: the row at ${seq} holds entry ${carried}` }
        : { seq, reason: 'malformed', message: `entry ${seq}: malformed: its text does not start with {"seq":${seq},` };
    }
    if (prevHash !== prev) {
      const owner = this.stmts.seqOfHash.get(prevHash);
      if (owner !== undefined && owner > seq) {
        return { seq, reason: 'reordered', message: `entry ${seq}: reordered: its predecessor is entry ${owner}, which comes after it` };
      }
      return { seq, reason: 'broken-link', message: `entry ${seq}: broken link: its prevHash is not the hash of entry ${seq - 1} (an entry was removed, inserted or replaced before it)` };
    }
    if (chainHash(prev, text) !== hash) {
      return { seq, reason: 'hash-mismatch', message: `entry ${seq}: hash mismatch: its fields do not hash to its stored hash (a value was edited)` };
    }
    return null;
  }

  private recordVerification(from: number, to: number, hash: string): void {
    try {
      this.db.prepare('INSERT INTO audit_verifications (at, from_seq, to_seq, hash) VALUES (?, ?, ?, ?)').run(new Date().toISOString(), from, to, hash);
    } catch {
      // Best effort: the head stays in memory; appends report an unwritable store themselves.
    }
  }

  query(filter: AuditFilter = {}, page: AuditPage = {}): AuditQueryResult {
    this.ensureOpen();
    const { where, params, match, onRows } = this.whereClause(filter);
    const { limit, offset } = parseOrThrow(AuditPage, page, 'page');
    if (match !== null) {
      // One pass of the search: every matching seq (straight from the FTS index when nothing is
      // left to check on the rows), counted and paged here.
      const seqs = (
        onRows
          ? this.cached(`SELECT seq FROM audit_fields ${where} ORDER BY seq`, false).pluck().all(...params)
          : this.cached('SELECT rowid FROM audit_fts WHERE audit_fts MATCH ? ORDER BY rowid', false).pluck().all(match)
      ) as number[];
      const pageSeqs = seqs.slice(Math.max(0, seqs.length - offset - limit), Math.max(0, seqs.length - offset));
      const rows = pageSeqs.length === 0 ? [] : (this.cached(`SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq DESC`, true).all(JSON.stringify(pageSeqs)) as Row[]);
      return { entries: rows.map(entryFromText), total: seqs.length };
    }
    const rows = this.cached(
      `SELECT e.seq, e.entry, e.prev_hash, e.hash FROM audit_entries AS e WHERE e.seq IN (SELECT seq FROM audit_fields ${where} ORDER BY seq DESC LIMIT ? OFFSET ?) ORDER BY e.seq DESC`,
      true,
    ).all(...params, limit, offset) as Row[];
    const total = (this.cached(`SELECT count(*) FROM audit_fields ${where}`, false).pluck().get(...params) as number | undefined) ?? 0;
    return { entries: rows.map(entryFromText), total };
  }

  private cached(sql: string, raw: boolean): Database.Statement<unknown[], unknown> {
    const key = `${raw ? 'r' : 'p'}:${sql}`;
    let stmt = this.queryCache.get(key);
    if (!stmt) {
      stmt = this.db.prepare(sql) as Database.Statement<unknown[], unknown>;
      if (raw) stmt.raw();
      this.queryCache.set(key, stmt);
    }
    return stmt;
  }

  /**
   * SQL conditions on `audit_fields` for a filter (`WHERE …` or ''), with their parameters.
   *
   * With text or an actor, region or action filter, one FTS5 query drives the search: the text over
   * the human columns, and every equality filter (kind and outcome too) as an exact token of the
   * `tags` column, so FTS5 intersects doclists and no row is looked up per candidate; only a time
   * range is then checked on the rows (`+at`, so SQLite does not drive by the time index instead).
   * Otherwise the column indexes drive.
   */
  whereClause(filter: AuditFilter, extra: string[] = []): { where: string; params: unknown[]; match: string | null; onRows: boolean } {
    const f = parseOrThrow(AuditFilter, filter, 'filter');
    const text = f.text === undefined ? null : ftsQuery(f.text);
    const searched = text !== null || f.actor !== undefined || f.region !== undefined || f.action !== undefined;
    const conditions: string[] = [];
    const params: unknown[] = [];
    let match: string | null = null;
    if (searched) {
      const terms: string[] = [];
      if (text !== null) terms.push(`{reason target ticket action region actor} : (${text})`);
      if (f.actor !== undefined) terms.push(`tags : ("u${hex(f.actor)}" OR "n${hex(f.actor)}")`);
      if (f.region !== undefined) terms.push(`tags : "r${hex(f.region)}"`);
      if (f.action !== undefined) terms.push(`tags : "a${hex(f.action)}"`);
      if (f.kind !== undefined) terms.push(`tags : "k${f.kind}"`);
      if (f.outcome !== undefined) terms.push(`tags : "o${f.outcome}"`);
      match = terms.join(' AND ');
      // A time window also bounds the rowids the search visits (FTS5 seeks past the rest).
      const low = f.since === undefined ? undefined : this.seqBound('since', new Date(f.since).toISOString());
      const high = f.until === undefined ? undefined : this.seqBound('until', new Date(f.until).toISOString());
      conditions.push(`seq IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH ?${low === undefined ? '' : ' AND rowid >= ?'}${high === undefined ? '' : ' AND rowid <= ?'})`);
      params.push(match);
      if (low !== undefined) params.push(low);
      if (high !== undefined) params.push(high);
    }
    const col = (name: string) => (searched ? `+${name}` : name);
    if (f.since !== undefined) {
      conditions.push(`${col('at')} >= ?`);
      params.push(new Date(f.since).toISOString());
    }
    if (f.until !== undefined) {
      conditions.push(`${col('at')} < ?`);
      params.push(new Date(f.until).toISOString());
    }
    if (!searched) {
      for (const [column, value] of [
        ['kind', f.kind],
        ['outcome', f.outcome],
      ] as const) {
        if (value === undefined) continue;
        conditions.push(`${column} = ?`);
        params.push(value);
      }
    }
    conditions.push(...extra);
    const onRows = conditions.length > (match === null ? 0 : 1);
    return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params, match, onRows };
  }

  /**
   * The smallest seq of the entries at or after `since`, or the largest of those before `until`,
   * when the time index finds them among at most SEQ_BOUND_SCAN entries (exact then, whatever order
   * the times are in); otherwise undefined (a wide window: looking would cost more than it saves).
   * For no entry at all in the window, a bound that no seq meets.
   */
  private seqBound(side: 'since' | 'until', at: string): number | undefined {
    const sql =
      side === 'since'
        ? `SELECT count(*), min(seq) FROM (SELECT seq FROM audit_fields WHERE at >= ? ORDER BY at LIMIT ${SEQ_BOUND_SCAN})`
        : `SELECT count(*), max(seq) FROM (SELECT seq FROM audit_fields WHERE at < ? ORDER BY at DESC LIMIT ${SEQ_BOUND_SCAN})`;
    const [count, seq] = (this.cached(sql, true).get(at) as [number, number | null] | undefined) ?? [SEQ_BOUND_SCAN, null];
    if (count >= SEQ_BOUND_SCAN) return undefined;
    return seq ?? (side === 'since' ? Number.MAX_SAFE_INTEGER : 0);
  }

  async export(filter: AuditFilter, format: ExportFormat, out: Writable): Promise<ExportSummary> {
    this.ensureOpen();
    if (this.writer) {
      try {
        this.checkpoint();
      } catch {
        // An unwritable store still exports, with its latest checkpoint.
      }
    }
    const head = this.head();
    const checkpoint = this.latestCheckpoint();
    const { where, params } = this.whereClause(filter, ['seq > ?', 'seq <= ?']);
    const page = this.cached(
      `SELECT e.seq, e.entry, e.prev_hash, e.hash FROM audit_entries AS e WHERE e.seq IN (SELECT seq FROM audit_fields ${where} ORDER BY seq LIMIT 1000) ORDER BY e.seq`,
      true,
    );
    const headSeq = head?.seq ?? 0;
    const pages = (after: number): AuditEntry[] => {
      this.ensureOpen();
      return (page.all(...params, after, headSeq) as Row[]).map(entryFromText);
    };
    const entries = await exportEntries({
      format,
      out,
      pages,
      head,
      checkpoint,
      totalEntries: headSeq,
      filter,
      publicKey: this.trustedPublicKey,
      fingerprint: keyFingerprint(this.trustedPublicKey),
      write: async (chunk) => {
        if (!out.write(chunk)) await once(out, 'drain');
      },
    });
    return { entries, head, checkpoint };
  }

  close(): void {
    if (this.closed) return;
    if (this.writer) {
      try {
        this.checkpoint();
      } catch {
        // Closing must not fail; the tail stays chained and is signed at the next checkpoint.
      }
    }
    this.closed = true;
    this.db.close();
    this.afterClose();
  }
}

function parseOrThrow<S extends AuditFilter | AuditPage, T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: S, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  throw new ConsoleError('invalid-input', `audit ${what}: ${path.join('.') || '(value)'}: ${issue?.message ?? 'invalid'}`, { path });
}

function samePublicKey(a: string, b: string): boolean {
  try {
    const der = (pem: string) => createPublicKey(pem).export({ format: 'der', type: 'spki' });
    return der(a).equals(der(b));
  } catch {
    return false;
  }
}

function safeFingerprint(pem: string): string {
  try {
    return keyFingerprint(pem);
  } catch {
    return '(unreadable key)';
  }
}

function signatureValid(checkpoint: Checkpoint, publicKey: string): boolean {
  try {
    return verifySignature(null, checkpointMessage(checkpoint.seq, checkpoint.hash), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Opens (creating when absent) the audit store in `file`: WAL + synchronous=FULL asserted, schema
 * created or checked, signing key loaded (or generated for a new store), chain verified
 * incrementally from the last verified head (`store.openReport`). Throws `AuditUnavailableError`
 * when the store cannot be used for writing — the console must then refuse actions.
 */
export async function openAuditStore(file: string, options: OpenAuditStoreOptions): Promise<AuditStore> {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const fail = (reason: AuditUnavailableReason, why: string) => new AuditUnavailableError(file, reason, why);
  let db: Db;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (error) {
    throw unavailable(file, error, busyTimeoutMs);
  }
  try {
    let meta = inspect(db, fail);
    // Only takes effect on a new, empty file (and must come before WAL is set).
    if (meta === null) db.pragma(`page_size = ${PAGE_SIZE}`);
    assertDurable(db, file);
    if (meta === null) {
      db.transaction(() => {
        // Another process may have created it meanwhile: check again under the write lock.
        if (tableNames(db).size > 0) return;
        db.exec(SCHEMA_SQL);
        const insert = db.prepare('INSERT INTO audit_meta (key, value) VALUES (?, ?)');
        insert.run('format', STORE_FORMAT);
        insert.run('schema', SCHEMA_VERSION);
        insert.run('created_at', new Date().toISOString());
      }).immediate();
      meta = inspect(db, fail);
    }
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxPageCount))}`);
    const recorded = meta?.get('public_key');
    const key = await loadSigningKey(file, options.keys, recorded);
    const publicPem = publicKeyPem(key);
    if (recorded === undefined) db.prepare('INSERT INTO audit_meta (key, value) VALUES (?, ?)').run('public_key', publicPem);
    const store = new SqliteAuditStore(db, file, publicPem, recorded, {
      key,
      consoleVersion: options.consoleVersion,
      now: options.now ?? (() => new Date()),
      busyTimeoutMs,
    });
    store.openReport = await store.verify({ from: 'last-verified' });
    // Entries the last run did not sign (it crashed) are signed now that they verified.
    if (store.openReport.ok && store.openReport.unsignedTail > 0) {
      try {
        store.checkpoint();
      } catch {
        // Appends will report an unwritable store themselves.
      }
    }
    return store;
  } catch (error) {
    db.close();
    throw unavailable(file, error, busyTimeoutMs);
  }
}

async function loadSigningKey(file: string, keys: SigningKeyStore, recorded: string | undefined): Promise<KeyObject> {
  let pem: string | undefined;
  try {
    pem = await keys.get();
  } catch (error) {
    throw new AuditUnavailableError(file, 'signing-key', `its signing key cannot be read: ${describe(error)}`, { cause: error });
  }
  if (pem === undefined) {
    if (recorded !== undefined) {
      throw new AuditUnavailableError(file, 'signing-key', `the signing key of this store (${safeFingerprint(recorded)}) is missing; restore it, or move the store aside to start a new one`);
    }
    pem = generateSigningKey();
    try {
      await keys.set(pem);
    } catch (error) {
      throw new AuditUnavailableError(file, 'signing-key', `a new signing key cannot be stored: ${describe(error)}`, { cause: error });
    }
  }
  let key: KeyObject;
  try {
    key = parsePrivateKey(pem);
  } catch (error) {
    throw new AuditUnavailableError(file, 'signing-key', `the signing key is not a valid Ed25519 private key (${describe(error)})`, { cause: error });
  }
  if (recorded !== undefined && !samePublicKey(recorded, publicKeyPem(key))) {
    throw new AuditUnavailableError(
      file,
      'signing-key',
      `the signing key (${keyFingerprint(publicKeyPem(key))}) is not the key this store was signed with (${safeFingerprint(recorded)})`,
    );
  }
  return key;
}

/**
 * Opens an existing audit store without writing anything (rcc audit, on a copy). The checkpoints
 * are checked with `options.publicKey` when given, else with the key recorded in the file (whose
 * fingerprint the report shows, to compare with an export). Throws `AuditOpenError` when the file is
 * missing, unreadable or not an audit store.
 */
export function openAuditStoreReadOnly(file: string, options: ReadOnlyOptions = {}): ReadOnlyAuditStore {
  const fail = (reason: AuditUnavailableReason, why: string) => new AuditOpenError(file, reason, `${file}: ${why}`);
  if (!existsSync(file)) throw fail('io', 'no such file');
  // SQLite reads a WAL-mode file through -shm / -wal beside it, creating them when absent even for a
  // read-only connection; those it creates are removed again on close.
  const created = [`${file}-wal`, `${file}-shm`].filter((side) => !existsSync(side));
  const removeCreated = () => {
    for (const side of created) {
      try {
        if (!side.endsWith('-wal') || statSync(side).size === 0) rmSync(side, { force: true });
      } catch {
        // Gone already, or not ours to remove.
      }
    }
  };
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    removeCreated();
    throw fail(sqliteCode(error) === 'SQLITE_CANTOPEN' ? 'io' : classify(error, 0).reason, `cannot be opened (${describe(error)})`);
  }
  const closeDb = () => {
    db.close();
    removeCreated();
  };
  try {
    const meta = inspect(db, fail);
    if (meta === null) throw fail('not-an-audit-store', 'not an audit store (an empty database)');
    const recorded = meta.get('public_key');
    if (recorded === undefined) throw fail('corrupt', 'the store records no public key');
    let trusted = recorded;
    if (options.publicKey !== undefined) {
      try {
        trusted = publicKeyPem(createPublicKey(options.publicKey));
      } catch (error) {
        throw fail('signing-key', `the public key given is not a valid key (${describe(error)})`);
      }
    } else if (!validPublicKey(recorded)) {
      throw fail('corrupt', 'the store records a public key that cannot be read');
    }
    return new SqliteAuditStore(db, file, trusted, recorded, null, removeCreated);
  } catch (error) {
    closeDb();
    if (error instanceof AuditOpenError) throw error;
    const code = sqliteCode(error);
    if (code === 'SQLITE_NOTADB') throw fail('not-an-audit-store', 'not an audit store (not a SQLite database)');
    throw fail(classify(error, 0).reason, `cannot be read (${describe(error)})`);
  }
}

function validPublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

