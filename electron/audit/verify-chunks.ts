import { hash as digest } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The fast path of verify: ranges ("chunks") of entries checked as a whole, in this thread or on
 * worker threads that read the file through connections of their own. A chunk that checks out
 * yields the prevHash of its first entry and the hash of its last; verify then checks that the
 * chunks link up, in order. A chunk that does not check out says nothing more: verify reads it again
 * row by row and names the first bad entry and why (store.ts, `scanRows`).
 */

/**
 * Each entry of `(low, high]` as one string, `prev_hash || entry || hash` — its first part is
 * exactly the bytes its hash covers — or NULL unless both hashes are 64 bytes long. A row passes
 * checkChunk only when its first and last 64 characters are hex digits (the hashes it is compared
 * with), so the string then splits back into the three columns exactly. (The types of the columns
 * are not checked here — `typeof()` in this query cost more than a tenth of verify — so a value of
 * another type whose text is right passes, as it always did; the row-by-row path calls it malformed.)
 */
export const JOINED_ROWS_SQL =
  'SELECT iif(octet_length(prev_hash) = 64 AND octet_length(hash) = 64, prev_hash || entry || hash) FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq';
/** The checkpoints of `(low, high]`, as `[seq, hash]` rows. */
export const CHUNK_CHECKPOINTS_SQL = 'SELECT seq, hash FROM audit_checkpoints WHERE seq > ? AND seq <= ? ORDER BY seq';

export type ChunkResult = { ok: true; firstPrev: string; lastHash: string } | { ok: false };

/**
 * Checks entries `low + 1 … high` given as {@link JOINED_ROWS_SQL} rows, with the checkpoints of
 * that range: there is one row per entry; each is entry `seq` (its text starts with
 * `{"seq":<seq>,`); each entry's prevHash is the hash of the entry before it in the chunk; each hash
 * is SHA-256(prevHash || text); every checkpoint in the range holds the hash at its seq, and every
 * entry whose seq is a multiple of `every` has one. The first entry's prevHash is returned for the
 * caller to link to the chunk before.
 *
 * Self-contained (it uses only its arguments and built-ins): worker threads run it from its source.
 */
export function checkChunk(
  rows: readonly unknown[],
  low: number,
  high: number,
  checkpoints: readonly (readonly unknown[])[],
  every: number,
  sha256hex: (text: string) => string,
): ChunkResult {
  if (rows.length !== high - low || rows.length === 0) return { ok: false };
  const first = rows[0];
  const firstPrev = typeof first === 'string' ? first.slice(0, 64) : '';
  let prev = firstPrev;
  let cp = 0;
  let seq = low + 1;
  for (const joined of rows) {
    // prevHash (64 characters), at least '{"seq":N,' (9), hash (64)
    if (typeof joined !== 'string' || joined.length < 137) return { ok: false };
    const n = joined.length;
    // Compared as whole strings: faster than startsWith / endsWith over 64 characters.
    if (joined.slice(0, 64) !== prev) return { ok: false };
    // '{"seq":' then seq in decimal without a leading zero, then ','
    if (
      joined.charCodeAt(64) !== 123 || // {
      joined.charCodeAt(65) !== 34 || // "
      joined.charCodeAt(66) !== 115 || // s
      joined.charCodeAt(67) !== 101 || // e
      joined.charCodeAt(68) !== 113 || // q
      joined.charCodeAt(69) !== 34 || // "
      joined.charCodeAt(70) !== 58 || // :
      joined.charCodeAt(71) === 48 // a leading 0
    ) {
      return { ok: false };
    }
    let value = 0;
    let at = 71;
    for (; at < 87; at++) {
      const c = joined.charCodeAt(at);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
    }
    if (at === 71 || value !== seq || joined.charCodeAt(at) !== 44) return { ok: false };
    const hash = sha256hex(joined.slice(0, n - 64));
    if (joined.slice(n - 64) !== hash) return { ok: false };
    const checkpoint = checkpoints[cp];
    if (checkpoint !== undefined && checkpoint[0] === seq) {
      if (checkpoint[1] !== hash) return { ok: false };
      cp++;
    } else if (seq % every === 0) {
      return { ok: false };
    }
    prev = hash;
    seq++;
  }
  if (cp !== checkpoints.length) return { ok: false };
  return { ok: true, firstPrev, lastHash: prev };
}

/** SHA-256 as lowercase hex, one-shot. */
export function sha256hex(text: string): string {
  return digest('sha256', text, 'hex');
}

/** A worker: its own read-only connection, chunks in, results out. CommonJS, run with `eval`. */
const WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const Database = require(workerData.sqlite);
const checkChunk = (${checkChunk.toString()});
const sha256hex = (text) => hash('sha256', text, 'hex');
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
const rows = db.prepare(workerData.rowsSql).pluck();
const checkpoints = db.prepare(workerData.checkpointsSql).raw();
parentPort.on('message', (chunk) => {
  if (chunk === null) {
    db.close();
    parentPort.close();
    return;
  }
  let result;
  try {
    result = checkChunk(rows.all(chunk.low, chunk.high), chunk.low, chunk.high, checkpoints.all(chunk.low, chunk.high), workerData.every, sha256hex);
  } catch {
    result = { ok: false };
  }
  parentPort.postMessage({ id: chunk.id, result });
});
`;

/** Entries per chunk: a few milliseconds of work, so the calling thread's event loop is not held up. */
const CHUNK = 2048;
/** Below this many entries verify uses no workers: starting one costs more than it saves. */
export const PARALLEL_MIN_ENTRIES = 32768;
/** How long the calling thread checks chunks alone before `'idle-cpus'` looks at the CPUs. */
const SAMPLE_MS = 100;

/**
 * The workers for a range of `entries` when the caller did not say: none for a small range;
 * otherwise `'idle-cpus'`: one per CPU found idle while the calling thread checks the first chunks
 * (at most 7). A worker is worth it only with a CPU of its own: on a busy machine it shares the CPU
 * time the calling thread would have had, and its start-up and second connection cost more than it
 * does (measured on a shared 2-CPU machine: about a fifth slower than this thread alone).
 */
export function defaultWorkers(entries: number): number | 'idle-cpus' {
  return entries >= PARALLEL_MIN_ENTRIES && availableParallelism() >= 2 ? 'idle-cpus' : 0;
}

/** Idle time of all CPUs so far, in ms (os.cpus(); ticks of 10 ms on Linux). */
function idleMs(): number {
  let idle = 0;
  for (const cpu of cpus()) idle += cpu.times.idle;
  return idle;
}

export interface ChunkPlan {
  low: number;
  high: number;
}

/** `(from - 1, to]` cut in chunks of CHUNK entries (`size` in tests). */
export function planChunks(from: number, to: number, size = CHUNK): ChunkPlan[] {
  const step = Math.max(1, Math.floor(size) || CHUNK);
  const chunks: ChunkPlan[] = [];
  for (let low = from - 1; low < to; low += step) chunks.push({ low, high: Math.min(low + step, to) });
  return chunks;
}

export interface CheckChunksOptions {
  /** The database file (workers open it read-only). */
  file: string;
  chunks: readonly ChunkPlan[];
  /**
   * Worker threads besides this one, started at once; 0 checks every chunk here. `'idle-cpus'`: this
   * thread checks chunks for SAMPLE_MS, then starts one worker per CPU that stayed idle meanwhile.
   */
  workers: number | 'idle-cpus';
  every: number;
  /** Checks a chunk in this thread, through the caller's connection. */
  checkHere(chunk: ChunkPlan): ChunkResult;
  /** Each result, in chunk order; false stops (a failure to look into). */
  onResult(index: number, result: ChunkResult): boolean;
}

/**
 * Checks the chunks on `workers` threads and in this one at once: the workers are handed two chunks
 * at a time, this thread takes the next one whenever it has nothing to hand over, and yields to the
 * event loop between chunks. Results go to `onResult` in chunk order. A worker that cannot start or
 * dies is dropped and its chunks are checked here. Resolves with the number of results handed over
 * and of workers started.
 */
export async function checkChunks(options: CheckChunksOptions): Promise<{ handed: number; workers: number }> {
  const { chunks, every, checkHere, onResult } = options;
  const results = new Map<number, ChunkResult>();
  /** Chunks given to no one yet: `redo` first (a dropped worker's), then from `next` on. */
  const redo: number[] = [];
  let next = 0;
  let closing = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const take = (): number | undefined => (redo.length > 0 ? redo.shift() : next < chunks.length ? next++ : undefined);

  const pool: { worker: Worker; exited: Promise<void> }[] = [];
  const workerData = { sqlite: '', file: options.file, rowsSql: JOINED_ROWS_SQL, checkpointsSql: CHUNK_CHECKPOINTS_SQL, every };
  const startWorkers = (wanted: number) => {
    const count = Math.min(wanted, 7, chunks.length - next - 1);
    if (count <= 0) return;
    if (workerData.sqlite === '') {
      try {
        workerData.sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
      } catch {
        return; // No workers then.
      }
    }
    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      } catch {
        return;
      }
      const given = new Set<number>();
      const give = () => {
        const id = closing ? undefined : take();
        if (id === undefined) return;
        given.add(id);
        const chunk = chunks[id] as ChunkPlan;
        worker.postMessage({ id, low: chunk.low, high: chunk.high });
      };
      let dropped = false;
      const drop = () => {
        if (dropped) return;
        dropped = true;
        // Its unfinished chunks are done here.
        redo.push(...given);
        redo.sort((a, b) => a - b);
        given.clear();
        notify();
      };
      const exited = new Promise<void>((resolve) => {
        worker.once('exit', () => {
          drop();
          resolve();
        });
      });
      worker.on('message', (message: { id: number; result: ChunkResult }) => {
        if (dropped) return;
        given.delete(message.id);
        results.set(message.id, message.result);
        give();
        notify();
      });
      worker.on('error', drop);
      pool.push({ worker, exited });
      give();
      give();
    }
  };
  // 'idle-cpus': sample the CPUs' idle time now and again after SAMPLE_MS of checking here.
  let sample = options.workers === 'idle-cpus' ? { at: performance.now(), idle: idleMs() } : null;
  if (typeof options.workers === 'number') startWorkers(options.workers);

  let consumed = 0;
  try {
    for (;;) {
      for (let result = results.get(consumed); result !== undefined; result = results.get(consumed)) {
        results.delete(consumed);
        consumed++;
        if (!onResult(consumed - 1, result)) return { handed: consumed, workers: pool.length };
      }
      if (consumed === chunks.length) return { handed: consumed, workers: pool.length };
      const id = take();
      if (id !== undefined) {
        results.set(id, checkHere(chunks[id] as ChunkPlan));
        if (sample && performance.now() - sample.at >= SAMPLE_MS) {
          // This thread kept one CPU busy; what the others left idle is room for workers.
          const idleCpus = (idleMs() - sample.idle) / (performance.now() - sample.at);
          sample = null;
          startWorkers(Math.min(availableParallelism() - 1, Math.floor(idleCpus + 0.4)));
        }
        // Let worker messages in (and the rest of the process breathe) between chunks.
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    // No more chunks; a worker finishes those it was given, then closes its connection and exits.
    closing = true;
    for (const { worker } of pool) worker.postMessage(null);
    await Promise.all(pool.map(({ exited }) => exited));
  }
}
