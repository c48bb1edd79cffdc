import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSigningKeyStore, openAuditStore, openAuditStoreReadOnly, type AuditStore } from '../../../electron/audit/index.ts';
import { bundleCrashChild, CrashChild } from '../../support/crash-child.ts';
import { mulberry32 } from '../../support/random.ts';
import { tempDir } from '../../support/temp-dir.ts';

/**
 * Crash safety: a child process appends entries and prints each acknowledged (returned, durable)
 * seq; it is SIGKILLed at a random moment, 200 times. After each kill the store opens (as the
 * console would after a crash), every acknowledged entry is there with the hash it was acknowledged
 * with, and the whole chain verifies.
 *
 * The child (test/support/audit-crash-child.ts) is bundled once with esbuild and run with plain
 * node: `node --import tsx` costs ~1 s of start-up per child on a busy 2-core machine, 200 of them
 * several minutes. The next two children are started while the current one runs, so start-up
 * overlaps.
 */
const KILLS = 200;
let bundled: Awaited<ReturnType<typeof bundleCrashChild>>;
let dir: { path: string; remove(): Promise<void> };

beforeAll(async () => {
  bundled = await bundleCrashChild('test/support/audit-crash-child.ts', 'rcc-audit-crash');
  dir = await tempDir('audit-crash');
});
afterAll(async () => {
  await dir.remove();
  bundled?.remove();
});

function start(file: string, keyFile: string): CrashChild {
  return new CrashChild(bundled.script, [file, keyFile]);
}

/** Waits for a line starting with `prefix`; the child ending first fails the test with what it printed. */
async function printed(child: CrashChild, prefix: string): Promise<void> {
  if (!(await child.waitForLine((l) => l.startsWith(prefix)))) throw new Error(`child ended before "${prefix}": ${child.lines.join('\n')}`);
}

describe('crash: SIGKILL while appending', () => {
  it(`keeps every acknowledged entry and a verifying chain through ${KILLS} kills`, async () => {
    const file = join(dir.path, 'audit.sqlite');
    const keyFile = join(dir.path, 'audit-signing-key.pem');
    const rnd = mulberry32(10);
    const acked = new Map<number, string>();
    let publicKey = '';
    let killsDuringOpen = 0;
    let unacknowledgedButKept = 0;
    const t0 = performance.now();
    const queue = [start(file, keyFile), start(file, keyFile)];
    for (let round = 0; round < KILLS; round++) {
      const child = queue.shift()!;
      await printed(child, 'ready');
      if (round + queue.length + 1 < KILLS) queue.push(start(file, keyFile));
      child.process.stdin.write('go\n');
      // One kill in five lands anywhere from opening on (recovery, verification, signing the
      // head); the others after 5–60 ms of appending.
      const duringOpen = round % 5 === 0;
      if (!duringOpen) await printed(child, 'ack');
      await new Promise((done) => setTimeout(done, 5 + rnd() * 55));
      child.process.kill('SIGKILL');
      await child.exited;
      expect(child.process.signalCode, child.lines.filter((l) => l.startsWith('stderr')).join('\n')).toBe('SIGKILL');
      if (!child.lines.some((l) => l.startsWith('open'))) killsDuringOpen++;
      if (round === 0) {
        const first = await openAuditStore(file, { keys: new FileSigningKeyStore(keyFile), consoleVersion: 'crash-test' });
        publicKey = first.publicKey();
        first.close();
      }
      for (const line of child.lines) {
        const [word, seq, hash] = line.split(' ');
        if (word === 'ack' && seq && hash) acked.set(Number(seq), hash);
      }

      // Most rounds check from a read-only connection (the next child then recovers the store, as
      // a restarted console would); every tenth opens it for writing here, as the console does.
      const writable = round % 10 === 9;
      const store = writable ? await openAuditStore(file, { keys: new FileSigningKeyStore(keyFile), consoleVersion: 'crash-test' }) : openAuditStoreReadOnly(file);
      try {
        if (writable) expect((store as AuditStore).openReport.ok, (store as AuditStore).openReport.failure?.message).toBe(true);
        const head = store.head()?.seq ?? 0;
        const lastAck = Math.max(0, ...acked.keys());
        expect(head).toBeGreaterThanOrEqual(lastAck);
        unacknowledgedButKept += head - lastAck;
        for (const [seq, hash] of acked) {
          if (seq > lastAck - 200) expect(store.get(seq)?.hash, `acknowledged entry ${seq}`).toBe(hash);
        }
        const report = await store.verify();
        expect(report.ok, report.failure?.message).toBe(true);
        expect(report.publicKey).toBe(publicKey);
        // Entries written but not acknowledged before the kill stay (they were committed): count them as acknowledged from here.
        for (let seq = lastAck + 1; seq <= head; seq++) acked.set(seq, store.get(seq)?.hash ?? '');
      } finally {
        store.close();
      }
    }
    expect(queue).toEqual([]);

    const store = await openAuditStore(file, { keys: new FileSigningKeyStore(keyFile), consoleVersion: 'crash-test' });
    try {
      const head = store.head()?.seq ?? 0;
      expect(head).toBe(acked.size);
      for (const [seq, hash] of acked) expect(store.get(seq)?.hash).toBe(hash);
      expect((await store.verify()).ok).toBe(true);
      const seconds = (performance.now() - t0) / 1000;
      console.log(
        `crash: ${KILLS} SIGKILLs in ${seconds.toFixed(1)} s (${((seconds / KILLS) * 10).toFixed(1)} s per 10); ${head} entries, ` +
          `${head - unacknowledgedButKept} acknowledged before their kill, all present with their hashes; ` +
          `${unacknowledgedButKept} committed but killed before the ack was printed; ${killsDuringOpen} kills before the store had opened; ` +
          'the chain verified after every kill',
      );
    } finally {
      store.close();
    }
  }, 300_000);
});
