import { createHash, createPublicKey, hash as digest, verify as verifySignature, type KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SnapshotAudit } from '../../shared/contract/index.ts';
import { CHECKPOINT_EVERY, GENESIS_HASH } from '../audit/index.ts';
import { canonicalPrefix } from '../audit/entry.ts';
import { checkpointMessage } from '../audit/store.ts';
import { hashSelectSql, tableDef } from './format.ts';

export type ChainCheck = { ok: true; entries: number } | { ok: false; seq: number; message: string };

type CheckpointRow = [seq: number, hash: string, signature: string];
type Text = Buffer | string;

const ascii = (v: Text): string => (typeof v === 'string' ? v : v.toString('latin1'));

function publicKeyOf(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function signed(key: KeyObject, row: CheckpointRow): boolean {
  try {
    return verifySignature(null, checkpointMessage(row[0], row[1]), key, Buffer.from(row[2], 'base64'));
  } catch {
    return false;
  }
}

export function loadCheckpoints(db: Database.Database): Map<number, CheckpointRow> {
  const out = new Map<number, CheckpointRow>();
  for (const row of db.prepare('SELECT seq, hash, signature FROM audit_checkpoints ORDER BY seq').raw().iterate() as IterableIterator<CheckpointRow>) out.set(row[0], row);
  return out;
}

/**
 * The copied stretch of the audit chain, checked row by row as the entries are read (in seq order):
 * the anchor is the genesis or a checkpoint whose signature verifies, every entry follows the one
 * before it (seq, canonical text starting with its seq, prev_hash = the previous hash, hash =
 * SHA-256(prev_hash || text)), every checkpoint matches the chain (one is due every 64 entries), and
 * the head is a checkpoint whose signature verifies. `publicKey`: the manifest's, unless one is pinned.
 */
export class ChainChecker {
  private readonly key: KeyObject | null;
  private failure: ChainCheck | null = null;
  private prev: string;
  private expected: number;

  constructor(
    private readonly audit: SnapshotAudit,
    publicKey: string,
    private readonly checkpoints: ReadonlyMap<number, CheckpointRow>,
  ) {
    this.key = publicKeyOf(publicKey);
    this.prev = audit.anchor.hash;
    this.expected = audit.anchor.seq + 1;
    const { anchor } = audit;
    if (!this.key) this.fail(0, 'the public key is not an Ed25519 key');
    else if (anchor.seq === 0 && anchor.hash !== GENESIS_HASH) this.fail(0, 'the copy starts at the first entry but its anchor is not the genesis hash');
    else if (anchor.seq > 0) {
      const row = checkpoints.get(anchor.seq);
      if (!row || row[1] !== anchor.hash) this.fail(anchor.seq, `entry ${anchor.seq}: the signed checkpoint the copy continues from is missing or holds another hash`);
      else if (!signed(this.key, row)) this.fail(anchor.seq, `entry ${anchor.seq}: the signature of the checkpoint the copy continues from does not verify`);
    }
  }

  private fail(seq: number, message: string): void {
    this.failure ??= { ok: false, seq, message };
  }

  /** One row of audit_entries: [seq, entry, prev_hash, hash], text as a string or its UTF-8 bytes. */
  step(row: readonly unknown[]): void {
    if (this.failure) return;
    const [seq, text, prevHash, hash] = row as [number, Text, Text, Text];
    const expected = this.expected;
    if (seq !== expected) return this.fail(expected, seq < expected ? `entry ${seq}: before the copy's anchor at ${this.audit.anchor.seq}` : `entry ${expected}: missing`);
    const prefix = canonicalPrefix(seq);
    if (ascii(typeof text === 'string' ? text.slice(0, prefix.length) : text.subarray(0, prefix.length)) !== prefix) return this.fail(seq, `entry ${seq}: its text does not start with its seq`);
    if (ascii(prevHash) !== this.prev) return this.fail(seq, `entry ${seq}: broken link: its prevHash is not the hash of entry ${seq - 1}`);
    // One call per entry for text (prevHash is 64 hex characters, so the concatenation is the bytes hashed).
    const computed = typeof text === 'string' ? digest('sha256', this.prev + text, 'hex') : createHash('sha256').update(this.prev, 'latin1').update(text).digest('hex');
    const stored = ascii(hash);
    if (computed !== stored) return this.fail(seq, `entry ${seq}: hash mismatch: its fields do not hash to its stored hash`);
    const cp = this.checkpoints.get(seq);
    if (cp && cp[1] !== stored) return this.fail(seq, `entry ${seq}: the checkpoint at ${seq} holds another hash`);
    if (!cp && seq % CHECKPOINT_EVERY === 0) return this.fail(seq, `entry ${seq}: its checkpoint (one is signed every ${CHECKPOINT_EVERY} entries) is missing`);
    this.prev = stored;
    this.expected = seq + 1;
  }

  finish(): ChainCheck {
    if (this.failure) return this.failure;
    const { audit, checkpoints } = this;
    const last = this.expected - 1;
    if (last !== audit.toSeq || last - audit.anchor.seq !== audit.entries) return { ok: false, seq: last + 1, message: `the copy ends at entry ${last}, the manifest says ${audit.toSeq}` };
    if (audit.head === null) return last === audit.anchor.seq ? { ok: true, entries: 0 } : { ok: false, seq: last, message: 'entries after the anchor but no signed head' };
    if (audit.head.seq !== last || audit.head.hash !== this.prev) return { ok: false, seq: last, message: `entry ${last}: the head recorded in the manifest is not the chain's` };
    const head = checkpoints.get(last);
    if (!head || !this.key) return { ok: false, seq: last, message: `entry ${last}: the head is not signed` };
    if (!signed(this.key, head)) return { ok: false, seq: last, message: `entry ${last}: the head's signature does not verify with the public key` };
    for (const seq of checkpoints.keys()) if (seq < audit.anchor.seq || seq > last) return { ok: false, seq, message: `a checkpoint at ${seq} lies outside the copied stretch` };
    return { ok: true, entries: last - audit.anchor.seq };
  }
}

/** The chain check on its own (audit.verify on an open snapshot). */
export function verifyAuditChain(db: Database.Database, audit: SnapshotAudit, publicKey: string): ChainCheck {
  const checker = new ChainChecker(audit, publicKey, loadCheckpoints(db));
  const def = tableDef('audit_entries');
  if (!def) throw new Error('no audit_entries table');
  for (const row of db.prepare(hashSelectSql(def)).raw().iterate() as IterableIterator<unknown[]>) checker.step(row);
  return checker.finish();
}
