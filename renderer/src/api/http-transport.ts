import { Envelope as EnvelopeSchema, eventNames, type EventName } from '../../../shared/contract/index.ts';
import { z } from 'zod';
import type { Transport } from './transport.ts';

const AnyEnvelope = EnvelopeSchema(z.unknown());

/** The web host's transport: POST /api/call/<name>, events over one EventSource. The secret travels as an HttpOnly cookie. */
export function httpTransport(baseUrl = ''): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function ensureSource(): void {
    if (source) return;
    source = new EventSource(`${baseUrl}/api/events`);
    for (const name of eventNames) {
      source.addEventListener(name, (event) => {
        const payload: unknown = JSON.parse((event as MessageEvent<string>).data);
        listeners.get(name)?.forEach((listener) => listener(payload));
      });
    }
  }

  return {
    kind: 'http',
    async call(name, input) {
      const response = await fetch(`${baseUrl}/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      if (response.status === 401) {
        return { ok: false, error: { kind: 'unauthorized', message: 'The web host refused this page: open the URL printed by `npm start` (it carries the secret).' } };
      }
      const parsed = AnyEnvelope.safeParse(await response.json().catch(() => null));
      if (!parsed.success) {
        return { ok: false, error: { kind: 'internal', message: `Unexpected response from web host (HTTP ${response.status})` } };
      }
      return parsed.data as Awaited<ReturnType<Transport['call']>>;
    },
    subscribe(name, listener) {
      ensureSource();
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  };
}
