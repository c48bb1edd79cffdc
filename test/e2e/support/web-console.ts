import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { bootConsole, type BootedConsole, type DemoOptions } from '../../../electron/core/boot.ts';
import type { TokenStore } from '../../../electron/connector/token-store.ts';
import { startWebHost, type WebHost } from '../../../electron/web-host/server.ts';
import { tempDir } from '../../support/temp-dir.ts';

export const RENDERER_DIR = resolve(import.meta.dirname, '../../../dist/renderer');

export interface WebConsole {
  host: WebHost;
  booted: BootedConsole;
  close(): Promise<void>;
}

/** What `npm start` does on a machine without Electron: the console on the embedded demo fleet, served by the web host. */
export async function startWebConsole(demo: DemoOptions = {}): Promise<WebConsole> {
  const dataDir = await tempDir('console');
  const booted = await bootConsole({ host: 'web', dataDir: dataDir.path, regionsFile: resolve(dataDir.path, 'regions.json'), demo });
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

/** The console on configured regions (a `regions.json` document and the tokens it needs), served by the web host. */
export async function startWebConsoleOn(regionsJson: unknown, tokens: Record<string, string>): Promise<WebConsole> {
  const dataDir = await tempDir('console');
  const regionsFile = resolve(dataDir.path, 'regions.json');
  await writeFile(regionsFile, JSON.stringify(regionsJson));
  const store: TokenStore = { get: async (id) => tokens[id] };
  const booted = await bootConsole({ host: 'web', dataDir: dataDir.path, regionsFile, tokens: store });
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
