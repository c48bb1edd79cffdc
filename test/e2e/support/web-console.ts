import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bootConsole, type BootedConsole, type BootOptions, type DemoOptions } from '../../../electron/core/boot.ts';
import type { TokenStore } from '../../../electron/connector/token-store.ts';
import { startWebHost, type WebHost } from '../../../electron/web-host/server.ts';
import { tempDir } from '../../support/temp-dir.ts';

export const RENDERER_DIR = resolve(import.meta.dirname, '../../../dist/renderer');

export interface WebConsole {
  host: WebHost;
  booted: BootedConsole;
  close(): Promise<void>;
}

/** Boots the console in a fresh data directory (after `prepare` wrote what it needs there) and serves it. */
async function serve(prepare: (dataDir: string) => Promise<Omit<BootOptions, 'host' | 'dataDir'>>): Promise<WebConsole> {
  const dataDir = await tempDir('console');
  const booted = await bootConsole({ host: 'web', dataDir: dataDir.path, ...(await prepare(dataDir.path)) });
  const host = await startWebHost({ core: booted.core, staticDir: RENDERER_DIR });
  return {
    host,
    booted,
    async close() {
      await host.close();
      await booted.dispose();
      await dataDir.remove();
    },
  };
}

/** What `npm start` does on a machine without Electron: the console on the embedded demo fleet, served by the web host. */
export function startWebConsole(demo: DemoOptions = {}): Promise<WebConsole> {
  return serve(async (dataDir) => ({ regionsFile: resolve(dataDir, 'regions.json'), demo }));
}

/** The console on configured regions (a `regions.json` document and the tokens it needs), served by the web host. */
export function startWebConsoleOn(regionsJson: unknown, tokens: Record<string, string>): Promise<WebConsole> {
  return serve(async (dataDir) => {
    const regionsFile = resolve(dataDir, 'regions.json');
    await writeFile(regionsFile, JSON.stringify(regionsJson));
    const store: TokenStore = { get: async (id) => tokens[id] };
    return { regionsFile, tokens: store };
  });
}
