import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySnapshot } from '../../../electron/snapshots/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { fixture } from './fixture.ts';

/**
 * Crash while taking: a child process takes a snapshot and is SIGKILLed at a random moment, 50
 * times — either a random time after it starts, or a random time after a given phase began (the
 * telemetry, the audit copy, hashing, the final fsync and rename). After every kill the target path
 * holds nothing, or a snapshot that passes every check: never a half file.
 *
 * The child (crash-child.ts) is bundled once with esbuild and run with plain node, like the audit
 * crash test's; the next child starts while the current one runs.
 */
const root = resolve(import.meta.dirname, '../../..');
const KILLS = 50;
let childScript: string;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  const out = join(root, 'node_modules/.cache/rcc-snapshot-crash');
  mkdirSync(out, { recursive: true });
  childScript = join(out, `child-${process.pid}.mjs`);
  await build({ entryPoints: [join(root, 'test/integration/snapshots/crash-child.ts')], outfile: childScript, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });
  dir = await tempDir('snapshot-crash');
  // The audit store the children copy from, with entries and signed checkpoints.
  (await fixture(dir.path, { auditEntries: 200 })).close();
});
afterAll(async () => {
  await dir?.remove();
  rmSync(childScript, { force: true });
});

class Child {
  readonly lines: string[] = [];
  private waiters: (() => void)[] = [];
  readonly exited: Promise<void>;
  constructor(readonly process: ChildProcessWithoutNullStreams) {
    let partial = '';
    process.stdout.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const w of this.waiters.splice(0)) w();
    });
    process.stderr.on('data', (chunk: Buffer) => this.lines.push(`stderr ${chunk.toString()}`));
    this.exited = new Promise((done) => process.on('close', () => done()));
  }
  async waitFor(line: string): Promise<boolean> {
    while (!this.lines.includes(line)) {
      if (this.process.exitCode !== null || this.process.signalCode !== null) return false;
      await new Promise<void>((done) => this.waiters.push(done));
    }
    return true;
  }
}

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHASES = ['telemetry', 'audit', 'hashing', 'syncing'];

describe('crash: SIGKILL while taking a snapshot', () => {
  it(`never leaves a file at the target path that does not verify, through ${KILLS} kills`, async () => {
    const rnd = random(11);
    const start = (round: number) => new Child(spawn(process.execPath, [childScript, dir.path, join(dir.path, `target-${round}.rccsnap`)], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] }));

    // One uninterrupted run: how long a take lasts here, and that it completes.
    const whole = start(-1);
    await whole.waitFor('ready');
    const t0 = performance.now();
    whole.process.stdin.write('go\n');
    expect(await whole.waitFor('done'), whole.lines.join('\n')).toBe(true);
    const takeMs = performance.now() - t0;
    await whole.exited;
    expect((await verifySnapshot(join(dir.path, 'target--1.rccsnap'))).ok).toBe(true);

    const outcome = { absent: 0, whole: 0, partialsLeft: 0 };
    const killedIn = new Map<string, number>();
    const queue = [start(0)];
    for (let round = 0; round < KILLS; round++) {
      const child = queue.shift()!;
      await child.waitFor('ready');
      if (round + 1 < KILLS) queue.push(start(round + 1));
      child.process.stdin.write('go\n');
      // Half the kills at a random moment of the whole take, half a random moment into a phase.
      if (round % 2 === 1) await child.waitFor(PHASES[Math.floor(rnd() * PHASES.length)] ?? 'telemetry');
      await new Promise((done) => setTimeout(done, rnd() * (round % 2 === 1 ? 30 : takeMs)));
      child.process.kill('SIGKILL');
      await child.exited;
      const phases = child.lines.filter((l) => !l.startsWith('stderr') && l !== 'ready');
      killedIn.set(phases.at(-1) ?? 'start', (killedIn.get(phases.at(-1) ?? 'start') ?? 0) + 1);
      expect(child.lines.filter((l) => l.startsWith('stderr'))).toEqual([]);

      const target = join(dir.path, `target-${round}.rccsnap`);
      const leftovers = readdirSync(dir.path).filter((n) => n.startsWith(`target-${round}.rccsnap.partial-`));
      const files = readdirSync(dir.path).filter((n) => n === `target-${round}.rccsnap`);
      if (files.length === 0) {
        outcome.absent++;
      } else {
        const v = await verifySnapshot(target);
        expect(v.ok, v.ok ? '' : v.message).toBe(true);
        outcome.whole++;
      }
      // A temporary file left by the kill is never at the target path; it is removed here.
      outcome.partialsLeft += leftovers.length;
      for (const name of leftovers) rmSync(join(dir.path, name), { force: true });
    }
    expect(queue).toEqual([]);
    expect(outcome.absent + outcome.whole).toBe(KILLS);
    expect(outcome.partialsLeft).toBeLessThanOrEqual(outcome.absent);
    // The kills reached past the start: into the telemetry, the audit copy, hashing or the final sync.
    expect([...killedIn.keys()].filter((p) => PHASES.includes(p)).length).toBeGreaterThanOrEqual(2);
    console.log(`snapshot crash: ${KILLS} SIGKILLs (a take lasts ${Math.round(takeMs)} ms here); last phase begun at the kill: ${JSON.stringify(Object.fromEntries(killedIn))}; target absent ${outcome.absent}, whole and verified ${outcome.whole}; ${outcome.partialsLeft} temporary files left beside it`);
  }, 600_000);
});
