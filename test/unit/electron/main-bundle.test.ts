import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain } from '../../../scripts/build.ts';
import { tempDir } from '../../support/temp-dir.ts';

const DEMO_FLEET = /(^|\/)demo-fleet\//;
const PROM_CLIENT = /node_modules\/prom-client\//;

/** Output files reachable from `entry` through the given import kinds. */
function reachable(meta: Metafile, entry: string, kinds: readonly string[]): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of meta.outputs[file]?.imports ?? []) {
      if (imported.external || !kinds.includes(imported.kind) || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...seen];
}

const inputsOf = (meta: Metafile, files: string[]) => files.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));

/**
 * The shipped main process loads the embedded demo fleet (simulator + prom-client) only when no
 * regions.json exists: built with the production build options, it must sit in a chunk that only a
 * dynamic import reaches, never in main.mjs or the chunks main.mjs loads at startup.
 */
describe('Electron main bundle', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let meta: Metafile;
  let entry: string;

  beforeAll(async () => {
    dir = await tempDir('main-bundle');
    meta = await buildMain(dir.path);
    entry = Object.keys(meta.outputs).find((file) => basename(file) === 'main.mjs')!;
  });
  afterAll(() => dir.remove());

  it('is built as main.mjs', () => {
    expect(entry).toBeDefined();
    expect(meta.outputs[entry]?.entryPoint).toMatch(/electron\/main\.ts$/);
  });

  it('loads neither the demo-fleet simulator nor prom-client at startup', async () => {
    const startup = reachable(meta, entry, ['import-statement']);
    const inputs = inputsOf(meta, startup);
    expect(inputs.some((input) => input.endsWith('electron/main.ts'))).toBe(true);
    expect(inputs.filter((input) => DEMO_FLEET.test(input))).toEqual([]);
    expect(inputs.filter((input) => PROM_CLIENT.test(input))).toEqual([]);
    for (const file of startup) {
      const text = await readFile(join(dir.path, basename(file)), 'utf8');
      expect(text, basename(file)).not.toContain('prom-client');
      expect(text, basename(file)).not.toContain('process_cpu_user_seconds_total');
    }
  });

  it('still ships the demo fleet, in a chunk reached only by a dynamic import', () => {
    const startup = new Set(reachable(meta, entry, ['import-statement']));
    const lazy = reachable(meta, entry, ['import-statement', 'dynamic-import']).filter((file) => !startup.has(file));
    const inputs = inputsOf(meta, lazy);
    expect(inputs.some((input) => input.endsWith('demo-fleet/index.ts'))).toBe(true);
    expect(inputs.some((input) => PROM_CLIENT.test(input))).toBe(true);
  });
});
