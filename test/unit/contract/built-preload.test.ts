import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { callChannel } from '../../../shared/contract/bridge.ts';
import { callNames } from '../../../shared/contract/index.ts';

const PRELOAD = resolve(import.meta.dirname, '../../../dist/electron/preload.cjs');

/** The preload that ships (built by `npm test` / `npm run build`), run against a recording Electron. */
describe('built preload bundle', () => {
  it('exposes exactly the contract calls on window.rcc, each on its own channel', async () => {
    expect(existsSync(PRELOAD), `${PRELOAD} missing: run npm run build`).toBe(true);
    const exposed: Record<string, unknown> = {};
    const invoked: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
      ipcRenderer: { invoke: async (channel: string) => void invoked.push(channel), on: () => {}, removeListener: () => {} },
      webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
    };
    class File {
      constructor(readonly name: string) {}
    }
    const module = { exports: {} };
    runInNewContext(readFileSync(PRELOAD, 'utf8'), { module, exports: module.exports, File, require: (id: string) => (id === 'electron' ? electron : undefined) });
    const bridge = exposed.rcc as { calls: Record<string, (input: unknown) => Promise<unknown>> };
    expect(Object.keys(exposed)).toEqual(['rcc', 'rccFiles']);
    // A dropped snapshot opens by its path (webUtils); anything but a File is refused.
    const files = exposed.rccFiles as { pathForFile(file: unknown): string };
    expect(files.pathForFile(new File('incident.rccsnap'))).toBe('/dropped/incident.rccsnap');
    expect(() => files.pathForFile({ name: 'x' })).toThrow(/takes a File/);
    expect(Object.keys(bridge.calls).sort()).toEqual([...callNames].sort());
    for (const name of callNames) await bridge.calls[name]!({});
    expect(invoked).toEqual(callNames.map(callChannel));
  });

  it('carries no schema library (the main process validates)', () => {
    expect(readFileSync(PRELOAD, 'utf8').length).toBeLessThan(10_000);
  });
});
