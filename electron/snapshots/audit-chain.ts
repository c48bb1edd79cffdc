import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SnapshotAudit } from '../../shared/contract/index.ts';
import { CHECKPOINT_EVERY, GENESIS_HASH } from '../audit/index.ts';
import { canonicalPrefix } from '../audit/entry.ts';
import { chainHash, checkpointMessage } from '../audit/store.ts';

export type ChainCheck = { ok: true; entries: number } | { ok: false; seq: number; message: string };

type Entry = [seq: number, entry: string, prevHash: string, hash: string];
type CheckpointRow = [seq: number, hash: string, signature: string];

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

/**
 * The copied stretch of the audit chain checks out on its own: the anchor is the genesis or a
 * checkpoint whose signature verifies, every entry follows the one before it (seq, canonical text
 * starting with its seq, prev_hash = the previous hash, hash = SHA-256(prev_hash || text)), every
 * checkpoint matches the chain (one is due every 64 entries), and the head is a checkpoint whose
 * signature verifies. `publicKey` is the key recorded in the manifest unless one is pinned.
 */
export async function verifyAuditChain(db: Database.Database, audit: SnapshotAudit, publicKey: string): Promise<ChainCheck> {
  const fail = (seq: number, message: string): ChainCheck => ({ ok: false, seq, message });
  const key = publicKeyOf(publicKey);
  if (!key) return fail(0, 'the public key is not an Ed25519 key');
  const checkpoints = new Map<number, CheckpointRow>();
  for (const row of db.prepare('SELECT seq, hash, signature FROM audit_checkpoints ORDER BY seq').raw().iterate() as IterableIterator<CheckpointRow>) checkpoints.set(row[0], row);

  const { anchor } = audit;
  if (anchor.seq === 0) {
    if (anchor.hash !== GENESIS_HASH) return fail(0, 'the copy starts at the first entry but its anchor is not the genesis hash');
  } else {
    const row = checkpoints.get(anchor.seq);
    if (!row || row[1] !== anchor.hash) return fail(anchor.seq, `entry ${anchor.seq}: the signed checkpoint the copy continues from is missing or holds another hash`);
    if (!signed(key, row)) return fail(anchor.seq, `entry ${anchor.seq}: the signature of the checkpoint the copy continues from does not verify`);
  }

  let prev = anchor.hash;
  let expected = anchor.seq + 1;
  const rows = db.prepare('SELECT seq, entry, prev_hash, hash FROM audit_entries ORDER BY seq').raw().iterate() as IterableIterator<Entry>;
  for (const [seq, text, prevHash, hash] of rows) {
    if (seq !== expected) return fail(expected, seq < expected ? `entry ${seq}: before the copy's anchor at ${anchor.seq}` : `entry ${expected}: missing`);
    if (typeof text !== 'string' || !text.startsWith(canonicalPrefix(seq))) return fail(seq, `entry ${seq}: its text does not start with its seq`);
    if (prevHash !== prev) return fail(seq, `entry ${seq}: broken link: its prevHash is not the hash of entry ${seq - 1}`);
    if (chainHash(prev, text) !== hash) return fail(seq, `entry ${seq}: hash mismatch: its fields do not hash to its stored hash`);
    const cp = checkpoints.get(seq);
    if (cp && cp[1] !== hash) return fail(seq, `entry ${seq}: the checkpoint at ${seq} holds another hash`);
    if (!cp && seq % CHECKPOINT_EVERY === 0) return fail(seq, `entry ${seq}: its checkpoint (one is signed every ${CHECKPOINT_EVERY} entries) is missing`);
    prev = hash;
    expected = seq + 1;
    // A long chain: let the event loop breathe now and then.
    if (seq % 8_192 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const last = expected - 1;
  if (last !== audit.toSeq || last - anchor.seq !== audit.entries) return fail(last + 1, `the copy ends at entry ${last}, the manifest says ${audit.toSeq}`);
  if (audit.head === null) return last === anchor.seq ? { ok: true, entries: 0 } : fail(last, 'entries after the anchor but no signed head');
  if (audit.head.seq !== last || audit.head.hash !== prev) return fail(last, `entry ${last}: the head recorded in the manifest is not the chain's`);
  const head = checkpoints.get(last);
  if (!head) return fail(last, `entry ${last}: the head is not signed`);
  if (!signed(key, head)) return fail(last, `entry ${last}: the head's signature does not verify with the public key`);
  for (const seq of checkpoints.keys()) if (seq < anchor.seq || seq > last) return fail(seq, `a checkpoint at ${seq} lies outside the copied stretch`);
  return { ok: true, entries: last - anchor.seq };
}
