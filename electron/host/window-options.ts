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
  // Closed unless mainWindowOptions is told the build is not packaged.
  devTools: false,
});

export interface WindowOptionsInput {
  /** Absolute path of the built preload script. */
  preload: string;
  /** `app.isPackaged`: a packaged (shipped) build never opens DevTools. */
  packaged: boolean;
}

export function mainWindowOptions({ preload, packaged }: WindowOptionsInput): Readonly<BrowserWindowConstructorOptions> {
  return Object.freeze({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Release Control Console',
    backgroundColor: '#0f1419',
    autoHideMenuBar: true,
    webPreferences: Object.freeze({ ...SECURE_WEB_PREFERENCES, devTools: !packaged, preload }),
  });
}
