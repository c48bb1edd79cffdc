import { callNames, calls, events, type Api, type CallName, type EventListener, type EventName, type Unsubscribe } from '../../../shared/contract/index.ts';
import { ApiError } from './api-error.ts';
import type { Transport } from './transport.ts';

export interface ApiClient {
  api: Api;
  subscribe<E extends EventName>(name: E, listener: EventListener<E>): Unsubscribe;
  transport: Transport['kind'];
}

/** One function per contract call, output validated with the contract's schema. */
export function createApiClient(transport: Transport): ApiClient {
  const api = Object.fromEntries(
    callNames.map((name: CallName) => [
      name,
      async (input: unknown) => {
        const envelope = await transport.call(name, input);
        if (!envelope.ok) throw new ApiError(name, envelope.error);
        const parsed = calls[name].output.safeParse(envelope.data);
        if (!parsed.success) {
          throw new ApiError(name, { kind: 'validation', message: `${name} returned data that does not match the contract: ${parsed.error.issues[0]?.message ?? ''}` });
        }
        return parsed.data;
      },
    ]),
  ) as Api;

  return {
    api,
    transport: transport.kind,
    subscribe(name, listener) {
      return transport.subscribe(name, (payload) => {
        const parsed = events[name].payload.safeParse(payload);
        if (parsed.success) listener(parsed.data as Parameters<typeof listener>[0]);
        else console.error(`Event ${name} did not match the contract`, parsed.error.issues);
      });
    },
  };
}
