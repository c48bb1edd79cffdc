import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callChannel } from '../../../shared/contract/bridge.ts';
import { callNames } from '../../../shared/contract/index.ts';
import { SECURE_WEB_PREFERENCES } from '../../../electron/host/window-options.ts';
import { tempDir } from '../../support/temp-dir.ts';

const MAIN = resolve(import.meta.dirname, '../../../dist/electron/main.mjs');

interface Report {
  errors: string[];
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  windowOptions: { webPreferences: Record<string, unknown> } | null;
  loadedUrl: string | null;
  channels: string[];
  page: { status: number; csp: string | null; body: string } | null;
  outsideStatus: number | null;
  appInfo: unknown;
  foreign: unknown;
  setToken: unknown;
  permission: boolean | null;
}

/**
 * The bundled Electron main process, started under Node against a recording stand-in for the
 * Electron API (the binary cannot run here): it must register the app:// scheme, open one secure
 * window on app://rcc/, serve the renderer with the CSP, and answer the contract over IPC.
 */
describe('bundled Electron main process (under Node, Electron API recorded)', () => {
  let report: Report;
  let dataDir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    expect(existsSync(MAIN), `${MAIN} missing: run npm run build`).toBe(true);
    dataDir = await tempDir('electron-main');
    const out = execFileSync(process.execPath, [resolve(import.meta.dirname, 'run-main.mjs'), pathToFileURL(MAIN).href], {
      env: { ...process.env, RCC_DATA_DIR: dataDir.path },
      encoding: 'utf8',
      timeout: 60_000,
    });
    report = JSON.parse(out.trim().split('\n').at(-1)!) as Report;
  });
  afterAll(() => dataDir.remove());

  it('starts without errors and registers app:// as a secure standard scheme', () => {
    expect(report.errors).toEqual([]);
    expect(report.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens one window with the secure preferences (DevTools closed when packaged) and a preload, on app://rcc/', () => {
    const prefs = report.windowOptions!.webPreferences;
    expect({ ...prefs, preload: undefined }).toEqual({ ...SECURE_WEB_PREFERENCES, preload: undefined });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false });
    expect(String(prefs.preload)).toMatch(/dist\/electron\/preload\.cjs$/);
    expect(report.loadedUrl).toBe('app://rcc/index.html');
  });

  it('serves the built renderer with the CSP and nothing outside app://rcc', () => {
    expect(report.page).toMatchObject({ status: 200 });
    expect(report.page!.csp).toContain("script-src 'self'");
    expect(report.page!.body).toContain('<!doctype html>');
    expect(report.outsideStatus).toBe(404);
  });

  it('answers every contract call over IPC for the app origin only', () => {
    expect(report.channels.sort()).toEqual(callNames.map(callChannel).sort());
    expect(report.appInfo).toMatchObject({ ok: true, data: { host: 'electron' } });
    expect(report.foreign).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('refuses to store a token where the OS offers no keychain, and denies permissions', () => {
    expect(report.setToken).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('No OS keychain') } });
    expect(report.permission).toBe(false);
  });
});
