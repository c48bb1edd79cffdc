import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleInput, tempStore, type TempStore } from '../../support/audit-fixtures.ts';

/**
 * Verify's worker threads run checkChunk from its source text. Bundled the way bin/rcc.mjs and the
 * console are (esbuild, ESM, packages external) and run by plain node, the workers must still start
 * and check chunks — otherwise verify would quietly do all the work in its own thread.
 */
const root = resolve(import.meta.dirname, '../../..');
let s: TempStore;

beforeAll(async () => {
  s = await tempStore();
  for (let i = 0; i < 150; i++) s.store.append(sampleInput(i));
  s.store.close();
  symlinkSync(join(root, 'node_modules'), join(s.dir, 'node_modules'), 'dir');
  await build({
    absWorkingDir: root,
    entryPoints: ['electron/audit/verify-chunks.ts'],
    outfile: join(s.dir, 'verify-chunks.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  writeFileSync(
    join(s.dir, 'driver.mjs'),
    `import Database from 'better-sqlite3';
import { checkChunk, checkChunks, CHUNK_CHECKPOINTS_SQL, JOINED_ROWS_SQL, planChunks, sha256hex } from ${JSON.stringify(pathToFileURL(join(s.dir, 'verify-chunks.mjs')).href)};
const file = process.argv[2];
const db = new Database(file, { readonly: true });
const rows = db.prepare(JOINED_ROWS_SQL).pluck();
const checkpoints = db.prepare(CHUNK_CHECKPOINTS_SQL).raw();
const chunks = planChunks(1, 150, 10);
const here = [];
const results = [];
const { handed: done, workers } = await checkChunks({
  file,
  chunks,
  workers: 2,
  every: 64,
  checkHere: ({ low, high }) => {
    here.push(low);
    const until = performance.now() + 5;
    while (performance.now() < until);
    return checkChunk(rows.all(low, high), low, high, checkpoints.all(low, high), 64, sha256hex);
  },
  onResult: (index, result) => results.push(result) > 0,
});
console.log(JSON.stringify({ done, workers, chunks: chunks.length, here, ok: results.every((r) => r.ok) }));
`,
  );
});
afterAll(async () => {
  await s.remove();
});

describe('verify workers in a bundle', () => {
  it('start from the bundled source and check their chunks under plain node', async () => {
    const stdout = await new Promise<string>((done, fail) => {
      execFile(process.execPath, [join(s.dir, 'driver.mjs'), s.file], { cwd: s.dir, timeout: 30_000 }, (error, out, err) => (error ? fail(new Error(`${error.message}\n${err}`)) : done(out)));
    });
    const result = JSON.parse(stdout) as { done: number; workers: number; chunks: number; here: number[]; ok: boolean };
    expect(result).toMatchObject({ done: result.chunks, workers: 2, ok: true });
    // The first two chunks of each worker are handed to it as it starts: had a worker failed, they
    // would have been checked here.
    expect(result.here).not.toContain(0);
    expect(result.here).not.toContain(10);
    expect(result.here.length).toBeLessThan(result.chunks);
  });
});
