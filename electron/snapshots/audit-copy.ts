import Database from 'better-sqlite3';
import type { SnapshotAudit } from '../../shared/contract/index.ts';
import { GENESIS_HASH, keyFingerprint } from '../audit/index.ts';
import { insertSql, TAKE_CACHE_KIB, tableDef, type TableDef } from './format.ts';
import type { SnapshotAuditSource } from './sources.ts';

export interface AuditCopyOptions {
  /** Entries older than this (ms since the epoch) are left out… */
  sinceMs: number;
  /** …and so are all but the last this many. */
  maxEntries: number;
}

type Row = [number, string, string, string];
const BATCH = 4_096;

function requireDef(name: string): TableDef {
  const def = tableDef(name);
  if (!def) throw new Error(`no snapshot table ${name}`);
  return def;
}

/**
 * Copies a contiguous stretch of the audit chain into the snapshot `dst` (inside its open
 * transaction): from just after a signed checkpoint (the anchor; or from the first entry) to the
 * latest signed checkpoint, which `checkpoint()` has just put at the head. The checkpoints in that
 * stretch come along, the anchor's included, so the copy verifies on its own: the anchor's signature,
 * every link and hash after it, and the head's signature. Reads the store through a read-only
 * connection of its own, in one read transaction (a consistent view while the console appends).
 */
export function copyAudit(
  source: SnapshotAuditSource,
  dst: Database.Database,
  options: AuditCopyOptions,
  hooks: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; notes: string[] },
): SnapshotAudit {
  try {
    source.checkpoint();
  } catch (error) {
    hooks.notes.push(`audit: the head could not be signed before copying (${error instanceof Error ? error.message : String(error)}); the copy ends at the last signed entry`);
  }
  const src = new Database(source.file, { readonly: true, fileMustExist: true });
  try {
    src.pragma('busy_timeout = 2000');
    // One pass over a range of entries: 4 MiB of page cache, not 16 (format.ts: TAKE_CACHE_KIB).
    src.pragma(`cache_size = -${TAKE_CACHE_KIB}`);
    src.exec('BEGIN');
    const one = (sql: string, ...args: unknown[]): number | null => (src.prepare(sql).pluck().get(...args) as number | null | undefined) ?? null;
    const head = one('SELECT max(seq) FROM audit_entries') ?? 0;
    const toSeq = one('SELECT max(seq) FROM audit_checkpoints WHERE seq <= ?', head) ?? 0;
    if (toSeq < head) hooks.notes.push(`audit: entries ${toSeq + 1}–${head} were not signed yet and are not in the snapshot`);
    const firstInWindow = one('SELECT min(seq) FROM audit_fields WHERE at >= ?', new Date(options.sinceMs).toISOString()) ?? toSeq + 1;
    const wanted = Math.max(1, firstInWindow, toSeq - options.maxEntries + 1);
    let anchor = one('SELECT max(seq) FROM audit_checkpoints WHERE seq < ?', wanted) ?? 0;
    if (toSeq - anchor > options.maxEntries) anchor = one('SELECT min(seq) FROM audit_checkpoints WHERE seq >= ?', toSeq - options.maxEntries) ?? toSeq;
    const hashAt = (seq: number): string => (seq === 0 ? GENESIS_HASH : ((src.prepare('SELECT hash FROM audit_checkpoints WHERE seq = ?').pluck().get(seq) as string | undefined) ?? GENESIS_HASH));

    const total = toSeq - anchor;
    const insertEntry = dst.prepare(insertSql(requireDef('audit_entries')));
    const page = src.prepare('SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq').raw();
    hooks.onProgress?.(0, total);
    for (let low = anchor; low < toSeq; low += BATCH) {
      hooks.signal?.throwIfAborted();
      for (const row of page.iterate(low, Math.min(low + BATCH, toSeq)) as IterableIterator<Row>) insertEntry.run(row);
      hooks.onProgress?.(Math.min(low + BATCH, toSeq) - anchor, total);
    }
    const insertCheckpoint = dst.prepare(insertSql(requireDef('audit_checkpoints')));
    for (const row of src.prepare('SELECT seq, hash, signature, at FROM audit_checkpoints WHERE seq >= ? AND seq <= ? ORDER BY seq').raw().iterate(Math.max(anchor, 1), toSeq) as IterableIterator<unknown[]>) {
      insertCheckpoint.run(row);
    }
    src.exec('COMMIT');

    const publicKey = source.publicKey();
    const capped =
      anchor > 0
        ? `entries 1–${anchor} are left out (older than ${new Date(options.sinceMs).toISOString()} or past the cap of ${options.maxEntries.toLocaleString('en-US')}); the copy continues the chain from the signed checkpoint at ${anchor}`
        : null;
    return {
      sourceEntries: head,
      fromSeq: anchor + 1,
      toSeq,
      entries: total,
      anchor: { seq: anchor, hash: hashAt(anchor) },
      head: toSeq > 0 ? { seq: toSeq, hash: hashAt(toSeq) } : null,
      publicKey,
      fingerprint: keyFingerprint(publicKey),
      capped,
    };
  } finally {
    src.close();
  }
}
