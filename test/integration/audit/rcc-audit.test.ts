import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build.ts';
import { sampleInput, tempStore, type TempStore } from '../../support/audit-fixtures.ts';

/** `rcc audit` as shipped: the CLI bundle built from the current sources, run by plain node. */
const root = resolve(import.meta.dirname, '../../..');
let bundle = '';
let s: TempStore;
let work = '';
let copies = 0;
let publicKeyFile = '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function rcc(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [bundle, ...args], { cwd: work, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  let t = Date.parse('2026-11-01T00:00:00.000Z');
  s = await tempStore({ now: () => new Date((t += 3_600_000)) });
  work = join(s.dir, 'work');
  mkdirSync(work);
  symlinkSync(join(root, 'node_modules'), join(s.dir, 'node_modules'), 'dir');
  bundle = join(s.dir, 'rcc.mjs');
  writeFileSync(bundle, await buildCli({ write: false }));
  for (let i = 0; i < 70; i++) s.store.append(sampleInput(i));
  publicKeyFile = join(work, 'key.pem');
  writeFileSync(publicKeyFile, s.store.publicKey());
  s.store.close();
});
afterAll(async () => {
  await s.remove();
});

/** A copy of the closed store, as an auditor makes it; `tamper` runs on it with the triggers dropped. */
function copy(tamper?: (db: Database.Database) => void): string {
  const file = join(work, `copy-${++copies}.sqlite`);
  copyFileSync(s.file, file);
  if (tamper) {
    const db = new Database(file);
    for (const name of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${name}"`);
    tamper(db);
    db.close();
  }
  return file;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('rcc audit verify', () => {
  it('exits 0 for an intact copy, leaves the file untouched and no side files', async () => {
    const file = copy();
    const before = sha(file);
    const run = await rcc('audit', 'verify', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/intact — 70 entries chain correctly and the chain head: entry 70, [0-9a-f]{64} is signed with the key recorded in the file \(SHA256:/);
    expect(sha(file)).toBe(before);
    expect(readdirSync(work).filter((f) => f.startsWith(`copy-${copies}.sqlite-`))).toEqual([]);
    expect((await rcc('audit', 'verify', file, '--public-key', publicKeyFile)).code).toBe(0);
  });

  it('exits 1 naming the first bad entry and why', async () => {
    const edited = copy((db) => db.prepare("UPDATE audit_entries SET entry = replace(entry, '\"reason\":\"error spike', '\"reason\":\"routine') WHERE seq = 12").run());
    const run = await rcc('audit', 'verify', edited);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('TAMPERED — entry 12: hash mismatch: its fields do not hash to its stored hash (a value was edited).');
    const removed = copy((db) => db.prepare('DELETE FROM audit_entries WHERE seq = 30').run());
    expect((await rcc('audit', 'verify', removed)).stdout).toContain('TAMPERED — entry 30: missing');
    const json = await rcc('audit', 'verify', removed, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 1, failure: { seq: 30, reason: 'seq-gap' } });
  });

  it('exits 1 for a store signed by another key than the pinned one, and for entries no signature covers', async () => {
    const other = await tempStore();
    try {
      other.store.append(sampleInput(0));
      other.store.close();
      const run = await rcc('audit', 'verify', other.file, '--public-key', publicKeyFile);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/TAMPERED — the store records public key SHA256:\S+, not the expected SHA256:/);
    } finally {
      await other.remove();
    }
    const appended = copy((db) => {
      const [prev] = db.prepare('SELECT hash FROM audit_entries WHERE seq = 70').raw().get() as [string];
      const text = `{"seq":71,"note":"forged"}`;
      db.prepare('INSERT INTO audit_entries (seq, entry, prev_hash, hash) VALUES (71, ?, ?, ?)').run(text, prev, createHash('sha256').update(prev).update(text).digest('hex'));
    });
    const run = await rcc('audit', 'verify', appended);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('NOT VERIFIED — entries 71–71 come after the last signed checkpoint (entry 70)');
  });

  it('exits 2 for a file that is not an audit store, is missing, or for bad usage', async () => {
    const notSqlite = join(work, 'notes.txt');
    writeFileSync(notSqlite, 'hello '.repeat(2000));
    const other = join(work, 'other.sqlite');
    new Database(other).exec('CREATE TABLE t (x)').close();
    for (const [args, message] of [
      [['audit', 'verify', notSqlite], 'not an audit store (not a SQLite database)'],
      [['audit', 'verify', other], 'is a SQLite database but not an audit store'],
      [['audit', 'verify', join(work, 'absent.sqlite')], 'no such file'],
      [['audit', 'verify'], 'missing PATH'],
      [['audit', 'check', 'x'], 'unknown subcommand "check"'],
      [['audit', 'verify', copy(), '--public-key', join(work, 'absent.pem')], 'cannot be read (ENOENT)'],
    ] as const) {
      const run = await rcc(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});

describe('rcc audit export', () => {
  it('writes CSV since a time, with the chain head, the signature, the public key and how to verify', async () => {
    const run = await rcc('audit', 'export', copy(), '--format', 'csv', '--since', '2026-11-03T00:00:00Z');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]?.startsWith('record,seq,at,kind,')).toBe(true);
    // Entry n is at n hours past 2026-11-01T00:00Z: since 2026-11-03 → entries 48…70.
    expect(lines.filter((l) => l.startsWith('entry,')).map((l) => Number(l.split(',')[1]))).toEqual(Array.from({ length: 23 }, (_, i) => 48 + i));
    expect(run.stdout).toMatch(/\r\nchain-head,70,/);
    expect(run.stdout).toContain(readFileSync(publicKeyFile, 'utf8').trim());
    expect(run.stdout).toContain('rcc audit verify');
  });

  it('writes JSON Lines, a date alone meaning midnight UTC', async () => {
    const run = await rcc('audit', 'export', copy(), '--format', 'jsonl', '--since', '2026-11-03');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; seq?: number });
    expect(lines.filter((l) => l.type === 'entry')).toHaveLength(23);
    expect(lines.at(-1)).toMatchObject({ type: 'chain-head', head: { seq: 70 }, checkpoint: { seq: 70 } });
  });

  it('exits 2 for a bad format or time', async () => {
    const file = copy();
    expect(await rcc('audit', 'export', file)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be csv or jsonl') });
    expect(await rcc('audit', 'export', file, '--format', 'xml')).toMatchObject({ code: 2, stderr: expect.stringContaining('(got "xml")') });
    expect(await rcc('audit', 'export', file, '--format', 'csv', '--since', 'last week')).toMatchObject({ code: 2, stderr: expect.stringContaining('--since last week: expected a date') });
  });
});
