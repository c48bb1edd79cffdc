import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The only web preferences any console window gets. Frozen: nothing may weaken them at runtime. */
export const SECURE_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
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
});

export function mainWindowOptions(preloadPath: string): Readonly<BrowserWindowConstructorOptions> {
  return Object.freeze({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Release Control Console',
    backgroundColor: '#0f1419',
    autoHideMenuBar: true,
    webPreferences: Object.freeze({ ...SECURE_WEB_PREFERENCES, preload: preloadPath }),
  });
}
