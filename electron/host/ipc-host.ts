import { callChannel } from '../../shared/contract/bridge.ts';
import { callNames, type Envelope, type Handlers } from '../../shared/contract/index.ts';
import { runCall, validateCall } from './dispatch.ts';
import { isTrustedSender, type IpcSenderEvent } from './trusted-sender.ts';

/** The slice of ipcMain the host uses (passed in so the host is testable under Node). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * Registers one handler per contract call. The single wrapper checks the sender frame's origin and
 * validates the arguments with the contract before any service runs.
 */
export function registerIpcHost(ipc: IpcMainLike, handlers: Handlers): { channels: string[]; dispose(): void } {
  const channels = callNames.map((name) => {
    const channel = callChannel(name);
    ipc.handle(channel, async (event, input): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { kind: 'forbidden', message: `IPC from untrusted frame ${event.senderFrame?.url ?? '(none)'}` } };
      }
      const validated = validateCall(name, input);
      if (!validated.ok) return validated;
      return runCall(handlers, validated.name, validated.args);
    });
    return channel;
  });
  return {
    channels,
    dispose: () => channels.forEach((channel) => ipc.removeHandler(channel)),
  };
}
