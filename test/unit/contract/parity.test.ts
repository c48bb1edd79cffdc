import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callChannel, eventChannel } from '../../../shared/contract/bridge.ts';
import { callNames, eventNames, type EventName } from '../../../shared/contract/index.ts';
import { buildBridge, type IpcRendererLike } from '../../../electron/host/bridge.ts';
import { registerIpcHost, type IpcMainLike } from '../../../electron/host/ipc-host.ts';
import { startWebHost, type WebHost } from '../../../electron/web-host/server.ts';
import { createApiClient } from '../../../renderer/src/api/client.ts';
import type { Transport } from '../../../renderer/src/api/transport.ts';
import { bareCore } from '../../support/bare-core.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { rawRequest } from '../../support/web-request.ts';

/** A call that exists in the contract must exist in every transport, and nothing else may. */
describe('contract ↔ hosts parity', () => {
  let fixture: Awaited<ReturnType<typeof bareCore>>;
  let host: WebHost;
  let staticDir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    fixture = await bareCore();
    staticDir = await tempDir('static');
    host = await startWebHost({ core: fixture.core, staticDir: staticDir.path });
  });
  afterAll(async () => {
    await host.close();
    await fixture.dispose();
    await staticDir.remove();
  });

  it('the IPC host registers exactly the contract calls', () => {
    const channels: string[] = [];
    const ipc: IpcMainLike = { handle: (c) => void channels.push(c), removeHandler: () => {} };
    registerIpcHost(ipc, fixture.core.handlers);
    expect(channels.sort()).toEqual(callNames.map(callChannel).sort());
  });

  it('the preload bridge exposes exactly the contract calls and routes each to its channel', async () => {
    const invoked: string[] = [];
    const ipc: IpcRendererLike = {
      invoke: async (channel) => {
        invoked.push(channel);
        return { ok: true, data: null };
      },
      on: () => {},
      removeListener: () => {},
    };
    const bridge = buildBridge(ipc);
    expect(Object.keys(bridge.calls).sort()).toEqual([...callNames].sort());
    for (const name of callNames) await bridge.calls[name]({});
    expect(invoked).toEqual(callNames.map(callChannel));
  });

  it('the preload bridge subscribes to exactly the contract events', () => {
    const subscribed: string[] = [];
    const bridge = buildBridge({ invoke: async () => null, on: (c) => void subscribed.push(c), removeListener: () => {} });
    for (const name of eventNames) bridge.on(name, () => {});
    expect(subscribed).toEqual(eventNames.map(eventChannel));
    expect(() => bridge.on('no.such.event' as EventName, () => {})).toThrow(/Unknown event/);
  });

  it('the web host routes every contract call and 404s anything else', async () => {
    for (const name of callNames) {
      const res = await rawRequest(host.port, { method: 'POST', path: `/api/call/${name}`, headers: { authorization: `Bearer ${host.secret}`, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status, name).not.toBe(404);
    }
    const unknown = await rawRequest(host.port, { method: 'POST', path: '/api/call/fleet.deleteEverything', headers: { authorization: `Bearer ${host.secret}` }, body: '{}' });
    expect(unknown.status).toBe(404);
  });

  it('the renderer client has exactly one method per contract call', () => {
    const transport: Transport = { kind: 'http', call: async () => ({ ok: true, data: null }), subscribe: () => () => {} };
    expect(Object.keys(createApiClient(transport).api).sort()).toEqual([...callNames].sort());
  });
});
