import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');

/**
 * A crash test's child script, bundled once with esbuild and run with plain node: `node --import
 * tsx` costs ~1 s of start-up per child on a busy 2-core machine, and the crash tests start hundreds.
 */
export async function bundleCrashChild(entry: string, cacheName: string): Promise<{ script: string; remove(): void }> {
  const out = join(root, 'node_modules/.cache', cacheName);
  mkdirSync(out, { recursive: true });
  const script = join(out, `child-${process.pid}.mjs`);
  await build({ entryPoints: [join(root, entry)], outfile: script, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });
  return { script, remove: () => rmSync(script, { force: true }) };
}

/** A running child: its stdout as lines, with a way to wait for one. */
export class CrashChild {
  readonly lines: string[] = [];
  private waiters: (() => void)[] = [];
  readonly exited: Promise<void>;
  readonly process: ChildProcessWithoutNullStreams;

  constructor(script: string, args: readonly string[]) {
    this.process = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let partial = '';
    this.process.stdout.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const w of this.waiters.splice(0)) w();
    });
    this.process.stderr.on('data', (chunk: Buffer) => this.lines.push(`stderr ${chunk.toString()}`));
    this.exited = new Promise((done) => this.process.on('close', () => done()));
  }

  /** Resolves true once a line matches, false if the child ended first. */
  async waitForLine(matches: (line: string) => boolean): Promise<boolean> {
    while (!this.lines.some(matches)) {
      if (this.process.exitCode !== null || this.process.signalCode !== null) return false;
      await new Promise<void>((done) => this.waiters.push(done));
    }
    return true;
  }
}
