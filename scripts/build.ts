import { build as esbuild, type Metafile, type Plugin } from 'esbuild';
import { chmod, readdir, rm, writeFile } from 'node:fs/promises';
import { callNames, eventNames } from '../shared/contract/index.ts';
import { basename, resolve } from 'node:path';
import { build as viteBuild } from 'vite';

const root = resolve(import.meta.dirname, '..');
const common = { bundle: true, platform: 'node' as const, target: 'node20', sourcemap: true, external: ['electron', 'better-sqlite3', 'playwright-core'], logLevel: 'warning' as const };

/** Renderer with Vite; Electron main (ESM) and preload (CJS: sandboxed preloads cannot be ESM) with esbuild. */
export async function buildAll({ quiet = false } = {}): Promise<void> {
  await viteBuild({ configFile: resolve(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  await buildMain();
  await buildWebHost();
  await esbuild({
    ...common,
    entryPoints: [resolve(root, 'electron/preload.ts')],
    outfile: resolve(root, 'dist/electron/preload.cjs'),
    format: 'cjs',
    plugins: [contractNamesOnly],
  });
}

/**
 * `<outdir>/main.mjs` with code splitting: what is only imported dynamically (the embedded demo fleet,
 * its simulator and prom-client, loaded when no regions.json exists) goes to chunks beside it, so the
 * code that always runs stays small. Chunks sit in the same directory as main.mjs because bundled code
 * resolves files relative to `import.meta.dirname`. Chunks of earlier builds are removed.
 */
export function buildMain(outdir = resolve(root, 'dist/electron')): Promise<Metafile> {
  return buildSplitEntry(resolve(root, 'electron/main.ts'), outdir);
}

/** `dist/web-host/main.mjs`: the web host, run by `npm start` in a process of its own with plain node. */
export const WEB_HOST_BUNDLE = resolve(root, 'dist/web-host/main.mjs');
export function buildWebHost(outdir = resolve(root, 'dist/web-host')): Promise<Metafile> {
  return buildSplitEntry(resolve(root, 'electron/web-host/entry.ts'), outdir);
}

async function buildSplitEntry(entry: string, outdir: string): Promise<Metafile> {
  const result = await esbuild({
    ...common,
    entryPoints: { main: entry },
    outdir,
    format: 'esm',
    splitting: true,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    metafile: true,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const built = new Set(Object.keys(result.metafile.outputs).map((file) => basename(file)));
  for (const file of await readdir(outdir)) {
    if (/\.mjs(\.map)?$/.test(file) && !built.has(file)) await rm(resolve(outdir, file), { force: true });
  }
  return result.metafile;
}

/**
 * The preload needs only the contract's call and event names, not its schemas (the main process
 * validates): swap the contract module for its names, computed from the contract at build time.
 */
const contractNamesOnly: Plugin = {
  name: 'contract-names-only',
  setup(build) {
    build.onResolve({ filter: /shared\/contract\/index\.ts$/ }, () => ({ path: 'contract-names', namespace: 'rcc' }));
    build.onLoad({ filter: /.*/, namespace: 'rcc' }, () => ({
      loader: 'js',
      contents: [
        `export const callNames = ${JSON.stringify(callNames)};`,
        `export const eventNames = ${JSON.stringify(eventNames)};`,
        'export const isEventName = (name) => eventNames.includes(name);',
      ].join('\n'),
    }));
  },
};

/** The committed rcc bundle (`npm ci --omit=dev` runs no build, and tsx is a dev dependency). */
export const CLI_BUNDLE = resolve(root, 'bin/rcc.mjs');

/**
 * `bin/rcc.mjs`: the rcc CLI (electron/cli/rcc/cli.ts) as one ESM file that plain `node` runs. Packages
 * stay external, so zod is resolved from the production dependencies. The output depends only on the
 * sources and the esbuild version (paths are relative to the repository), so a test can rebuild it in
 * memory (`write: false`) and compare it with the committed file. Returns the bundle's text.
 */
export async function buildCli({ write = true } = {}): Promise<string> {
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: ['electron/cli/rcc/cli.ts'],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    write: false,
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node\n// rcc, bundled from electron/cli/rcc/ by `npm run build:cli`. Do not edit: a test fails when this file is stale.\n/* eslint-disable */' },
  });
  const text = result.outputFiles[0]?.text ?? '';
  if (write) {
    await writeFile(CLI_BUNDLE, text);
    await chmod(CLI_BUNDLE, 0o755);
  }
  return text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--cli')) {
    await buildAll();
    console.log('built dist/renderer, dist/electron/main.mjs, dist/electron/preload.cjs, dist/web-host/main.mjs');
  }
  await buildCli();
  console.log('built bin/rcc.mjs');
}
