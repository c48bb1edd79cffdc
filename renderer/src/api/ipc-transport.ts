import type { RccBridge } from '../../../shared/contract/bridge.ts';
import { isCallName } from '../../../shared/contract/index.ts';
import type { Transport } from './transport.ts';

export function ipcTransport(bridge: RccBridge): Transport {
  return {
    kind: 'ipc',
    call: (name, input) => {
      if (!isCallName(name)) return Promise.resolve({ ok: false, error: { kind: 'unknown-call', message: `Unknown call "${name}"` } });
      return bridge.calls[name](input);
    },
    subscribe: (name, listener) => bridge.on(name, listener),
  };
}
