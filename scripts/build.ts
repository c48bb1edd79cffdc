import { build as esbuild, type Plugin } from 'esbuild';
import { callNames, eventNames } from '../shared/contract/index.ts';
import { resolve } from 'node:path';
import { build as viteBuild } from 'vite';

const root = resolve(import.meta.dirname, '..');

/** Renderer with Vite; Electron main (ESM) and preload (CJS: sandboxed preloads cannot be ESM) with esbuild. */
export async function buildAll({ quiet = false } = {}): Promise<void> {
  await viteBuild({ configFile: resolve(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  const common = { bundle: true, platform: 'node' as const, target: 'node20', sourcemap: true, external: ['electron', 'better-sqlite3'], logLevel: 'warning' as const };
  await esbuild({
    ...common,
    entryPoints: [resolve(root, 'electron/main.ts')],
    outfile: resolve(root, 'dist/electron/main.mjs'),
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  await esbuild({
    ...common,
    entryPoints: [resolve(root, 'electron/preload.ts')],
    outfile: resolve(root, 'dist/electron/preload.cjs'),
    format: 'cjs',
    plugins: [contractNamesOnly],
  });
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

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll();
  console.log('built dist/renderer, dist/electron/main.mjs, dist/electron/preload.cjs');
}
