import type { CallName, Envelope, EventName, Unsubscribe } from './index.ts';

/** IPC channel names are derived from the contract, never typed by hand. */
export const callChannel = (name: CallName): string => `rcc:call:${name}`;
export const eventChannel = (name: EventName): string => `rcc:event:${name}`;

/**
 * What the Electron preload exposes on `window.rcc`: exactly one invoker per contract call and a
 * subscription for contract events. Payloads are validated by the main process (inputs) and by
 * the renderer client (outputs).
 */
export interface RccBridge {
  readonly calls: { readonly [N in CallName]: (input: unknown) => Promise<Envelope<unknown>> };
  on(name: EventName, listener: (payload: unknown) => void): Unsubscribe;
}
