// A recording stand-in for the Electron API surface electron/main.ts uses. The Electron binary
// cannot run on the build machines; this lets the real bundled main process start under Node.
import { EventEmitter } from 'node:events';

export const record = { schemes: [], protocolHandlers: new Map(), ipc: new Map(), windows: [], notifications: [], appEvents: new EventEmitter(), permissionHandlers: [], errors: [] };
globalThis.__fakeElectron = record;

export const app = {
  // As in the shipped app: the bundle runs packaged, so DevTools must be closed.
  isPackaged: true,
  requestSingleInstanceLock: () => true,
  on: (name, fn) => record.appEvents.on(name, fn),
  whenReady: () => Promise.resolve(),
  getPath: () => process.env.RCC_DATA_DIR,
  quit: () => record.appEvents.emit('quit-called'),
  exit: (code) => record.errors.push(`exit ${code}`),
};
export const protocol = {
  registerSchemesAsPrivileged: (schemes) => record.schemes.push(...schemes),
  handle: (scheme, handler) => record.protocolHandlers.set(scheme, handler),
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => record.permissionHandlers.push(fn),
    setPermissionCheckHandler: (fn) => record.permissionHandlers.push(fn),
  },
};
export const ipcMain = {
  handle: (channel, fn) => record.ipc.set(channel, fn),
  removeHandler: (channel) => record.ipc.delete(channel),
};
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => { throw new Error('no keychain'); },
  decryptString: () => { throw new Error('no keychain'); },
};
export const dialog = { showErrorBox: (title, message) => record.errors.push(`${title}: ${message}`) };
export class BrowserWindow extends EventEmitter {
  static getAllWindows() { return record.windows; }
  constructor(options) {
    super();
    this.options = options;
    this.webContents = { sent: [], send: (channel, payload) => this.webContents.sent.push([channel, payload]) };
    record.windows.push(this);
  }
  loadURL(url) { this.url = url; return Promise.resolve(); }
  show() {}
  isMinimized() { return false; }
  focus() {}
}
export class Notification {
  static isSupported() { return true; }
  constructor(options) { this.options = options; }
  show() { record.notifications.push(this.options); }
}
export default { app, protocol, session, ipcMain, safeStorage, dialog, BrowserWindow, Notification };
