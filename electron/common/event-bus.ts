import type { EventListener, EventName, EventPayload, Unsubscribe } from '../../shared/contract/index.ts';

type AnyListener = (name: EventName, payload: unknown) => void;

/** Typed in-process bus for the contract's server-pushed events; hosts forward it to renderers. */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  on<E extends EventName>(name: E, listener: EventListener<E>): Unsubscribe {
    return this.onAny((n, payload) => {
      if (n === name) listener(payload as EventPayload<E>);
    });
  }

  onAny(listener: AnyListener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
