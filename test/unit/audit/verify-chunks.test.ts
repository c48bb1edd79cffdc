import Database from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY } from '../../../electron/audit/index.ts';
import { CHUNK_CHECKPOINTS_SQL, checkChunk, checkChunks, JOINED_ROWS_SQL, planChunks, sha256hex, type ChunkPlan, type ChunkResult } from '../../../electron/audit/verify-chunks.ts';
import { sampleInput, tempStore, type TempStore } from '../../support/audit-fixtures.ts';

const ENTRIES = 200;
let base: TempStore;
let db: Database.Database;
beforeAll(async () => {
  base = await tempStore();
  for (let i = 0; i < ENTRIES; i++) base.store.append(sampleInput(i));
  base.store.close();
  db = new Database(base.file, { readonly: true });
});
afterAll(async () => {
  db.close();
  await base.remove();
});

const rows = (low: number, high: number) => db.prepare(JOINED_ROWS_SQL).pluck().all(low, high);
const checkpoints = (low: number, high: number) => db.prepare(CHUNK_CHECKPOINTS_SQL).raw().all(low, high) as unknown[][];
const here = ({ low, high }: ChunkPlan) => checkChunk(rows(low, high), low, high, checkpoints(low, high), CHECKPOINT_EVERY, sha256hex);
const hashAt = (seq: number) => db.prepare('SELECT hash FROM audit_entries WHERE seq = ?').pluck().get(seq) as string;

describe('checkChunk', () => {
  it('checks a range whole: links, hashes, numbering and checkpoints, and returns its ends', () => {
    expect(here({ low: 0, high: ENTRIES })).toEqual({ ok: true, firstPrev: '0'.repeat(64), lastHash: hashAt(ENTRIES) });
    expect(here({ low: 63, high: 130 })).toEqual({ ok: true, firstPrev: hashAt(63), lastHash: hashAt(130) });
  });

  it('refuses a range whose rows or checkpoints do not fit it', () => {
    const all = rows(10, 20);
    const cps = checkpoints(0, ENTRIES);
    expect(checkChunk(all, 11, 21, [], CHECKPOINT_EVERY, sha256hex).ok).toBe(false); // numbering
    expect(checkChunk(all.slice(1), 10, 20, [], CHECKPOINT_EVERY, sha256hex).ok).toBe(false); // a row short
    expect(checkChunk([all[1], all[0], ...all.slice(2)], 10, 20, [], CHECKPOINT_EVERY, sha256hex).ok).toBe(false); // order
    expect(checkChunk(rows(60, 70), 60, 70, [], CHECKPOINT_EVERY, sha256hex).ok).toBe(false); // checkpoint 64 missing
    expect(checkChunk(rows(60, 70), 60, 70, [[64, hashAt(63)]], CHECKPOINT_EVERY, sha256hex).ok).toBe(false); // checkpoint holds another hash
    expect(checkChunk(rows(60, 70), 60, 70, cps, CHECKPOINT_EVERY, sha256hex).ok).toBe(false); // checkpoints outside the range
    expect(checkChunk([], 10, 10, [], CHECKPOINT_EVERY, sha256hex).ok).toBe(false);
    const edit = (row: unknown, at: number, char: string) => (row as string).slice(0, at) + char + (row as string).slice(at + 1);
    const row = all[3] as string;
    for (const at of [0, 63, 64, 70, 71, 72, 100, row.length - 65, row.length - 64, row.length - 1]) {
      const changed = [...all];
      changed[3] = edit(row, at, row[at] === 'a' ? 'b' : 'a');
      expect(checkChunk(changed, 10, 20, [], CHECKPOINT_EVERY, sha256hex).ok, `edit at ${at}`).toBe(false);
    }
    // A leading zero in the seq is another text (and another hash): refused before hashing.
    const padded = [...all];
    padded[3] = `${row.slice(0, 71)}0${row.slice(71)}`;
    expect(checkChunk(padded, 10, 20, [], CHECKPOINT_EVERY, sha256hex).ok).toBe(false);
    expect(checkChunk([null, ...all.slice(1)], 10, 20, [], CHECKPOINT_EVERY, sha256hex).ok).toBe(false);
  });
});

describe('checkChunks', () => {
  const chunks = planChunks(1, ENTRIES, 5);

  it('checks chunks on worker threads and here, handing results over in order', async () => {
    const checkedHere: number[] = [];
    const seen: [number, ChunkResult][] = [];
    const done = await checkChunks({
      file: base.file,
      chunks,
      workers: 2,
      every: CHECKPOINT_EVERY,
      checkHere: (chunk) => {
        checkedHere.push(chunk.low);
        // Slow here, so that the workers get a fair share.
        const until = performance.now() + 5;
        while (performance.now() < until);
        return here(chunk);
      },
      onResult: (index, result) => {
        seen.push([index, result]);
        return true;
      },
    });
    expect(done).toEqual({ handed: chunks.length, workers: 2 });
    expect(seen.map(([index]) => index)).toEqual(chunks.map((_, i) => i));
    expect(seen.map(([, result]) => result)).toEqual(chunks.map(here));
    // The first two chunks of each worker are handed to it as it starts: the workers ran.
    expect(checkedHere).not.toContain(chunks[0]?.low);
    expect(checkedHere.length).toBeLessThan(chunks.length - 3);
  });

  it('stops when told to, and checks everything here when workers cannot open the file', async () => {
    let calls = 0;
    const stopped = await checkChunks({ file: base.file, chunks, workers: 1, every: CHECKPOINT_EVERY, checkHere: here, onResult: () => ++calls < 3 });
    expect(stopped.handed).toBe(3);

    const checkedHere: number[] = [];
    const results: ChunkResult[] = [];
    const done = await checkChunks({
      file: `${base.file}.missing`,
      chunks,
      workers: 2,
      every: CHECKPOINT_EVERY,
      checkHere: (chunk) => {
        checkedHere.push(chunk.low);
        return here(chunk);
      },
      onResult: (_, result) => results.push(result) > 0,
    });
    expect(done.handed).toBe(chunks.length);
    expect(checkedHere.sort((a, b) => a - b)).toEqual(chunks.map((c) => c.low));
    expect(results.every((r) => r.ok)).toBe(true);
  });
});

describe("workers: 'idle-cpus'", () => {
  it('checks here first, and starts workers only for CPUs it found idle', async () => {
    const chunks = planChunks(1, ENTRIES, 1);
    const results: ChunkResult[] = [];
    const started = performance.now();
    const { handed, workers } = await checkChunks({
      file: base.file,
      chunks,
      workers: 'idle-cpus',
      every: CHECKPOINT_EVERY,
      checkHere: (chunk) => {
        // 200 chunks of 1 ms: the sample is taken after 100 ms, with about half of them left.
        const until = performance.now() + 1;
        while (performance.now() < until);
        return here(chunk);
      },
      onResult: (_, result) => results.push(result) > 0,
    });
    expect(handed).toBe(chunks.length);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(workers).toBeGreaterThanOrEqual(0);
    expect(workers).toBeLessThanOrEqual(Math.max(0, availableParallelism() - 1));
    expect(performance.now() - started).toBeGreaterThan(100);
  });
});
