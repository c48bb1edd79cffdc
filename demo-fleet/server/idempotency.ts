import type { ActionRequest, ActionResult } from '../../shared/protocol/index.ts';

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

type Entry = { fingerprint: string; state: 'processing' } | { fingerprint: string; state: 'done'; result: ActionResult };

export type Admission =
  | { kind: 'new' }
  | { kind: 'replay'; result: ActionResult }
  /** The key was used with a different request. */
  | { kind: 'mismatch' }
  /** The key's first request is still being processed. */
  | { kind: 'in-flight' };

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

  constructor(private readonly capacity = 10_000) {}

  admit(key: string, request: ActionRequest): Admission {
    const print = fingerprint(request);
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

  lookup(key: string): { state: 'processing' } | { state: 'done'; result: ActionResult } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    return entry.state === 'done' ? { state: 'done', result: entry.result } : { state: 'processing' };
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity) return;
      if (entry.state === 'done') this.entries.delete(key);
    }
  }
}
