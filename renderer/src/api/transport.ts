import type { Envelope, EventName, Unsubscribe } from '../../../shared/contract/index.ts';

/** How the renderer reaches the main-process services: Electron IPC or the web host's HTTP. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(name: EventName, listener: (payload: unknown) => void): Unsubscribe;
}
