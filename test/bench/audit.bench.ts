import Database from 'better-sqlite3';
import { createHash, hash, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuditEntryInput,
  canonicalEntry,
  CHECKPOINT_EVERY,
  FileSigningKeyStore,
  GENESIS_HASH,
  openAuditStore,
  openAuditStoreReadOnly,
  type AuditFilter,
} from '../../electron/audit/index.ts';
import { PAGE_SIZE, SCHEMA_SQL } from '../../electron/audit/schema.ts';
import { parsePrivateKey } from '../../electron/audit/signing-key.ts';
import { chainHash } from '../../electron/audit/store.ts';
import { medianMs, type Benchmark } from './harness.ts';
import { mulberry32 } from '../support/random.ts';

/**
 * Audit store budgets (issue 10), each against a baseline measured in the same run:
 * - durable hash-chained append ≤ 1.1× a bare durable INSERT of the same row (WAL + FULL, the same
 *   table, indexes and FTS trigger; no chain, no head read, no checkpoints);
 * - verify of 1,000,000 entries ≤ 2× a bare chained SHA-256 over the same bytes held in memory;
 * - filter + FTS search over 1,000,000 entries ≤ 50 ms.
 */

const MILLION = 1_000_000;
const WORDS = ['search', 'index', 'latency', 'error', 'spike', 'canary', 'rollback', 'schema', 'migration', 'timeout', 'memory', 'leak', 'archive', 'ingest', 'viewer', 'router', 'dicom', 'worklist', 'cache', 'quota'];
const REGIONS = ['us-east', 'us-west', 'eu-west', 'eu-central', 'ca-central', 'ap-south'];
const ACTIONS = ['component.rollback', 'toggle.set', 'rollout.pause', 'rollout.abort', 'settings.set'];

/** A realistic entry: one of 50 actors, 6 regions, 5 actions, 10,000 tickets, reasons from a 20-word vocabulary. */
function benchInput(i: number, rnd: () => number): AuditEntryInput {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const actor = Math.floor(rnd() * 50);
  const action = pick(ACTIONS);
  return {
    kind: i % 2 === 0 ? 'intent' : 'note',
    actorUser: `user${actor}`,
    actorName: `User Number ${actor}`,
    workstation: `ws-${actor % 7}.example.org`,
    action,
    region: action === 'settings.set' ? null : pick(REGIONS),
    target: `component-${Math.floor(rnd() * 60)}`,
    before: { train: 47, instances: Math.floor(rnd() * 500) },
    after: { train: 46 },
    whatIf: i % 2 === 0 ? { introduced: [], resolved: [`rule-${i % 4}`], unchanged: 3 } : null,
    reason: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} on ${pick(WORDS)} after deploy ${i % 977}`,
    ticket: `CHG-${Math.floor(rnd() * 10_000)}`,
    idempotencyKey: i % 2 === 0 ? `key-${i}` : null,
  };
}

function tempFile(name: string): { dir: string; file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rcc-audit-bench-'));
  return { dir, file: join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const appendBench: Benchmark = {
  name: 'audit: durable hash-chained append vs a bare durable INSERT of the same row',
  async run() {
    // Measured appends of each kind, after `warmup` of each that are not timed (the first hundred or
    // so run before V8 has compiled the store's code, and the files are still growing).
    const n = Number(process.env.AUDIT_BENCH_APPENDS ?? 1000);
    const warmup = 200;
    const storeDir = tempFile('audit.sqlite');
    const bareDir = tempFile('bare.sqlite');
    try {
      const store = await openAuditStore(storeDir.file, { keys: new FileSigningKeyStore(join(storeDir.dir, 'key.pem')), consoleVersion: 'bench' });
      // The baseline: the same table, indexes and FTS trigger, durable the same way; only the rows'
      // own values are inserted (no ordering trigger, no head read, no hash, no checkpoints).
      const bare = new Database(bareDir.file);
      bare.pragma(`page_size = ${PAGE_SIZE}`);
      bare.pragma('journal_mode = WAL');
      bare.pragma('synchronous = FULL');
      bare.exec(SCHEMA_SQL);
      bare.exec('DROP TRIGGER audit_entries_in_order');
      const insert = bare.prepare('INSERT INTO audit_entries (seq, entry, prev_hash, hash) VALUES (?, ?, ?, ?)');
      const rnd = mulberry32(7);
      const inputs = Array.from({ length: warmup + n }, (_, i) => benchInput(i, rnd));
      const texts = inputs.map((input, i) => canonicalEntry({ ...AuditEntryInput.parse(input), seq: i + 1, at: new Date().toISOString(), consoleVersion: 'bench' }));
      const filler = 'f'.repeat(64);
      let storeMs = 0;
      let bareMs = 0;
      // Entry by entry, in pairs, alternately first (bare, store, store, bare, bare, store…), so that
      // both see the same disk and machine load: an fsync takes 1 to 10 ms here depending on what
      // else the machine writes, and blocks of 50 appends (before) let that swing the ratio by ±15%.
      const bareOne = (i: number) => {
        const t0 = performance.now();
        bare.transaction(() => insert.run(i + 1, texts[i], filler, filler))();
        if (i >= warmup) bareMs += performance.now() - t0;
      };
      const storeOne = (i: number) => {
        const t0 = performance.now();
        store.append(inputs[i] ?? benchInput(i, rnd));
        if (i >= warmup) storeMs += performance.now() - t0;
      };
      for (let i = 0; i < warmup + n; i++) {
        if (i % 2 === 0) {
          bareOne(i);
          storeOne(i);
        } else {
          storeOne(i);
          bareOne(i);
        }
      }
      bare.close();
      store.close();
      const r = storeMs / bareMs;
      return {
        pass: r <= 1.1,
        summary: `${ratio(storeMs, bareMs)} a bare durable INSERT (budget <= 1.1x); ${(storeMs / n).toFixed(2)} ms vs ${(bareMs / n).toFixed(2)} ms per entry over ${n} entries each, after ${warmup} each not timed (checkpoint signed every ${CHECKPOINT_EVERY})`,
      };
    } finally {
      storeDir.remove();
      bareDir.remove();
    }
  },
};

/**
 * A store of one million entries, written the fast way: the store creates the file (schema, key),
 * then one transaction inserts the chained rows and their signed checkpoints with the insert
 * triggers and the field indexes set aside; the fields, indexes and FTS index are then built in
 * bulk, exactly as the schema declares them.
 * Returns the entries' canonical texts (the baseline hashes those).
 */
export async function millionEntryStore(dir: string, file: string): Promise<string[]> {
  const keyFile = join(dir, 'key.pem');
  const created = await openAuditStore(file, { keys: new FileSigningKeyStore(keyFile), consoleVersion: 'bench' });
  created.close();
  const key = parsePrivateKey((await new FileSigningKeyStore(keyFile).get()) ?? '');
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const deferred = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE ((tbl_name = 'audit_entries' AND type = 'trigger') OR (tbl_name = 'audit_fields' AND type = 'index')) AND sql IS NOT NULL")
    .raw()
    .all() as [string, string, string][];
  for (const [type, name] of deferred) db.exec(`DROP ${type.toUpperCase()} "${name}"`);
  const insert = db.prepare('INSERT INTO audit_entries (seq, entry, prev_hash, hash) VALUES (?, ?, ?, ?)');
  const checkpoint = db.prepare('INSERT INTO audit_checkpoints (seq, hash, signature, at) VALUES (?, ?, ?, ?)');
  const rnd = mulberry32(42);
  const start = Date.parse('2025-11-01T00:00:00.000Z');
  const texts: string[] = [];
  let prev = GENESIS_HASH;
  db.transaction(() => {
    for (let seq = 1; seq <= MILLION; seq++) {
      const at = new Date(start + seq * 30_000).toISOString();
      const input = AuditEntryInput.parse(benchInput(seq, rnd));
      const text = canonicalEntry({ ...input, seq, at, consoleVersion: 'bench' });
      const hash = chainHash(prev, text);
      insert.run(seq, text, prev, hash);
      if (seq % CHECKPOINT_EVERY === 0 || seq === MILLION) checkpoint.run(seq, hash, sign(null, Buffer.from(`${seq}:${hash}`), key).toString('base64'), at);
      texts.push(text);
      prev = hash;
    }
  })();
  const f = (name: string) => `entry ->> '$.${name}'`;
  db.exec(
    `INSERT INTO audit_fields (seq, at, kind, actor_user, actor_name, action, region, outcome, intent_seq)
     SELECT seq, ${f('at')}, ${f('kind')}, ${f('actorUser')}, ${f('actorName')}, ${f('action')}, ${f('region')}, ${f('outcome')}, ${f('intentSeq')} FROM audit_entries`,
  );
  for (const [, , sql] of deferred) db.exec(sql);
  db.exec("INSERT INTO audit_fts(audit_fts) VALUES ('rebuild')");
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return texts;
}

let million: { dir: string; file: string; remove(): void; texts: string[]; buildMs: number } | null = null;
async function millionStore(): Promise<NonNullable<typeof million>> {
  if (!million) {
    const t = tempFile('audit.sqlite');
    const t0 = performance.now();
    const texts = await millionEntryStore(t.dir, t.file);
    million = { ...t, texts, buildMs: performance.now() - t0 };
  }
  return million;
}

const verifyBench: Benchmark = {
  name: 'audit: verify of 1,000,000 entries vs a bare chained SHA-256 over the same bytes in memory',
  async run() {
    const m = await millionStore();
    const store = openAuditStoreReadOnly(m.file);
    try {
      // The baseline is the faster of two bare chains over the same texts: one-shot crypto.hash
      // and createHash().update(prev).update(text). Verify and both baselines take turns, round
      // after round (one warm-up round, then five measured), so that all three see the same machine
      // load; each is the median of its five measured runs.
      const oneShot = () => {
        let h = GENESIS_HASH;
        for (const t of m.texts) h = hash('sha256', h + t, 'hex');
        return h;
      };
      const streaming = () => {
        let h = GENESIS_HASH;
        for (const t of m.texts) h = createHash('sha256').update(h).update(t).digest('hex');
        return h;
      };
      let verified = true;
      const times: Record<'verify' | 'oneShot' | 'streaming', number[]> = { verify: [], oneShot: [], streaming: [] };
      // The worker threads verify started (only for CPUs it found idle), round by round.
      const workers: number[] = [];
      for (let round = 0; round < 6; round++) {
        let t0 = performance.now();
        const report = await store.verify();
        workers.push(report.workers);
        verified &&= report.ok && report.entries === MILLION && report.unsignedTail === 0;
        const verifyTime = performance.now() - t0;
        t0 = performance.now();
        oneShot();
        const oneShotTime = performance.now() - t0;
        t0 = performance.now();
        streaming();
        const streamingTime = performance.now() - t0;
        if (round === 0) continue;
        times.verify.push(verifyTime);
        times.oneShot.push(oneShotTime);
        times.streaming.push(streamingTime);
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
      const verifyMs = median(times.verify);
      const oneShotMs = median(times.oneShot);
      const streamingMs = median(times.streaming);
      const bareMs = Math.min(oneShotMs, streamingMs);
      const r = verifyMs / bareMs;
      return {
        pass: verified && r <= 2,
        summary:
          `${ratio(verifyMs, bareMs)} bare chained SHA-256 (budget <= 2x); ${(verifyMs / 1000).toFixed(2)} s vs ${(bareMs / 1000).toFixed(2)} s ` +
          `(one-shot ${(oneShotMs / 1000).toFixed(2)} s, createHash ${(streamingMs / 1000).toFixed(2)} s = ${ratio(verifyMs, streamingMs)})${verified ? '' : ' — VERIFY FAILED'}; ` +
          `worker threads besides verify's own, round by round: ${workers.join(', ')}; ` +
          `store of 1M entries built in ${(m.buildMs / 1000).toFixed(0)} s`,
      };
    } finally {
      store.close();
    }
  },
};

const queryBench: Benchmark = {
  name: 'audit: filter + FTS search over 1,000,000 entries (first page of 100 and the total)',
  async run() {
    const m = await millionStore();
    const store = openAuditStoreReadOnly(m.file);
    try {
      const cases: [string, AuditFilter][] = [
        ['ticket', { text: 'CHG-4242' }],
        ['ticket + region', { text: 'CHG-4242', region: 'eu-west' }],
        ['two words + action + last 30 days', { text: 'dicom worklist', action: 'component.rollback', since: '2026-09-25T00:00:00Z' }],
        ['word prefix + actor', { text: 'migr', actor: 'user7' }],
        ['actor + region + kind (no text)', { actor: 'user7', region: 'ap-south', kind: 'intent' }],
        ['one common word + region', { text: 'spike', region: 'us-east' }],
      ];
      const results = cases.map(([name, filter]) => {
        let total = 0;
        const ms = medianMs(() => (total = store.query(filter, { limit: 100 }).total), 7, 2);
        return { name, ms, total };
      });
      const worst = Math.max(...results.map((r) => r.ms));
      return {
        pass: worst <= 50,
        summary: `worst ${worst.toFixed(1)} ms (budget <= 50 ms): ${results.map((r) => `${r.name} ${r.ms.toFixed(1)} ms (${r.total.toLocaleString('en-US')} hits)`).join('; ')}`,
      };
    } finally {
      store.close();
      million?.remove();
      million = null;
    }
  },
};

export const benchmarks: Benchmark[] = [appendBench, verifyBench, queryBench];
