import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callChannel } from '../../../shared/contract/bridge.ts';
import { callNames, type Envelope } from '../../../shared/contract/index.ts';
import { registerIpcHost, type IpcMainLike } from '../../../electron/host/ipc-host.ts';
import type { IpcSenderEvent } from '../../../electron/host/trusted-sender.ts';
import { bareCore } from '../../support/bare-core.ts';
import { countingHandlers } from '../../support/counting-handlers.ts';

type Listener = (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>;

/** Records what the host registers, the way Electron's ipcMain would hold it. */
class RecordingIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, frameUrl: string | null, input: unknown) {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, input) as Promise<Envelope<unknown>>;
  }
}

describe('IPC host', () => {
  let fixture: Awaited<ReturnType<typeof bareCore>>;
  let ipc: RecordingIpcMain;
  let counter: ReturnType<typeof countingHandlers>;

  beforeEach(async () => {
    fixture = await bareCore('electron');
    counter = countingHandlers(fixture.core.handlers);
    ipc = new RecordingIpcMain();
    registerIpcHost(ipc, counter.handlers);
  });
  afterEach(() => fixture.dispose());

  it('registers one channel per contract call', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
  });

  it('serves a call from the app:// origin', async () => {
    const result = await ipc.invoke(callChannel('app.info'), 'app://rcc/index.html', {});
    expect(result.ok).toBe(true);
    expect(counter.calls()).toBe(1);
  });

  it.each([
    ['a remote page', 'https://evil.example/index.html'],
    ['a file:// page', 'file:///tmp/index.html'],
    ['another app host', 'app://other/index.html'],
    ['a destroyed frame', null],
  ])('refuses %s without calling the service', async (_label, url) => {
    const result = await ipc.invoke(callChannel('settings.get'), url, {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(counter.calls()).toBe(0);
  });

  it('refuses bad arguments with the zod issue path and never calls the service', async () => {
    const result = await ipc.invoke(callChannel('settings.set'), 'app://rcc/index.html', { theme: 'purple' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: ['theme'] } });
    const extra = await ipc.invoke(callChannel('settings.set'), 'app://rcc/index.html', { rogue: 1 });
    expect(extra).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(counter.calls()).toBe(0);
  });

  it('removes every handler on dispose', () => {
    const second = new RecordingIpcMain();
    const host = registerIpcHost(second, counter.handlers);
    host.dispose();
    expect(second.handlers.size).toBe(0);
  });
});
