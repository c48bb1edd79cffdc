import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './host/bridge.ts';

contextBridge.exposeInMainWorld('rcc', buildBridge(ipcRenderer));
