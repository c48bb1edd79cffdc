import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySnapshot } from '../../../electron/snapshots/index.ts';
import { bundleCrashChild, CrashChild } from '../../support/crash-child.ts';
import { mulberry32 } from '../../support/random.ts';
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
const KILLS = 50;
let bundled: Awaited<ReturnType<typeof bundleCrashChild>>;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  bundled = await bundleCrashChild('test/integration/snapshots/crash-child.ts', 'rcc-snapshot-crash');
  dir = await tempDir('snapshot-crash');
  // The audit store the children copy from, with entries and signed checkpoints.
  (await fixture(dir.path, { auditEntries: 200 })).close();
});
afterAll(async () => {
  await dir?.remove();
  bundled?.remove();
});

/** True once the child printed `line`, false if it ended first. */
const printed = (c: CrashChild, line: string) => c.waitForLine((l) => l === line);

const PHASES = ['telemetry', 'audit', 'hashing', 'syncing'];

describe('crash: SIGKILL while taking a snapshot', () => {
  it(`never leaves a file at the target path that does not verify, through ${KILLS} kills`, async () => {
    const rnd = mulberry32(11);
    const start = (round: number) => new CrashChild(bundled.script, [dir.path, join(dir.path, `target-${round}.rccsnap`)]);

    // One uninterrupted run: how long a take lasts here, and that it completes.
    const whole = start(-1);
    await printed(whole, 'ready');
    const t0 = performance.now();
    whole.process.stdin.write('go\n');
    expect(await printed(whole, 'done'), whole.lines.join('\n')).toBe(true);
    const takeMs = performance.now() - t0;
    await whole.exited;
    expect((await verifySnapshot(join(dir.path, 'target--1.rccsnap'))).ok).toBe(true);

    const outcome = { absent: 0, whole: 0, partialsLeft: 0 };
    const killedIn = new Map<string, number>();
    const queue = [start(0)];
    for (let round = 0; round < KILLS; round++) {
      const child = queue.shift()!;
      await printed(child, 'ready');
      if (round + 1 < KILLS) queue.push(start(round + 1));
      child.process.stdin.write('go\n');
      // Half the kills at a random moment of the whole take, half a random moment into a phase.
      if (round % 2 === 1) await printed(child, PHASES[Math.floor(rnd() * PHASES.length)] ?? 'telemetry');
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
