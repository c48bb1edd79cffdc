import { describe, expect, it } from 'vitest';
import { mainWindowOptions, SECURE_WEB_PREFERENCES } from '../../../electron/host/window-options.ts';

describe('window factory options', () => {
  const options = mainWindowOptions('/app/preload.cjs');
  const prefs = options.webPreferences!;

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

  it('uses exactly the secure preferences plus the preload', () => {
    expect(prefs).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/preload.cjs' });
  });

  it('is frozen so nothing can weaken it at runtime', () => {
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
    expect(Object.isFrozen(options)).toBe(true);
    expect(Object.isFrozen(prefs)).toBe(true);
    expect(() => {
      (prefs as { sandbox: boolean }).sandbox = false;
    }).toThrow(TypeError);
  });
});
