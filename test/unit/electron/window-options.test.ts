import { describe, expect, it } from 'vitest';
import { mainWindowOptions, SECURE_WEB_PREFERENCES } from '../../../electron/host/window-options.ts';

/**
 * The expected values are written out here, not read from the module under test: weakening any
 * preference in window-options.ts must fail this test.
 */
const EXPECTED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
};

describe('window factory options', () => {
  const packaged = mainWindowOptions({ preload: '/app/preload.cjs', packaged: true });
  const development = mainWindowOptions({ preload: '/app/preload.cjs', packaged: false });
  const prefs = packaged.webPreferences!;

  it('isolates and sandboxes the renderer with Node off', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('closes DevTools in packaged builds and opens them only in development', () => {
    expect(prefs.devTools).toBe(false);
    expect(development.webPreferences!.devTools).toBe(true);
    // The constant itself, used by anything else that builds a window, keeps them closed.
    expect(SECURE_WEB_PREFERENCES.devTools).toBe(false);
  });

  it('has exactly the expected preferences, the preload and nothing else', () => {
    expect(prefs).toStrictEqual({ ...EXPECTED, devTools: false, preload: '/app/preload.cjs' });
    expect(development.webPreferences).toStrictEqual({ ...EXPECTED, devTools: true, preload: '/app/preload.cjs' });
  });

  it('is frozen so nothing can weaken it at runtime', () => {
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
    expect(Object.isFrozen(packaged)).toBe(true);
    expect(Object.isFrozen(prefs)).toBe(true);
    expect(() => {
      (prefs as { sandbox: boolean }).sandbox = false;
    }).toThrow(TypeError);
    expect(() => {
      (SECURE_WEB_PREFERENCES as { devTools: boolean }).devTools = true;
    }).toThrow(TypeError);
  });
});
