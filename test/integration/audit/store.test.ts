import Database from 'better-sqlite3';
import { verify as verifySignature } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuditUnavailableError,
  CHECKPOINT_EVERY,
  canonicalEntry,
  FileSigningKeyStore,
  GENESIS_HASH,
  openAuditStore,
  openAuditStoreReadOnly,
  type AuditEntry,
  AuditEntryInput,
  type AuditStore,
} from '../../../electron/audit/index.ts';
import { MAX_JSON } from '../../../electron/audit/entry.ts';
import { chainHash } from '../../../electron/audit/store.ts';
import { sampleInput, tempStore, type TempStore } from '../../support/audit-fixtures.ts';
import { tempDir } from '../../support/temp-dir.ts';

const stores: TempStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.remove();
});
async function newStore(...args: Parameters<typeof tempStore>): Promise<TempStore> {
  const s = await tempStore(...args);
  stores.push(s);
  return s;
}
function fill(store: AuditStore, n: number, from = 0): AuditEntry[] {
  return Array.from({ length: n }, (_, i) => store.append(sampleInput(from + i)));
}

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF records; a bare LF only inside quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      const m = /[,\r\n"]/.exec(text.slice(i));
      const end = m ? i + m.index : text.length;
      field += text.slice(i, end);
      i = end;
      if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
    }
    if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i) || i >= text.length) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text[i])}`);
  }
  return records;
}

describe('AuditStore: durability', () => {
  it('runs in WAL with synchronous=FULL: asserted on its own connection and visible to a second one', async () => {
    const { store, file } = await newStore();
    expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
    const other = new Database(file, { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
  });

  it('refuses a store where WAL cannot be set, naming the file', async () => {
    const error = await openAuditStore(':memory:', { keys: new FileSigningKeyStore('/nonexistent/key.pem'), consoleVersion: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditUnavailableError);
    expect(error).toMatchObject({ reason: 'not-durable', kind: 'audit-unavailable' });
    expect((error as Error).message).toContain(':memory:');
    expect((error as Error).message).toMatch(/journal_mode is memory \(expected wal\)/);
  });
});

describe('AuditStore: append and the chain', () => {
  it('appends numbered entries chained by SHA-256 over the canonical text', async () => {
    const { store } = await newStore({ now: () => new Date('2026-11-01T12:00:00.123+02:00') });
    const [a, b] = fill(store, 2);
    expect(a).toMatchObject({ seq: 1, at: '2026-11-01T10:00:00.123Z', prevHash: GENESIS_HASH, consoleVersion: '0.1.0-test', actorUser: 'bob', kind: 'intent' });
    expect(b?.seq).toBe(2);
    expect(b?.prevHash).toBe(a?.hash);
    const { prevHash: _p, hash, ...fields } = b!;
    expect(hash).toBe(chainHash(a!.hash, canonicalEntry(fields)));
    expect(store.get(2)).toEqual(b);
    expect(store.head()).toEqual({ seq: 2, hash: b?.hash });
  });

  it('refuses invalid input as invalid-input (not as an unavailable store) and writes nothing', async () => {
    const { store } = await newStore();
    expect(() => store.append({ ...sampleInput(0), actorUser: '' })).toThrow(expect.objectContaining({ kind: 'invalid-input', details: { path: ['actorUser'] } }));
    expect(() => store.append({ kind: 'outcome', actorUser: 'a', actorName: '', workstation: 'w', action: 'x', intentSeq: 7, outcome: 'failed' })).toThrow(/entry 7 is not in the store/);
    expect(store.head()).toBeNull();
  });

  it('stores and returns what the schema makes of the input, on the fast path and the schema path alike', async () => {
    const { store, file } = await newStore({ now: () => new Date('2026-11-01T12:00:00.000Z') });
    const inputs: AuditEntryInput[] = [
      sampleInput(1),
      // Keys out of order, integer-like keys, unicode, a lone surrogate, -0, nesting: canonicalJson sorts.
      { ...sampleInput(2), before: { z: 1, a: { y: [2, { d: 1, c: -0 }], b: '\ud800 ✓' }, 10: 'ten', 9: 'nine' }, after: [{ b: 1, a: 2 }] },
      // Optional fields present as undefined; an object of a class, which the schema accepts but the fast path leaves to it.
      { ...sampleInput(3), region: undefined, ticket: undefined, whatIf: undefined },
      new (class Input {
        constructor() {
          Object.assign(this, sampleInput(4));
        }
      })() as AuditEntryInput,
    ];
    for (const input of inputs) {
      const entry = store.append(input);
      const expected = { ...AuditEntryInput.parse(input), seq: entry.seq, at: '2026-11-01T12:00:00.000Z', consoleVersion: '0.1.0-test' };
      const { prevHash, hash, ...fields } = entry;
      expect(fields).toEqual(expected);
      const db = new Database(file, { readonly: true });
      try {
        const [text, storedPrev, storedHash] = db.prepare('SELECT entry, prev_hash, hash FROM audit_entries WHERE seq = ?').raw().get(entry.seq) as [string, string, string];
        expect(text).toBe(canonicalEntry(expected));
        expect([storedPrev, storedHash]).toEqual([prevHash, hash]);
        expect(hash).toBe(chainHash(prevHash, text));
      } finally {
        db.close();
      }
    }
    expect((await store.verify()).ok).toBe(true);
  });

  it('refuses a JSON field longer than 256 KiB once serialized, keys sorted or not', async () => {
    const { store } = await newStore();
    const big = 'x'.repeat(MAX_JSON);
    expect(() => store.append({ ...sampleInput(0), after: { big } })).toThrow(expect.objectContaining({ kind: 'invalid-input', details: { path: ['after'] } }));
    expect(() => store.append({ ...sampleInput(0), whatIf: { z: 1, a: big } })).toThrow(/whatIf: larger than 262144 characters once serialized/);
    // Long, but every field within the limit.
    const half = 'y'.repeat(MAX_JSON / 2);
    expect(store.append({ ...sampleInput(0), before: { half }, after: { half } }).seq).toBe(1);
  });

  it('chains onto entries another connection appended meanwhile (its remembered head is stale)', async () => {
    const first = await newStore();
    first.store.append(sampleInput(0));
    const second = await openAuditStore(first.file, { keys: new FileSigningKeyStore(first.keyFile), consoleVersion: 'other' });
    try {
      second.append(sampleInput(1));
      second.append(sampleInput(2));
    } finally {
      second.close();
    }
    const next = first.store.append(sampleInput(3));
    expect(next.seq).toBe(4);
    expect(next.prevHash).toBe(first.store.get(3)?.hash);
    expect(first.store.append(sampleInput(4)).seq).toBe(5);
    expect((await first.store.verify()).ok).toBe(true);
  });

  it('refuses UPDATE and DELETE through SQLite on the real store (entries, checkpoints, metadata) and out-of-order inserts', async () => {
    const { store, file } = await newStore();
    fill(store, CHECKPOINT_EVERY);
    const db = new Database(file);
    try {
      expect(() => db.prepare("UPDATE audit_entries SET entry = replace(entry, 'alice', 'mallory') WHERE seq = 2").run()).toThrow(/append-only: UPDATE of audit entries refused/);
      expect(() => db.prepare('DELETE FROM audit_entries WHERE seq = 2').run()).toThrow(/append-only: DELETE of audit entries refused/);
      expect(() => db.prepare('UPDATE audit_entries SET seq = 1000 WHERE seq = 3').run()).toThrow(/UPDATE of audit entries refused/);
      expect(() => db.prepare("UPDATE audit_checkpoints SET signature = 'x'").run()).toThrow(/UPDATE of checkpoints refused/);
      expect(() => db.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/DELETE of checkpoints refused/);
      expect(() => db.prepare("UPDATE audit_meta SET value = 'x' WHERE key = 'public_key'").run()).toThrow(/UPDATE of store metadata refused/);
      expect(() => db.prepare("INSERT INTO audit_entries (seq, entry, prev_hash, hash) VALUES (1000, '{}', 'x', 'y')").run()).toThrow(/appended in order/);
    } finally {
      db.close();
    }
    expect((await store.verify()).ok).toBe(true);
    expect(store.get(2)?.actorUser).toBe('alice');
  });

  it('signs a checkpoint every 64 entries (Ed25519 over "seq:hash", checked with the exported public key)', async () => {
    const { store } = await newStore();
    const entries = fill(store, CHECKPOINT_EVERY + 3);
    const cp = store.latestCheckpoint();
    expect(cp).toMatchObject({ seq: CHECKPOINT_EVERY, hash: entries[CHECKPOINT_EVERY - 1]?.hash });
    expect(verifySignature(null, Buffer.from(`${cp?.seq}:${cp?.hash}`), store.publicKey(), Buffer.from(cp?.signature ?? '', 'base64'))).toBe(true);
    expect(store.checkpoint()).toMatchObject({ seq: CHECKPOINT_EVERY + 3 });
    const report = await store.verify();
    expect(report).toMatchObject({ ok: true, entries: CHECKPOINT_EVERY + 3, checked: CHECKPOINT_EVERY + 3, unsignedTail: 0, failure: null });
  });

  it('verifies incrementally at open, from the last verified head, and records the run', async () => {
    const s = await newStore();
    fill(s.store, 100);
    expect((await s.store.verify()).checked).toBe(100);
    fill(s.store, 10, 100);
    s.store.close();
    const reopened = await s.reopen();
    expect(reopened.openReport).toMatchObject({ ok: true, entries: 110, checkedFrom: 101, checked: 10, unsignedTail: 0 });
    expect((await reopened.verify({ from: 'last-verified' })).checked).toBe(0);
    expect((await reopened.verify()).checked).toBe(110);
  });

  it('refuses to open with another signing key, or without the key it was signed with', async () => {
    const s = await newStore();
    fill(s.store, 3);
    s.store.close();
    const other = join(s.dir, 'other.pem');
    await new FileSigningKeyStore(other).set((await import('../../../electron/audit/signing-key.ts')).generateSigningKey());
    await expect(openAuditStore(s.file, { keys: new FileSigningKeyStore(other), consoleVersion: 'x' })).rejects.toMatchObject({ reason: 'signing-key', message: expect.stringMatching(/is not the key this store was signed with/) });
    await expect(openAuditStore(s.file, { keys: new FileSigningKeyStore(join(s.dir, 'missing.pem')), consoleVersion: 'x' })).rejects.toMatchObject({ reason: 'signing-key', message: expect.stringMatching(/is missing/) });
  });

  it('refuses a file that is not an audit store, or not SQLite at all', async () => {
    const dir = await tempDir('audit-not');
    try {
      const foreign = join(dir.path, 'other.sqlite');
      const db = new Database(foreign);
      db.exec('CREATE TABLE t (x)');
      db.close();
      const keys = new FileSigningKeyStore(join(dir.path, 'k.pem'));
      await expect(openAuditStore(foreign, { keys, consoleVersion: 'x' })).rejects.toMatchObject({ reason: 'not-an-audit-store', message: expect.stringContaining(foreign) });
      expect(new Database(foreign).pragma('journal_mode', { simple: true })).toBe('delete');
      const garbage = join(dir.path, 'garbage.sqlite');
      writeFileSync(garbage, Buffer.alloc(8192, 0x41));
      await expect(openAuditStore(garbage, { keys, consoleVersion: 'x' })).rejects.toMatchObject({ reason: 'corrupt', kind: 'audit-unavailable' });
      expect(() => openAuditStoreReadOnly(garbage)).toThrow(/not an audit store \(not a SQLite database\)/);
      expect(() => openAuditStoreReadOnly(foreign)).toThrow(/not an audit store/);
      expect(() => openAuditStoreReadOnly(join(dir.path, 'absent.sqlite'))).toThrow(/no such file/);
    } finally {
      await dir.remove();
    }
  });
});

describe('AuditStore: pending intents', () => {
  it('lists intents without a final outcome; unknown keeps an intent pending; a second final outcome is refused', async () => {
    const { store } = await newStore();
    const base = { actorUser: 'alice', actorName: 'Alice', workstation: 'ws', action: 'toggle.set' };
    const i1 = store.append({ ...base, kind: 'intent', idempotencyKey: 'k1' });
    const i2 = store.append({ ...base, kind: 'intent', idempotencyKey: 'k2' });
    const i3 = store.append({ ...base, kind: 'intent', idempotencyKey: 'k3' });
    store.append({ ...base, kind: 'note' });
    expect(store.pendingIntents().map((e) => e.seq)).toEqual([i1.seq, i2.seq, i3.seq]);
    store.append({ ...base, kind: 'outcome', intentSeq: i1.seq, outcome: 'succeeded', response: '200' });
    store.append({ ...base, kind: 'outcome', intentSeq: i2.seq, outcome: 'unknown', response: 'timeout' });
    expect(store.pendingIntents().map((e) => e.idempotencyKey)).toEqual(['k2', 'k3']);
    store.append({ ...base, kind: 'outcome', intentSeq: i2.seq, outcome: 'failed', response: '409' });
    expect(store.pendingIntents().map((e) => e.seq)).toEqual([i3.seq]);
    expect(() => store.append({ ...base, kind: 'outcome', intentSeq: i1.seq, outcome: 'failed' })).toThrow(/already has a final outcome/);
    expect(() => store.append({ ...base, kind: 'outcome', intentSeq: 4, outcome: 'failed' })).toThrow(/entry 4 is a note, not an intent/);
    const i5 = store.append({ ...base, kind: 'intent' });
    expect(store.pendingIntents().map((e) => e.seq)).toEqual([i3.seq, i5.seq]);
  });
});

describe('AuditStore: query', () => {
  it('a search within a time window finds every entry in it, whatever order the clock gave the entries', async () => {
    // The clock jumps back and forth: seq order is not time order.
    const offsets = [0, 50, -30, 10, 70, -60, 20, 90, -10, 40, 5, 80, -50, 30, 60, -20, 15, 100, -40, 25];
    let i = 0;
    const base = Date.parse('2026-11-01T12:00:00.000Z');
    const { store } = await newStore({ now: () => new Date(base + (offsets[i++ % offsets.length] ?? 0) * 60_000 + i) });
    for (let k = 0; k < 60; k++) store.append({ ...sampleInput(k), reason: k % 3 === 0 ? `spike on dicom router ${k}` : `quiet ${k}` });
    const all = store.query({ text: 'dicom' }, { limit: 1000 }).entries;
    expect(all.length).toBe(20);
    const windows: [string | undefined, string | undefined][] = [
      ['2026-11-01T12:00:00Z', '2026-11-01T12:30:00Z'],
      ['2026-11-01T11:15:00Z', undefined],
      [undefined, '2026-11-01T11:45:00Z'],
      ['2026-11-01T13:00:00Z', undefined],
      ['2026-11-01T14:00:00Z', undefined],
      [undefined, '2026-11-01T10:00:00Z'],
    ];
    for (const [since, until] of windows) {
      const expected = all.filter((e) => (since === undefined || e.at >= new Date(since).toISOString()) && (until === undefined || e.at < new Date(until).toISOString()));
      const found = store.query({ text: 'dicom', ...(since ? { since } : {}), ...(until ? { until } : {}) }, { limit: 1000 });
      expect(found.entries.map((e) => e.seq), `${since} – ${until}`).toEqual(expected.map((e) => e.seq));
      expect(found.total).toBe(expected.length);
    }
  });

  it('filters by time, actor, region, action, kind and outcome, searches text with FTS5, newest first, with the total', async () => {
    let t = Date.parse('2026-11-01T00:00:00.000Z');
    const { store } = await newStore({ now: () => new Date((t += 60_000)) });
    fill(store, 120);
    const intent = store.get(1)!;
    store.append({ kind: 'outcome', actorUser: 'carol', actorName: 'Carol', workstation: 'w', action: intent.action, intentSeq: 1, outcome: 'failed', response: 'HTTP 503' });
    const all = store.query();
    expect(all.total).toBe(121);
    expect(all.entries).toHaveLength(100);
    expect(all.entries[0]?.seq).toBe(121);
    expect(store.query({}, { limit: 5, offset: 118 }).entries.map((e) => e.seq)).toEqual([3, 2, 1]);

    const euRollbacks = store.query({ region: 'eu-west', action: 'component.rollback' }, { limit: 1000 });
    expect(euRollbacks.total).toBe(euRollbacks.entries.length);
    expect(euRollbacks.total).toBeGreaterThan(0);
    expect(euRollbacks.entries.every((e) => e.region === 'eu-west' && e.action === 'component.rollback')).toBe(true);

    expect(store.query({ actor: 'Bob Builder' }).total).toBe(30);
    expect(store.query({ actor: 'bob' }).total).toBe(30);
    expect(store.query({ outcome: 'failed' }).entries.map((e) => e.seq)).toEqual([121]);
    expect(store.query({ kind: 'setting' }).total).toBe(40);
    // 10 minutes: entries 10..19 (entry n is at +n minutes).
    expect(store.query({ since: '2026-11-01T00:10:00.000Z', until: '2026-11-01T02:20:00.000+02:00' }).entries.map((e) => e.seq)).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);

    const ticket = store.query({ text: 'chg-1042' });
    expect(ticket.entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual([43, 93]);
    expect(store.query({ text: 'Ångström' }).total).toBe(90);
    expect(store.query({ text: 'carol' }).entries.map((e) => e.seq)).toEqual([121]);
    // "4" as a prefix: reason "#4", "#40"…"#49", or target component-4; in eu-west (i % 3 === 1).
    expect(store.query({ text: 'spike #4', region: 'eu-west' }).entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual([5, 26, 41, 44, 47, 50, 68, 89, 110]);
    expect(store.query({ text: 'nothing-like-this' }).total).toBe(0);
    expect(() => store.query({ since: 'yesterday' })).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
  });
});

describe('AuditStore: export', () => {
  async function exportText(store: AuditStore, format: 'csv' | 'jsonl', filter = {}): Promise<string> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await store.export(filter, format, out);
    out.end();
    return Buffer.concat(chunks).toString('utf8');
  }

  it('writes RFC 4180 CSV with the chain head, its signature, the public key and how to verify', async () => {
    const { store } = await newStore();
    fill(store, 70);
    store.append({ kind: 'note', actorUser: 'eve', actorName: '', workstation: 'w', action: 'note', reason: '=HYPERLINK("http://x")', response: 'a,"b"\r\nc' });
    const text = await exportText(store, 'csv', { actor: 'eve' });
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    const header = rows[0]!;
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(header.slice(0, 4)).toEqual(['record', 'seq', 'at', 'kind']);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const entries = rows.filter((r) => r[0] === 'entry');
    expect(entries).toHaveLength(1);
    expect(col(entries[0]!, 'response')).toBe('a,"b"\r\nc');
    expect(col(entries[0]!, 'reason')).toBe('\'=HYPERLINK("http://x")');
    const head = rows.find((r) => r[0] === 'chain-head')!;
    const checkpoint = rows.find((r) => r[0] === 'checkpoint')!;
    const key = col(rows.find((r) => r[0] === 'public-key')!, 'detail')!;
    expect(col(head, 'seq')).toBe('71');
    expect(col(checkpoint, 'seq')).toBe('71');
    expect(col(checkpoint, 'hash')).toBe(store.head()?.hash);
    expect(key).toBe(store.publicKey());
    expect(verifySignature(null, Buffer.from(`71:${col(checkpoint, 'hash')}`), key, Buffer.from(col(checkpoint, 'signature')!, 'base64'))).toBe(true);
    expect(col(rows.find((r) => r[0] === 'how-to-verify')!, 'detail')).toMatch(/rcc audit verify/);
  });

  it('writes JSON Lines: one entry per line with exact values, then the chain head', async () => {
    const { store } = await newStore();
    fill(store, 5);
    const lines = (await exportText(store, 'jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 5).map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(lines[0]).toEqual({ type: 'entry', ...store.get(1) });
    const { type, head, checkpoint, publicKey, verify } = lines[5] as Record<string, unknown>;
    expect({ type, head, publicKey }).toEqual({ type: 'chain-head', head: store.head(), publicKey: store.publicKey() });
    expect(checkpoint).toMatchObject({ seq: 5 });
    expect(verify).toMatch(/rcc audit verify/);
  });

  it('exports from a read-only copy too (nothing written to it)', async () => {
    const s = await newStore();
    fill(s.store, 3);
    s.store.close();
    const copy = join(s.dir, 'copy.sqlite');
    copyFileSync(s.file, copy);
    const ro = openAuditStoreReadOnly(copy);
    try {
      expect(() => (ro as unknown as AuditStore).append(sampleInput(0))).toThrow(AuditUnavailableError);
      expect((await exportText(ro as AuditStore, 'jsonl')).split('\n')).toHaveLength(5);
      expect((await ro.verify()).ok).toBe(true);
    } finally {
      ro.close();
    }
  });
});
