import { callChannel, eventChannel, type RccBridge } from '../../shared/contract/bridge.ts';
import { callNames, isEventName, type CallName, type Envelope } from '../../shared/contract/index.ts';

/** The slice of ipcRenderer the bridge uses (passed in so the bridge is testable under Node). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildBridge(ipc: IpcRendererLike): RccBridge {
  const calls = Object.fromEntries(
    callNames.map((name) => [name, (input: unknown) => ipc.invoke(callChannel(name), input) as Promise<Envelope<unknown>>]),
  ) as Record<CallName, (input: unknown) => Promise<Envelope<unknown>>>;
  return Object.freeze({
    calls: Object.freeze(calls),
    on(name, listener) {
      if (!isEventName(name)) throw new Error(`Unknown event "${String(name)}"`);
      const channel = eventChannel(name);
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  } satisfies RccBridge);
}
