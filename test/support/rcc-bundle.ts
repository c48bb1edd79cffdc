import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCli } from '../../scripts/build.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI as shipped, but built from the current sources: the same esbuild bundle as the committed
 * bin/rcc.mjs (bin.test.ts keeps that one fresh), written under `dir` beside a link to node_modules.
 */
export async function buildRccBundle(dir: string): Promise<string> {
  const bundleDir = join(dir, 'bundle');
  mkdirSync(bundleDir);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(bundleDir, 'node_modules'), 'dir');
  const bundle = join(bundleDir, 'rcc.mjs');
  writeFileSync(bundle, await buildCli({ write: false }));
  return bundle;
}

/** Runs `node ...entry args`; `timeoutMs` kills a run that hangs or crawls. */
export function runNode(entry: readonly string[], args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [...entry, ...args], { cwd: options.cwd ?? REPO_ROOT, timeout: options.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}
