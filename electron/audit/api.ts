import type { Writable } from 'node:stream';
import type { AuditEntry, AuditEntryInput, AuditFilter, AuditPage, AuditQueryResult } from './entry.ts';
import type { SigningKeyStore } from './signing-key.ts';

/** `<dataDir>/audit.sqlite` */
export const AUDIT_FILE = 'audit.sqlite';

/**
 * A checkpoint is signed every this many entries (at seq 64, 128, …; verify requires them), on
 * demand, on export, on close, and at open after a verification that found entries not signed yet
 * (a crash), so a copy of a store whose console is closed has its head signed.
 */
export const CHECKPOINT_EVERY = 64;

export interface OpenAuditStoreOptions {
  /** Holds the Ed25519 private key; a new store generates one and stores it here. */
  keys: SigningKeyStore;
  /** Recorded in every entry (`APP_VERSION` in the console). */
  consoleVersion: string;
  /** How long a write waits for another connection's lock before failing closed. Default 2000 ms. */
  busyTimeoutMs?: number;
  /** Clock for `at` (tests). Default `() => new Date()`. */
  now?: () => Date;
  /**
   * `PRAGMA max_page_count` for this connection: the file cannot grow past it (it is raised to the
   * current size when smaller). Tests use it to simulate a full disk; unset in the console.
   */
  maxPageCount?: number;
}

/** A signed head of the chain: Ed25519 over the ASCII text `${seq}:${hash}`. */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** base64 */
  signature: string;
  /** When it was signed (UTC ISO). */
  at: string;
}

export type VerifyFailureReason =
  /** The entry's fields do not hash to its stored hash: a value was edited. */
  | 'hash-mismatch'
  /** The entry's prevHash is not the previous entry's hash: an entry was removed, inserted or replaced before it. */
  | 'broken-link'
  /** seq jumps (entries missing) or does not start at 1. */
  | 'seq-gap'
  /** The entry's predecessor appears later in the file: rows were reordered. */
  | 'reordered'
  /** A stored value cannot be read as the field it should be (wrong type, unknown kind…). */
  | 'malformed'
  /** A checkpoint's hash differs from the chain's hash at its seq (the chain was rebuilt). */
  | 'checkpoint-mismatch'
  /** A checkpoint due every 64 entries is missing, or one names an entry that does not exist. */
  | 'checkpoint-missing'
  /** The latest checkpoint's signature does not verify with the public key. */
  | 'bad-signature'
  /** The file's public key is not the one expected (the console's key, or `--public-key`). */
  | 'wrong-key';

export interface VerifyFailure {
  /** The first bad entry (for checkpoint problems: the checkpoint's seq). */
  seq: number;
  reason: VerifyFailureReason;
  /** One sentence naming the entry and why, e.g. "entry 42: hash mismatch: its fields do not hash to its stored hash (a value was edited)". */
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Entries in the store when verification started (its head seq). */
  entries: number;
  /** The first entry recomputed (1 for a full run; after the last verified head for an incremental one). */
  checkedFrom: number;
  /** Entries recomputed in this run. */
  checked: number;
  /** The verified head (null for an empty store, or when verification failed). */
  head: { seq: number; hash: string } | null;
  /** The latest signed checkpoint whose signature was checked (null when there is none yet). */
  checkpoint: Checkpoint | null;
  /** Entries after the latest checkpoint: chained, not yet covered by a signature. */
  unsignedTail: number;
  /** The public key signatures were checked with (SPKI PEM) and its fingerprint. */
  publicKey: string;
  fingerprint: string;
  failure: VerifyFailure | null;
  ms: number;
  /** Worker threads that checked entries alongside the calling thread (see VerifyOptions.workers). */
  workers: number;
}

export interface VerifyOptions {
  /** `start` (default): the whole chain. `last-verified`: only what was appended since the last good verification. */
  from?: 'start' | 'last-verified';
  /**
   * Worker threads that check ranges of entries while this thread checks others, each through a
   * read-only connection of its own, started at once; 0 checks everything in this thread. Default:
   * none for fewer than 32,768 entries; otherwise this thread checks alone for 100 ms, then starts one
   * worker per CPU that stayed idle meanwhile (at most 7) — on a busy machine a worker would only
   * share this thread's CPU time. A worker that cannot run leaves its share to this thread. The
   * report is the same either way (but for `workers` and `ms`).
   */
  workers?: number;
  /** Entries per range checked as a whole (default 2048; tests use small ones). */
  chunkSize?: number;
}

export type ExportFormat = 'csv' | 'jsonl';

export interface ExportSummary {
  entries: number;
  head: { seq: number; hash: string } | null;
  checkpoint: Checkpoint | null;
}

/**
 * The tamper-evident local audit store (see electron/audit/index.ts). Every method except `verify`
 * and `export` is synchronous; `append` is durable when it returns.
 */
export interface AuditStore {
  /** The database file. */
  readonly file: string;
  /** The verification run when the store opened (incremental from the last verified head). */
  readonly openReport: VerifyReport;
  /**
   * Writes one entry in one transaction (WAL, synchronous=FULL): durable when it returns. Fails
   * closed: throws `AuditUnavailableError` when the store cannot be written (disk full, read-only,
   * locked past the busy timeout, corrupt, closed) — the caller must then not send the action.
   * Throws `ConsoleError('invalid-input')` for an input the schema refuses, an outcome whose intent
   * does not exist or already has a final outcome.
   */
  append(input: AuditEntryInput): AuditEntry;
  /** Intents with no final outcome (none yet, or only `unknown`), oldest first: to reconcile. */
  pendingIntents(): AuditEntry[];
  /** The entry with this seq, or null. */
  get(seq: number): AuditEntry | null;
  /** The last entry's seq and hash (null when empty). */
  head(): { seq: number; hash: string } | null;
  /** Recomputes the chain and checks the checkpoints; names the first bad entry and why. */
  verify(options?: VerifyOptions): Promise<VerifyReport>;
  /** Signs the current head now (no-op returning the latest checkpoint when the head is signed already). */
  checkpoint(): Checkpoint | null;
  /** The latest checkpoint (null when none). */
  latestCheckpoint(): Checkpoint | null;
  /** The Ed25519 public key (SPKI PEM) the checkpoints verify with. */
  publicKey(): string;
  /** Filtered entries, newest first, with the total count. */
  query(filter?: AuditFilter, page?: AuditPage): AuditQueryResult;
  /**
   * Writes the filtered entries, oldest first, as CSV (RFC 4180: a header row, one `entry` row per
   * entry, then `chain-head`, `checkpoint`, `public-key` and `how-to-verify` rows — see CSV_COLUMNS
   * in export.ts) or JSON Lines (one `{"type":"entry",…}` line per entry, then one
   * `{"type":"chain-head",…}` line with the head, the latest signed checkpoint, the public key and
   * how to verify). A writable store signs its head first. Does not end `out`.
   */
  export(filter: AuditFilter, format: ExportFormat, out: Writable): Promise<ExportSummary>;
  /** The connection's journal_mode and synchronous pragmas, read back now (asserted wal / 2 at open). */
  durability(): { journalMode: string; synchronous: number };
  /** Signs the head if it is not signed yet, then closes the database. Idempotent. */
  close(): void;
}
