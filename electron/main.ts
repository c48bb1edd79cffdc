import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { eventChannel } from '../shared/contract/bridge.ts';
import { SNAPSHOT_EXTENSION, type SnapshotFilePurpose } from '../shared/contract/index.ts';
import type { EventBus } from './common/event-bus.ts';
import { appProtocolHandler } from './host/app-protocol.ts';
import { SafeStorageTokenStore } from './connector/safe-storage-token-store.ts';
import { ENCRYPTED_SIGNING_KEY_FILE, SafeStorageSigningKeyStore } from './audit/index.ts';
import { SwitchableConsole } from './host/console-switch.ts';
import { dispatch } from './host/dispatch.ts';
import { hardenApp } from './host/hardening.ts';
import { alertNotifications } from './host/alert-notifications.ts';
import { registerIpcHost } from './host/ipc-host.ts';
import { snapshotFromArgv } from './host/snapshot-argv.ts';
import { APP_ENTRY_URL, APP_SCHEME } from './host/trusted-sender.ts';
import { mainWindowOptions } from './host/window-options.ts';
import { electronReportPrinter } from './report/electron-printer.ts';
import type { BootOptions } from './core/boot.ts';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let shown: SwitchableConsole | null = null;
/** A snapshot double-clicked (macOS `open-file`, or argv elsewhere) before the console was up. */
let pendingSnapshot: string | null = snapshotFromArgv(process.argv, process.cwd());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // macOS sends the double-clicked file as an event, possibly before `ready`.
  app.on('open-file', (event: { preventDefault(): void }, path: string) => {
    event.preventDefault();
    if (shown) void openAtRuntime(path);
    else pendingSnapshot = path;
  });
  app.on('second-instance', (_event: unknown, argv: string[], cwd: string) => {
    const file = snapshotFromArgv(argv, cwd);
    if (file && shown) void openAtRuntime(file);
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void shown?.dispose();
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
  const options: Omit<BootOptions, 'switcher'> = {
    host: 'electron',
    dataDir,
    tokens: new SafeStorageTokenStore(join(dataDir, 'tokens.enc.json'), safeStorage),
    signingKeys: new SafeStorageSigningKeyStore(join(dataDir, ENCRYPTED_SIGNING_KEY_FILE), safeStorage),
    dialogs: { choose: chooseFile },
  };
  shown = await startShowing(options, pendingSnapshot);
  pendingSnapshot = null;
  registerIpcHost(ipcMain, shown.handlers);
  forwardEvents(shown.bus);
  const windowOptions = () => mainWindowOptions({ preload: resolve(import.meta.dirname, 'preload.cjs'), packaged: app.isPackaged });
  // report.pdf: a hidden window with the same secure preferences prints the report route (whichever core is shown).
  shown.setReportPrinter(electronReportPrinter(() => new BrowserWindow({ ...windowOptions(), show: false }), APP_ENTRY_URL));
  mainWindow = new BrowserWindow(windowOptions());
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(APP_ENTRY_URL);
}

/** A double-clicked snapshot that is refused says why, and the console starts live instead. */
async function startShowing(options: Omit<BootOptions, 'switcher'>, snapshot: string | null): Promise<SwitchableConsole> {
  if (!snapshot) return SwitchableConsole.start(options);
  try {
    return await SwitchableConsole.start({ ...options, snapshot });
  } catch (error) {
    dialog.showErrorBox('Snapshot not opened', error instanceof Error ? error.message : String(error));
    return SwitchableConsole.start({ ...options, snapshot: null });
  }
}

/** Through the contract call, so the switch is validated and audited like one from the page. */
async function openAtRuntime(file: string): Promise<void> {
  if (!shown) return;
  const result = await dispatch(shown.handlers, 'snapshots.open', { file });
  if (!result.ok) dialog.showErrorBox('Snapshot not opened', result.error.message);
}

async function chooseFile(purpose: SnapshotFilePurpose, defaultPath: string): Promise<string | null> {
  const filters = [{ name: 'Release Control snapshot', extensions: [SNAPSHOT_EXTENSION.slice(1)] }];
  if (purpose === 'save') {
    const chosen = mainWindow ? await dialog.showSaveDialog(mainWindow, { defaultPath, filters }) : await dialog.showSaveDialog({ defaultPath, filters });
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
  }
  const options = { defaultPath, filters, properties: ['openFile' as const] };
  const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}

function forwardEvents(bus: EventBus): void {
  bus.onAny((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(eventChannel(name), payload);
  });
  bus.on('alerts.changed', (payload) => {
    if (!Notification.isSupported()) return;
    for (const n of alertNotifications(payload)) new Notification(n).show();
  });
}
