import type { TelemetryRequest, TelemetryResult, TelemetrySource } from '../common/telemetry-source.ts';

interface Entry {
  expires: number;
  value: Promise<TelemetryResult>;
}

/**
 * Telemetry answers per (region, query, range bucket): the same question asked again within its
 * step — another screen, the alert loop, a re-render — is answered from here. Concurrent identical
 * queries share one request. Bounded: at most `maxEntries`, least recently used dropped first;
 * failures are not kept.
 */
export class TelemetryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  query(source: TelemetrySource, request: TelemetryRequest, ttlMs: number): Promise<TelemetryResult> {
    const key = `${source.regionId}\u0000${source.describe(request)}\u0000${request.from}\u0000${request.to}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = source.query(request);
    const entry: Entry = { expires: now + ttlMs, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}

/** Aligns a window to its step so every caller within one step asks the identical question. */
export function alignedWindow(nowMs: number, rangeSeconds: number, stepSeconds: number): { from: number; to: number } {
  const to = Math.floor(nowMs / 1000 / stepSeconds) * stepSeconds;
  return { from: to - rangeSeconds, to };
}
