import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash } from '../../../electron/audit/store.ts';
import { canonicalText, CONTENT_TABLES, hashTable, manifestHash, selectSql } from '../../../electron/snapshots/format.ts';
import { openSnapshot, SnapshotOpenError, takeSnapshot, verifySnapshot, type SnapshotVerification } from '../../../electron/snapshots/index.ts';
import type { SnapshotManifest } from '../../../shared/contract/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { fixture, type Fixture } from './fixture.ts';

/**
 * Integrity: every way a snapshot file can be damaged or altered is refused, naming the check that
 * failed — a byte flipped inside each table, a truncated file, a table swapped in from another
 * snapshot, the manifest dropped or edited, a foreign SQLite file, a rewritten audit chain with every
 * hash recomputed — and the audit chain copied into a snapshot verifies inside it.
 */
let dir: Awaited<ReturnType<typeof tempDir>>;
let a: string;
let b: string;
let fa: Fixture;
let fb: Fixture;
let copies = 0;
const stores: Array<Awaited<ReturnType<typeof tempDir>>> = [];

beforeAll(async () => {
  dir = await tempDir('snapshot-integrity');
  const da = await tempDir('snapshot-integrity-a');
  const db = await tempDir('snapshot-integrity-b');
  stores.push(da, db);
  fa = await fixture(da.path);
  fb = await fixture(db.path, { at: Date.parse('2026-03-02T11:00:00.000Z'), seed: 8 });
  a = (await takeSnapshot(fa.sources, join(dir.path, 'a.rccsnap'), { telemetryWindowSeconds: 900 })).file;
  b = (await takeSnapshot(fb.sources, join(dir.path, 'b.rccsnap'), { telemetryWindowSeconds: 900 })).file;
});
afterAll(async () => {
  fa?.close();
  fb?.close();
  await dir?.remove();
  for (const s of stores) await s.remove();
});

function copy(of = a): string {
  const file = join(dir.path, `copy-${++copies}.rccsnap`);
  copyFileSync(of, file);
  return file;
}

function refused(v: SnapshotVerification): { reason: string; table?: string } {
  expect(v.ok, v.ok ? 'verified' : v.message).toBe(false);
  return v.ok ? { reason: 'ok' } : { reason: v.reason, ...(v.table ? { table: v.table } : {}) };
}

/**
 * File offsets of slices of values stored in `table`, on that table's own pages (SQLite's dbstat):
 * toggles, rollouts and stage gates are also inside the regions' fleet states. Some lie in a page's
 * free space (an old copy of a cell moved by a b-tree balance), which no read sees.
 */
function* offsetsInTable(file: string, table: string): Generator<number> {
  const bytes = readFileSync(file);
  const db = new Database(file, { readonly: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = new Set(db.prepare('SELECT pageno FROM dbstat WHERE name = ?').pluck().all(table) as number[]);
    const def = CONTENT_TABLES.find((t) => t.name === table)!;
    for (const row of db.prepare(selectSql(def)).raw().iterate() as IterableIterator<unknown[]>) {
      for (const value of row) {
        const buf = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.isBuffer(value) ? value : null;
        if (!buf || buf.length < 40) continue;
        for (let start = Math.floor(buf.length / 2); start + 24 <= buf.length; start += 97) {
          const needle = buf.subarray(start, start + 24);
          for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) {
            if (pages.has(Math.floor(at / pageSize) + 1)) yield at + 12;
          }
        }
      }
    }
  } finally {
    db.close();
  }
}

function rewrite(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    change(db);
  } finally {
    db.close();
  }
}

/** What a deliberate forger does after editing rows: recompute every table hash and the manifest's. */
function rehash(file: string, edit?: (manifest: SnapshotManifest) => void): void {
  rewrite(file, (db) => {
    const manifest = JSON.parse(db.prepare("SELECT value FROM manifest WHERE key = 'manifest'").pluck().get() as string) as SnapshotManifest;
    edit?.(manifest);
    manifest.tables = CONTENT_TABLES.map((def) => ({ name: def.name, ...hashTable(db, def) }));
    const text = canonicalText(manifest);
    db.prepare("UPDATE manifest SET value = ? WHERE key = 'manifest'").run(text);
    db.prepare("UPDATE manifest SET value = ? WHERE key = 'sha256'").run(manifestHash(text));
  });
}

describe('snapshot integrity', () => {
  it('an untouched snapshot verifies, every content table has rows, and its audit chain verifies inside it', async () => {
    const v = await verifySnapshot(a);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    for (const t of v.manifest.tables) expect(t.rows, t.name).toBeGreaterThan(0);
    expect(v.manifest.audit).toMatchObject({ fromSeq: 1, toSeq: 150, entries: 150, anchor: { seq: 0 }, head: { seq: 150 } });
    expect(v.manifest.audit?.head?.hash).toBe(fa.audit.head()?.hash);
    const opened = await openSnapshot(a);
    try {
      expect(opened.verifyAuditChain()).toEqual({ ok: true, entries: 150 });
    } finally {
      opened.close();
    }
  });

  it.each(CONTENT_TABLES.map((t) => t.name))('a byte flipped inside table %s is refused as table-hash, naming the table', async (table) => {
    const file = copy();
    const original = readFileSync(file);
    for (const at of offsetsInTable(a, table)) {
      const bytes = Buffer.from(original);
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      writeFileSync(file, bytes);
      const v = await verifySnapshot(file);
      // A byte in a page's free space changes nothing a reader sees: try the next one.
      if (v.ok) continue;
      expect(refused(v)).toEqual({ reason: 'table-hash', table });
      await expect(openSnapshot(file)).rejects.toMatchObject({ reason: 'table-hash', table });
      return;
    }
    throw new Error(`no flipped byte of ${table} was seen by verify`);
  });

  it.each([0.5, 0.99, 64 / 1e9])('a file truncated to %s of its size is refused as truncated', async (fraction) => {
    const file = copy();
    truncateSync(file, Math.max(50, Math.floor(readFileSync(file).length * fraction)));
    expect(refused(await verifySnapshot(file)).reason).toBe('truncated');
  });

  it.each(['alerts', 'telemetry', 'regions', 'audit_entries'])('table %s swapped in from another snapshot is refused', async (table) => {
    const file = copy();
    rewrite(file, (db) => {
      db.exec(`ATTACH '${b}' AS other`);
      db.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} SELECT * FROM other.${table};`);
    });
    expect(refused(await verifySnapshot(file))).toEqual({ reason: 'table-hash', table });
  });

  it('a dropped manifest, or its rows deleted, is refused as no-manifest; an edited one as manifest-hash', async () => {
    const dropped = copy();
    rewrite(dropped, (db) => db.exec('DROP TABLE manifest'));
    expect(refused(await verifySnapshot(dropped)).reason).toBe('no-manifest');
    const emptied = copy();
    rewrite(emptied, (db) => db.exec('DELETE FROM manifest'));
    expect(refused(await verifySnapshot(emptied)).reason).toBe('no-manifest');
    const edited = copy();
    rewrite(edited, (db) => db.exec(`UPDATE manifest SET value = replace(value, '"user":"alice"', '"user":"mallory"') WHERE key = 'manifest'`));
    expect(refused(await verifySnapshot(edited)).reason).toBe('manifest-hash');
  });

  it('a file without a table of this format (as a development build before violation_episodes wrote) names the table it lacks', async () => {
    const older = copy();
    rewrite(older, (db) => {
      db.exec('DROP TABLE violation_episodes');
      const manifest = JSON.parse(db.prepare("SELECT value FROM manifest WHERE key = 'manifest'").pluck().get() as string) as SnapshotManifest;
      manifest.tables = manifest.tables.filter((t) => t.name !== 'violation_episodes');
      const text = canonicalText(manifest);
      db.prepare("UPDATE manifest SET value = ? WHERE key = 'manifest'").run(text);
      db.prepare("UPDATE manifest SET value = ? WHERE key = 'sha256'").run(manifestHash(text));
    });
    const v = await verifySnapshot(older);
    expect(refused(v).reason).toBe('bad-manifest');
    expect(v.ok ? '' : v.message).toContain('(it lacks violation_episodes)');
  });

  it('a foreign SQLite file, a text file and a missing file are not snapshots', async () => {
    const foreign = join(dir.path, 'foreign.rccsnap');
    copyFileSync(fa.audit.file, foreign);
    expect(refused(await verifySnapshot(foreign)).reason).toBe('not-a-snapshot');
    const text = join(dir.path, 'notes.rccsnap');
    writeFileSync(text, 'incident notes, not a snapshot\n'.repeat(20));
    expect(refused(await verifySnapshot(text)).reason).toBe('not-sqlite');
    expect(refused(await verifySnapshot(join(dir.path, 'nothing-here.rccsnap'))).reason).toBe('unreadable');
    await expect(openSnapshot(foreign)).rejects.toBeInstanceOf(SnapshotOpenError);
  });

  it('rows edited with every hash recomputed still fail: the audit chain and its signatures do not follow', async () => {
    const edited = copy();
    rewrite(edited, (db) => db.exec(`UPDATE audit_entries SET entry = replace(entry, '"actorUser":"alice"', '"actorUser":"mallory"') WHERE seq = 10`));
    rehash(edited);
    expect(refused(await verifySnapshot(edited)).reason).toBe('audit-chain');

    // Re-chained too: every hash after the edit recomputed — the signed checkpoints no longer match.
    const rechained = copy();
    rewrite(rechained, (db) => {
      const rows = db.prepare('SELECT seq, entry FROM audit_entries ORDER BY seq').raw().all() as [number, string][];
      let prev = '0'.repeat(64);
      const update = db.prepare('UPDATE audit_entries SET entry = ?, prev_hash = ?, hash = ? WHERE seq = ?');
      for (const [seq, entry] of rows) {
        const text = seq === 10 ? entry.replace('"actorUser":"alice"', '"actorUser":"mallory"') : entry;
        const hash = chainHash(prev, text);
        update.run(text, prev, hash, seq);
        prev = hash;
      }
    });
    rehash(rechained);
    const v = await verifySnapshot(rechained);
    expect(refused(v).reason).toBe('audit-chain');
    expect(v.ok ? '' : v.message).toMatch(/checkpoint/);
  });

  it('a pinned public key other than the store\'s fails the audit chain', async () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(refused(await verifySnapshot(a, { publicKey: other })).reason).toBe('audit-chain');
    const pinned = fa.audit.publicKey();
    expect((await verifySnapshot(a, { publicKey: pinned })).ok).toBe(true);
  });

  it('a capped copy starts at a signed checkpoint and verifies on its own', async () => {
    const d = await tempDir('snapshot-integrity-capped');
    const f = await fixture(d.path, { auditEntries: 300 });
    try {
      const taken = await takeSnapshot(f.sources, join(dir.path, 'capped.rccsnap'), { telemetryWindowSeconds: 600, maxAuditEntries: 100 });
      const audit = taken.manifest.audit;
      expect(audit?.anchor.seq).toBeGreaterThan(0);
      expect((audit?.anchor.seq ?? 1) % 64).toBe(0);
      expect(audit?.entries).toBeLessThanOrEqual(100);
      expect(audit?.toSeq).toBe(300);
      expect(audit?.capped).toMatch(/signed checkpoint/);
      expect(taken.manifest.notes.join('\n')).toMatch(/left out/);
      expect((await verifySnapshot(taken.file)).ok).toBe(true);
      // The anchor's checkpoint is what ties the copy to the store: without it the chain does not verify.
      const file = copy(taken.file);
      rewrite(file, (db) => db.prepare('DELETE FROM audit_checkpoints WHERE seq = ?').run(audit?.anchor.seq ?? 0));
      rehash(file);
      expect(refused(await verifySnapshot(file)).reason).toBe('audit-chain');
    } finally {
      f.close();
      await d.remove();
    }
  });

  it('a value larger than any console writes is refused as too-large before it is read, naming the table (the manifest\'s too)', async () => {
    const file = copy();
    // 3 MiB of fleet state in one region, where the test's cap is 2 MiB (the default is 128 MiB).
    rewrite(file, (db) => db.prepare('UPDATE regions SET fleet_state = ? WHERE rowid = (SELECT min(rowid) FROM regions)').run('x'.repeat(3 * 2 ** 20)));
    rehash(file);
    expect((await verifySnapshot(file)).ok).toBe(true);
    const v = await verifySnapshot(file, { maxValueBytes: 2 * 2 ** 20 });
    expect(refused(v)).toEqual({ reason: 'too-large', table: 'regions' });
    expect(v.message).toMatch(/table regions holds a fleet_state of 3\.0 MiB, larger than any console writes \(2\.0 MiB\)/);
    await expect(openSnapshot(file, { maxValueBytes: 2 * 2 ** 20 })).rejects.toMatchObject({ reason: 'too-large', table: 'regions' });
    // The manifest is measured before it is read, too.
    const manifest = copy();
    rewrite(manifest, (db) => db.prepare("UPDATE manifest SET value = ? WHERE key = 'sha256'").run('0'.repeat(3 * 2 ** 20)));
    expect(refused(await verifySnapshot(manifest, { maxValueBytes: 2 * 2 ** 20 }))).toEqual({ reason: 'too-large', table: 'manifest' });
    expect(refused(await verifySnapshot(manifest)).reason).toBe('manifest-hash');
  });

  it('a table whose columns are not the format\'s is refused as table-hash, naming it; a manifest table so altered, as bad-manifest', async () => {
    const file = copy();
    rewrite(file, (db) => db.exec('ALTER TABLE toggles DROP COLUMN toggle'));
    const v = await verifySnapshot(file);
    expect(refused(v)).toEqual({ reason: 'table-hash', table: 'toggles' });
    expect(v.message).toMatch(/table toggles cannot be read \(no such column: toggle\)/);
    const manifest = copy();
    rewrite(manifest, (db) => db.exec('ALTER TABLE manifest RENAME COLUMN value TO v'));
    const m = await verifySnapshot(manifest);
    expect(refused(m).reason).toBe('bad-manifest');
    expect(m.message).toMatch(/the manifest table cannot be read \(no such column: value\)/);
  });

  it('a format 1 snapshot (instances stored as objects) still verifies and opens to the same fleet', async () => {
    const current = await openSnapshot(a);
    const states = current.regions.fleetStates();
    current.close();
    expect(states.length).toBeGreaterThan(0);
    const file = copy();
    rewrite(file, (db) => {
      const update = db.prepare('UPDATE regions SET fleet_state = ? WHERE id = ?');
      for (const state of states) update.run(JSON.stringify(state), state.region.id);
    });
    rehash(file, (manifest) => void (manifest.formatVersion = 1));
    expect((await verifySnapshot(file)).ok).toBe(true);
    const old = await openSnapshot(file);
    try {
      expect(old.manifest.formatVersion).toBe(1);
      expect(old.regions.fleetStates()).toEqual(states);
    } finally {
      old.close();
    }
    // The same format 1 text under a format 2 manifest is not a format 2 fleet state.
    const mislabelled = copy(file);
    rehash(mislabelled, (manifest) => void (manifest.formatVersion = 2));
    await expect(openSnapshot(mislabelled)).rejects.toMatchObject({ reason: 'bad-manifest', message: expect.stringMatching(/instances/) });
  });
});
