import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE, HistoryStoreError, openHistoryStore, SCHEMA_VERSION } from '../../../electron/history/index.ts';
import { historyFixture, iso, raw, T0, trains } from './fixtures.ts';

const f = historyFixture();
afterEach(() => f.cleanup());

const mode = (path: string) => statSync(path).mode & 0o777;

function openError(file: string): HistoryStoreError {
  try {
    openHistoryStore(file).close();
  } catch (error) {
    if (error instanceof HistoryStoreError) return error;
    throw error;
  }
  throw new Error(`${file} opened`);
}

describe('opening the history store', () => {
  it('is named history.sqlite', () => {
    expect(HISTORY_FILE).toBe('history.sqlite');
  });

  it('runs WAL with synchronous=FULL, read back from its connection', async () => {
    const file = await f.file();
    const store = f.open(file);
    expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'FULL' });
    expect(raw(file, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(raw(file, (db) => db.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION);
  });

  it('creates the file, its WAL and shared memory owner-only, in an owner-only new directory', async () => {
    const file = await f.file();
    const previous = process.umask(0o022);
    try {
      const store = f.open(file);
      store.appendMix(iso(T0), [{ component: 'api', trains: trains(1) }]);
      expect(mode(dirname(file))).toBe(0o700);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens an existing file to 0600', async () => {
    const file = await f.file();
    f.open(file).close();
    chmodSync(file, 0o644);
    f.open(file);
    expect(mode(file)).toBe(0o600);
  });

  it('refuses a file of a newer schema, saying so', async () => {
    const file = await f.file();
    f.open(file).close();
    raw(file, (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    const error = openError(file);
    expect(error.reason).toBe('newer-schema');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/written by a newer console \(history schema 2; this one reads schema 1\)/);
  });

  it('refuses, naming the file, what is not a database, another database, or a directory', async () => {
    const garbage = await f.file();
    mkdirSync(dirname(garbage), { recursive: true });
    writeFileSync(garbage, 'this is not a SQLite database\n'.repeat(200));
    expect(openError(garbage)).toMatchObject({ reason: 'unreadable', message: expect.stringMatching(new RegExp(`^${escape(garbage)}: .*not a database`)) });

    const foreign = await f.file();
    mkdirSync(dirname(foreign), { recursive: true });
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    expect(openError(foreign)).toMatchObject({ reason: 'not-a-history-store', message: expect.stringContaining(foreign) });

    const directory = await f.file();
    mkdirSync(directory, { recursive: true });
    expect(openError(directory)).toMatchObject({ reason: 'unreadable', message: expect.stringContaining(directory) });
  });

  it('refuses a history store that lost a table', async () => {
    const file = await f.file();
    f.open(file).close();
    raw(file, (db) => db.exec('DROP TABLE alerts'));
    expect(openError(file)).toMatchObject({ reason: 'unreadable', message: expect.stringMatching(/missing tables alerts/) });
  });

  it('throws on use after close; close twice is fine', async () => {
    const store = f.open(await f.file());
    store.close();
    store.close();
    expect(() => store.mixOf('api')).toThrow(expect.objectContaining({ reason: 'closed' }));
    expect(() => store.appendMix(iso(T0), [])).toThrow(/closed/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
