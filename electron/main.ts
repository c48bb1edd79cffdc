import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { eventChannel } from '../shared/contract/bridge.ts';
import type { Core } from './core/create-core.ts';
import { bootConsole, type BootedConsole } from './core/boot.ts';
import { appProtocolHandler } from './host/app-protocol.ts';
import { SafeStorageTokenStore } from './connector/safe-storage-token-store.ts';
import { ENCRYPTED_SIGNING_KEY_FILE, SafeStorageSigningKeyStore } from './audit/index.ts';
import { hardenApp } from './host/hardening.ts';
import { alertNotifications } from './host/alert-notifications.ts';
import { registerIpcHost } from './host/ipc-host.ts';
import { APP_ENTRY_URL, APP_SCHEME } from './host/trusted-sender.ts';
import { mainWindowOptions } from './host/window-options.ts';
import { electronReportPrinter } from './report/electron-printer.ts';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let booted: BootedConsole | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void booted?.dispose();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    // A bad regions.json or token store must be readable by the user, not only in a terminal.
    const message = error instanceof Error ? error.message : String(error);
    console.error('Release Control Console failed to start:', message);
    dialog.showErrorBox('Release Control Console could not start', message);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  hardenApp(app, session.defaultSession);
  protocol.handle(APP_SCHEME, appProtocolHandler(resolve(import.meta.dirname, '../renderer')));
  const dataDir = process.env.RCC_DATA_DIR ?? app.getPath('userData');
  booted = await bootConsole({
    host: 'electron',
    dataDir,
    tokens: new SafeStorageTokenStore(join(dataDir, 'tokens.enc.json'), safeStorage),
    signingKeys: new SafeStorageSigningKeyStore(join(dataDir, ENCRYPTED_SIGNING_KEY_FILE), safeStorage),
  });
  registerIpcHost(ipcMain, booted.core.handlers);
  forwardEvents(booted.core);
  const windowOptions = () => mainWindowOptions({ preload: resolve(import.meta.dirname, 'preload.cjs'), packaged: app.isPackaged });
  // report.pdf: a hidden window with the same secure preferences prints the report route.
  booted.core.setReportPrinter(electronReportPrinter(() => new BrowserWindow({ ...windowOptions(), show: false }), APP_ENTRY_URL));
  mainWindow = new BrowserWindow(windowOptions());
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(APP_ENTRY_URL);
}

function forwardEvents(core: Core): void {
  core.bus.onAny((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(eventChannel(name), payload);
  });
  core.bus.on('alerts.changed', (payload) => {
    if (!Notification.isSupported()) return;
    for (const n of alertNotifications(payload)) new Notification(n).show();
  });
}
