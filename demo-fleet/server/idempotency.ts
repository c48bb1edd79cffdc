import type { ActionRequest, ActionResult } from '../../shared/protocol/index.ts';

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

type Entry = { fingerprint: string; state: 'processing' } | { fingerprint: string; state: 'done'; result: ActionResult };

export type Admission =
  | { kind: 'new' }
  | { kind: 'replay'; result: ActionResult }
  /** The key was used with a different request. */
  | { kind: 'mismatch' }
  /** The key's first request is still being processed. */
  | { kind: 'in-flight' }
  /** The key was looked up, and reported never received, before this request arrived. */
  | { kind: 'fenced' };

/** Canonical JSON (sorted keys) of a request: equal requests, equal fingerprints. */
export function fingerprint(request: ActionRequest): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sort(x)]));
    }
    return v;
  };
  return JSON.stringify(sort(request));
}

/** Results by idempotency key for one region; the oldest finished keys are forgotten past `capacity`. */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  /** Keys looked up before any request with them arrived (oldest first, as many as `capacity`). */
  private readonly fences = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  admit(key: string, request: ActionRequest): Admission {
    const print = fingerprint(request);
    if (this.fences.has(key)) return { kind: 'fenced' };
    const entry = this.entries.get(key);
    if (!entry) {
      this.entries.set(key, { fingerprint: print, state: 'processing' });
      this.evict();
      return { kind: 'new' };
    }
    if (entry.fingerprint !== print) return { kind: 'mismatch' };
    return entry.state === 'done' ? { kind: 'replay', result: entry.result } : { kind: 'in-flight' };
  }

  complete(key: string, result: ActionResult): void {
    const entry = this.entries.get(key);
    if (entry) this.entries.set(key, { fingerprint: entry.fingerprint, state: 'done', result });
  }

  /** The request failed before producing a result: the key may be used again. */
  abandon(key: string): void {
    if (this.entries.get(key)?.state === 'processing') this.entries.delete(key);
  }

  /**
   * The key's state. A key never received is fenced from then on: a request with it that arrives
   * later (sent before a crash, delayed in a queue) is refused, so "never received" cannot turn false.
   */
  lookup(key: string): { state: 'processing' } | { state: 'done'; result: ActionResult } | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.fence(key);
      return undefined;
    }
    return entry.state === 'done' ? { state: 'done', result: entry.result } : { state: 'processing' };
  }

  private fence(key: string): void {
    this.fences.add(key);
    if (this.fences.size > this.capacity) {
      const oldest = this.fences.values().next();
      if (!oldest.done) this.fences.delete(oldest.value);
    }
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity) return;
      if (entry.state === 'done') this.entries.delete(key);
    }
  }
}
