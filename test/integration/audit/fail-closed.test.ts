import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { openSync, closeSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditUnavailableError, openAuditStoreReadOnly, type AuditStore, type AuditUnavailableReason } from '../../../electron/audit/index.ts';
import { sampleInput, tempStore, type TempStore } from '../../support/audit-fixtures.ts';
import { makeReadOnly } from '../../support/audit-fs.ts';

/**
 * Fail closed: when the store cannot be written, append throws AuditUnavailableError (the caller
 * then sends nothing) and nothing is written. Each case checks the store afterwards from a separate
 * read-only connection: same head, chain intact.
 */
const root = resolve(import.meta.dirname, '../../..');
const stores: TempStore[] = [];
const undo: (() => void)[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const u of undo.splice(0)) u();
  for (const s of stores.splice(0)) await s.remove();
});

async function storeWith(entries: number, options: Parameters<typeof tempStore>[0] = {}): Promise<TempStore> {
  const s = await tempStore(options);
  stores.push(s);
  for (let i = 0; i < entries; i++) s.store.append(sampleInput(i));
  return s;
}

async function stateOf(file: string): Promise<{ head: number; ok: boolean }> {
  const ro = openAuditStoreReadOnly(file);
  try {
    const report = await ro.verify();
    return { head: report.entries, ok: report.ok };
  } finally {
    ro.close();
  }
}

/** Opens the store and appends once; returns where it failed closed (open or append) and the error. */
async function openAndAppend(s: TempStore): Promise<{ stage: 'open' | 'append' | 'none'; error: unknown }> {
  let store: AuditStore;
  try {
    store = await s.reopen();
  } catch (error) {
    return { stage: 'open', error };
  }
  try {
    store.append(sampleInput(99));
    return { stage: 'none', error: null };
  } catch (error) {
    return { stage: 'append', error };
  }
}

function expectUnavailable(error: unknown, reason: AuditUnavailableReason, file: string): void {
  expect(error).toBeInstanceOf(AuditUnavailableError);
  expect(error).toMatchObject({ reason, kind: 'audit-unavailable' });
  const message = (error as Error).message;
  expect(message).toContain(file);
  expect(message).toMatch(/the action was refused before anything was sent/);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
}

function lockHolder(file: string, holdMs?: number): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'test/support/audit-lock-holder.ts'), file, ...(holdMs ? [String(holdMs)] : [])], { cwd: root });
  children.push(child);
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('locked')) done(child);
    });
    child.on('exit', (code) => fail(new Error(`lock holder exited (${code}) before locking`)));
  });
}

describe('fail closed', () => {
  it('read-only directory: the store cannot open (its journal cannot be created) and nothing is written', async () => {
    const s = await storeWith(5);
    s.store.close();
    undo.push(makeReadOnly(s.dir));
    const { stage, error } = await openAndAppend(s);
    console.log(`fail closed, read-only directory: refused at ${stage}: ${(error as Error).message}`);
    expect(stage).not.toBe('none');
    expectUnavailable(error, 'read-only', s.file);
    undo.pop()?.();
    expect(await stateOf(s.file)).toEqual({ head: 5, ok: true });
  });

  it('read-only file: refused with the reason, nothing written', async () => {
    const s = await storeWith(5);
    s.store.close();
    undo.push(makeReadOnly(s.file));
    const { stage, error } = await openAndAppend(s);
    console.log(`fail closed, read-only file: refused at ${stage}: ${(error as Error).message}`);
    expect(stage).not.toBe('none');
    expectUnavailable(error, 'read-only', s.file);
    undo.pop()?.();
    expect(await stateOf(s.file)).toEqual({ head: 5, ok: true });
  });

  it('full disk (max_page_count): the append that does not fit throws, nothing of it is written, the chain stays intact', async () => {
    const s = await storeWith(20);
    s.store.close();
    // The file may not grow past its current size.
    await s.reopen({ maxPageCount: 1 });
    let written = 20;
    let failure: unknown = null;
    const big = (i: number) => ({ ...sampleInput(i), reason: `${'x'.repeat(3000)} ${i}` });
    for (let i = 0; i < 10_000 && failure === null; i++) {
      try {
        s.store.append(big(i));
        written++;
      } catch (error) {
        failure = error;
      }
    }
    console.log(`fail closed, full disk: ${written} entries fitted, then: ${(failure as Error).message}`);
    expectUnavailable(failure, 'disk-full', s.file);
    expect((failure as Error).message).toMatch(/the disk is full/);
    expect(s.store.head()?.seq).toBe(written);
    expect(() => s.store.append(big(written))).toThrow(AuditUnavailableError);
    expect(s.store.head()?.seq).toBe(written);
    expect(await stateOf(s.file)).toEqual({ head: written, ok: true });
    expect((await s.store.verify()).ok).toBe(true);
  });

  it('locked by another writer past the busy timeout: throws after waiting, nothing written; works again once released', async () => {
    const s = await storeWith(3, { busyTimeoutMs: 300 });
    const other = new Database(s.file);
    other.exec('BEGIN IMMEDIATE');
    const t0 = performance.now();
    const error = thrown(() => s.store.append(sampleInput(3)));
    const waited = performance.now() - t0;
    expectUnavailable(error, 'locked', s.file);
    expect((error as Error).message).toMatch(/another program holds its write lock; waited 300 ms/);
    expect(waited).toBeGreaterThanOrEqual(250);
    other.exec('ROLLBACK');
    other.close();
    expect(s.store.head()?.seq).toBe(3);
    expect(s.store.append(sampleInput(3)).seq).toBe(4);
  });

  it('a brief lock (another process) is waited out with the default 2 s busy timeout', async () => {
    const s = await storeWith(3);
    const holder = await lockHolder(s.file, 300);
    const t0 = performance.now();
    const entry = s.store.append(sampleInput(3));
    const waited = performance.now() - t0;
    expect(entry.seq).toBe(4);
    expect(waited).toBeGreaterThan(50);
    expect(waited).toBeLessThan(2000);
    holder.kill('SIGKILL');
  });

  it('a damaged file: refused as corrupt, nothing written', async () => {
    const s = await storeWith(200);
    s.store.close();
    // Overwrite every page of the entries table (and its indexes) but the first with noise.
    const db = new Database(s.file, { readonly: true });
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name LIKE 'audit_entries%' AND pageno > 1").pluck().all() as number[];
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    db.close();
    expect(pages.length).toBeGreaterThan(3);
    const fd = openSync(s.file, 'r+');
    for (const page of pages) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);
    const { stage, error } = await openAndAppend(s);
    console.log(`fail closed, damaged file: refused at ${stage}: ${(error as Error).message}`);
    expect(stage).not.toBe('none');
    expectUnavailable(error, 'corrupt', s.file);
  });
});
