import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryInput, canonicalEntry, CHECKPOINT_EVERY, openAuditStoreReadOnly, type VerifyReport } from '../../../electron/audit/index.ts';
import { chainHash } from '../../../electron/audit/store.ts';
import { sampleInput, tempStore, type TempStore } from '../../support/audit-fixtures.ts';

/**
 * Tampering with copies of a closed store (150 entries; signed checkpoints at 64, 128 and 150, the
 * last one written on close), with its triggers dropped: every edit must be found by verify, at
 * the entry where it was made.
 */
const ENTRIES = 150;
let base: TempStore;
let copies = 0;

beforeAll(async () => {
  base = await tempStore();
  for (let i = 0; i < ENTRIES; i++) base.store.append(sampleInput(i));
  base.store.close();
});
afterAll(async () => {
  await base.remove();
});

type Mutation =
  | { type: 'byte-edit'; seq: number; column: 'entry' | 'prev_hash' | 'hash'; pos: number; xor: number }
  | { type: 'delete'; from: number; count: number }
  | { type: 'insert'; at: number; chained: boolean }
  | { type: 'swap'; a: number; b: number }
  | { type: 'rechain'; seq: number; pos: number; rewriteCheckpoints: boolean };

const seq = fc.integer({ min: 1, max: ENTRIES });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ type: fc.constant('byte-edit' as const), seq, column: fc.constantFrom('entry' as const, 'prev_hash' as const, 'hash' as const), pos: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ type: fc.constant('delete' as const), from: seq, count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ type: fc.constant('insert' as const), at: fc.integer({ min: 1, max: ENTRIES }), chained: fc.boolean() }),
  fc.record({ type: fc.constant('swap' as const), a: seq, b: seq }).filter((m) => m.a !== m.b),
  fc.record({ type: fc.constant('rechain' as const), seq, pos: fc.nat(), rewriteCheckpoints: fc.boolean() }),
);

/**
 * A copy of the base store with its triggers dropped (and the indexes on the generated columns, which
 * would refuse to index an entry that is no longer valid JSON). `edit` runs on the file's bytes first.
 */
function tamperableCopy(edit?: (file: string) => void): { file: string; db: Database.Database } {
  const file = join(base.dir, `copy-${++copies}.sqlite`);
  copyFileSync(base.file, file);
  edit?.(file);
  const db = new Database(file);
  for (const [type, name] of db.prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'index') AND name LIKE 'audit_%'").raw().all() as [string, string][]) {
    db.exec(`DROP ${type.toUpperCase()} "${name}"`);
  }
  return { file, db };
}

function hashOf(db: Database.Database, s: number): string {
  return (db.prepare('SELECT hash FROM audit_entries WHERE seq = ?').pluck().get(s) as string | undefined) ?? '0'.repeat(64);
}

/** Every offset where `needle` occurs in `bytes`. */
function occurrences(bytes: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/**
 * Flips one byte inside a value of entry `s` in the file itself, as a disk editor would. The row's
 * record holds entry, prev_hash and hash one after the other (seq is the rowid). Page splits can
 * leave dead copies of a record in free space; those are edited alike (they are never read), so
 * the live one is edited whichever it is.
 */
function flipInFile(file: string, s: number, column: 'entry' | 'prev_hash' | 'hash', pos: number, xor: number, skip = 0): void {
  const db = new Database(file, { readonly: true });
  const [raw, prevHash, hash] = db.prepare('SELECT CAST(entry AS BLOB), prev_hash, hash FROM audit_entries WHERE seq = ?').raw().get(s) as [Buffer, string, string];
  db.close();
  const bytes = readFileSync(file);
  const record = Buffer.concat([raw, Buffer.from(prevHash + hash, 'ascii')]);
  const [offset, length] = column === 'entry' ? [skip, raw.length - skip] : column === 'prev_hash' ? [raw.length, 64] : [raw.length + 64, 64];
  const places = occurrences(bytes, column === 'entry' ? raw : record);
  expect(places.length).toBeGreaterThan(0);
  for (const at of places) {
    const i = at + offset + (pos % length);
    bytes[i] = (bytes[i] ?? 0) ^ xor;
  }
  writeFileSync(file, bytes);
}

function shiftUp(db: Database.Database, from: number): void {
  db.prepare('UPDATE audit_entries SET seq = seq + 1000000 WHERE seq >= ?').run(from);
  db.prepare('UPDATE audit_entries SET seq = seq - 999999 WHERE seq >= 1000000').run();
}

function forged(s: number, prevHash: string, chained: boolean): [number, string, string, string] {
  const fields = { ...AuditEntryInput.parse({ ...sampleInput(s), reason: 'forged' }), seq: s, at: '2026-11-01T12:00:00.000Z', consoleVersion: '0.1.0-test' };
  const text = canonicalEntry(fields);
  return [s, text, prevHash, chained ? chainHash(prevHash, text) : randomBytes(32).toString('hex')];
}

/** Recomputes every hash from `from` on, as an attacker without the signing key can. */
function rechain(db: Database.Database, from: number, rewriteCheckpoints: boolean): void {
  let prev = from === 1 ? '0'.repeat(64) : hashOf(db, from - 1);
  const rows = db.prepare('SELECT seq, entry FROM audit_entries WHERE seq >= ? ORDER BY seq').raw().all(from) as [number, string][];
  for (const [s, text] of rows) {
    const hash = chainHash(prev, text);
    db.prepare('UPDATE audit_entries SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, s);
    if (rewriteCheckpoints) db.prepare('UPDATE audit_checkpoints SET hash = ? WHERE seq = ?').run(hash, s);
    prev = hash;
  }
}

/**
 * Recomputes every hash from `from` on and writes them over the old ones in the file's bytes (same
 * length), as an attacker without the signing key can. Returns the new hashes.
 */
function rechainInFile(file: string, from: number): Map<number, string> {
  const db = new Database(file, { readonly: true });
  let prev = from === 1 ? '0'.repeat(64) : hashOf(db, from - 1);
  const rows = db.prepare('SELECT seq, entry, CAST(entry AS BLOB), prev_hash, hash FROM audit_entries WHERE seq >= ? ORDER BY seq').raw().all(from) as [number, string, Buffer, string, string][];
  db.close();
  const bytes = readFileSync(file);
  const hashes = new Map<number, string>();
  for (const [s, text, raw, oldPrev, oldHash] of rows) {
    const hash = chainHash(prev, text);
    const places = occurrences(bytes, Buffer.concat([raw, Buffer.from(oldPrev + oldHash, 'ascii')]));
    expect(places.length).toBeGreaterThan(0);
    for (const at of places) {
      bytes.write(prev, at + raw.length, 'ascii');
      bytes.write(hash, at + raw.length + 64, 'ascii');
    }
    hashes.set(s, hash);
    prev = hash;
  }
  writeFileSync(file, bytes);
  return hashes;
}

const rechained = new Map<string, Map<number, string>>();

/** Edits the file's bytes for a mutation that needs it (before it is opened). */
function editFile(file: string, m: Mutation): void {
  if (m.type === 'byte-edit') flipInFile(file, m.seq, m.column, m.pos, m.xor);
  if (m.type === 'rechain') {
    // The edit skips the '{"seq":N,' prefix so that it lands in a field value.
    flipInFile(file, m.seq, 'entry', m.pos, 0x01, `{"seq":${m.seq},`.length);
    rechained.set(file, rechainInFile(file, m.seq));
  }
}

/** Applies a mutation; returns the range of entries where verify must report the first problem. */
function apply(db: Database.Database, file: string, m: Mutation): [number, number] | 'unsigned-tail' {
  switch (m.type) {
    case 'byte-edit':
      return [m.seq, m.seq];
    case 'delete':
      db.prepare('DELETE FROM audit_entries WHERE seq >= ? AND seq < ?').run(m.from, m.from + m.count);
      return [m.from, m.from];
    case 'insert': {
      const prev = hashOf(db, m.at - 1);
      shiftUp(db, m.at);
      db.prepare('INSERT INTO audit_entries (seq, entry, prev_hash, hash) VALUES (?, ?, ?, ?)').run(...forged(m.at, prev, m.chained));
      // A well-chained forged entry is itself consistent: the entry after it is the first that is not.
      return [m.at, m.at + 1];
    }
    case 'swap':
      db.prepare('UPDATE audit_entries SET seq = -1 WHERE seq = ?').run(m.a);
      db.prepare('UPDATE audit_entries SET seq = ? WHERE seq = ?').run(m.a, m.b);
      db.prepare('UPDATE audit_entries SET seq = ? WHERE seq = -1').run(m.b);
      return [Math.min(m.a, m.b), Math.min(m.a, m.b)];
    case 'rechain': {
      if (m.rewriteCheckpoints) {
        for (const [s, hash] of rechained.get(file) ?? []) db.prepare('UPDATE audit_checkpoints SET hash = ? WHERE seq = ?').run(hash, s);
      }
      // The chain is consistent again: the signed checkpoints give it away — the first one at or
      // after the edit (its hash), or the latest (its signature) when the attacker rewrote them.
      if (m.rewriteCheckpoints) return [ENTRIES, ENTRIES];
      const cp = [CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY, ENTRIES].find((c) => c >= m.seq) ?? ENTRIES;
      return [cp, cp];
    }
  }
}

let verifications = 0;
/**
 * Verifies a copy in this thread, also in small chunks (their boundaries), and every eighth copy on
 * worker threads too (the path a large store takes): all must report the same.
 */
async function verifyCopy(file: string, publicKey?: string): Promise<VerifyReport> {
  const store = openAuditStoreReadOnly(file, publicKey === undefined ? {} : { publicKey });
  try {
    const report = await store.verify({ workers: 0 });
    const same = ({ ms: _ms, workers: _workers, ...rest }: VerifyReport) => rest;
    expect(same(await store.verify({ workers: 0, chunkSize: 7 }))).toEqual(same(report));
    if (verifications++ % 8 === 0) expect(same(await store.verify({ workers: 2, chunkSize: 7 }))).toEqual(same(report));
    return report;
  } finally {
    store.close();
  }
}

describe('tampering with a copy of the store (triggers dropped)', () => {
  it('the untouched copy verifies, with every entry signed', async () => {
    const { file, db } = tamperableCopy();
    db.close();
    expect(await verifyCopy(file)).toMatchObject({ ok: true, entries: ENTRIES, unsignedTail: 0, checkpoint: { seq: ENTRIES } });
  });

  it('random byte edits, deleted, inserted, swapped and re-chained rows are all detected at the entry they touch', async () => {
    const found = new Map<string, number>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const { file, db } = tamperableCopy((f) => editFile(f, m));
        let expected: ReturnType<typeof apply>;
        try {
          expected = apply(db, file, m);
        } finally {
          db.close();
        }
        const report = await verifyCopy(file);
        runs++;
        expect(report.ok, JSON.stringify(m)).toBe(false);
        if (expected === 'unsigned-tail') return;
        const failure = report.failure!;
        expect(failure.seq, `${JSON.stringify(m)} → ${failure.message}`).toBeGreaterThanOrEqual(expected[0]);
        expect(failure.seq, `${JSON.stringify(m)} → ${failure.message}`).toBeLessThanOrEqual(expected[1]);
        expect(failure.message).toMatch(new RegExp(`^entry ${failure.seq}: `));
        found.set(`${m.type} → ${failure.reason}`, (found.get(`${m.type} → ${failure.reason}`) ?? 0) + 1);
      }),
      { seed: 20261101, numRuns: 200 },
    );
    console.log(`tamper: ${runs} mutated copies, all detected:`, Object.fromEntries([...found].sort()));
    for (const type of ['byte-edit', 'delete', 'insert', 'swap', 'rechain']) expect([...found.keys()].some((k) => k.startsWith(type)), type).toBe(true);
  });

  it('a forged, well-chained entry appended after the last signed checkpoint is reported as not covered by a signature', async () => {
    const { file, db } = tamperableCopy();
    db.prepare('INSERT INTO audit_entries (seq, entry, prev_hash, hash) VALUES (?, ?, ?, ?)').run(...forged(ENTRIES + 1, hashOf(db, ENTRIES), true));
    db.close();
    expect(await verifyCopy(file)).toMatchObject({ ok: true, unsignedTail: 1, checkpoint: { seq: ENTRIES } });
  });

  it('a store rebuilt from scratch is detected: without checkpoints, and signed by another key', async () => {
    // Same entries, re-chained, checkpoints gone: the first required checkpoint is missing.
    const { file, db } = tamperableCopy();
    db.exec('DELETE FROM audit_checkpoints');
    rechain(db, 1, false);
    db.close();
    expect((await verifyCopy(file)).failure).toMatchObject({ seq: CHECKPOINT_EVERY, reason: 'checkpoint-missing' });

    // A whole new store with its own key: consistent, but not signed by this console's key.
    const other = await tempStore();
    try {
      for (let i = 0; i < ENTRIES; i++) other.store.append(sampleInput(i));
      other.store.close();
      const pinned = openAuditStoreReadOnly(base.file);
      const key = pinned.publicKey();
      pinned.close();
      const report = await verifyCopy(other.file, key);
      expect(report.failure).toMatchObject({ seq: 0, reason: 'wrong-key' });
      expect(report.failure?.message).toMatch(/not the expected SHA256:/);
      // Its own recorded key vouches for it: only a pinned key (from an earlier export) tells.
      expect((await verifyCopy(other.file)).ok).toBe(true);
    } finally {
      await other.remove();
    }
  });
});
