import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildBridge } from './host/bridge.ts';
import { buildFileBridge } from './host/file-bridge.ts';

contextBridge.exposeInMainWorld('rcc', buildBridge(ipcRenderer));
contextBridge.exposeInMainWorld('rccFiles', buildFileBridge(webUtils.getPathForFile, (value): value is File => value instanceof File));
