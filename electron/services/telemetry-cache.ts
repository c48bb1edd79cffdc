import type { TelemetryRequest, TelemetryResult, TelemetrySource } from '../common/telemetry-source.ts';

interface Entry {
  expires: number;
  value: Promise<TelemetryResult>;
  /** Estimated heap bytes of the answer; 0 while it is in flight. */
  bytes: number;
}

export interface TelemetryCacheLimits {
  /** At most this many answers (default 500). */
  maxEntries?: number;
  /** At most this many estimated bytes of answers (default 16 MB); one larger answer is not kept. */
  maxBytes?: number;
}

/**
 * What one answer costs on the heap (V8, 64-bit): a point is a two-element array as `JSON.parse`
 * builds it (32-byte array + 32-byte elements) plus its 8-byte slot; a series adds its object,
 * array and strings.
 */
const BYTES_PER_POINT = 72;
const BYTES_PER_SERIES = 200;

export function estimateBytes(result: TelemetryResult): number {
  let bytes = BYTES_PER_SERIES;
  for (const s of result.series) bytes += BYTES_PER_SERIES + s.points.length * BYTES_PER_POINT;
  for (const w of result.warnings) bytes += 2 * w.length;
  return bytes;
}

/**
 * Telemetry answers per (region, query, range bucket): the same question asked again within its
 * step — another screen, the alert loop, a re-render — is answered from here. Concurrent identical
 * queries share one request. Bounded in entries and in estimated bytes, least recently used dropped
 * first; expired answers are dropped at once (their window has moved on, nobody asks again);
 * failures are not kept.
 */
export class TelemetryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private heldBytes = 0;

  constructor(
    limits: TelemetryCacheLimits = {},
    private readonly now: () => number = Date.now,
  ) {
    this.maxEntries = limits.maxEntries ?? 500;
    this.maxBytes = limits.maxBytes ?? 16_000_000;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes of the answers held. */
  get bytes(): number {
    return this.heldBytes;
  }

  /** `ttlMs` 0: the answer is shared while it is in flight only, not kept (a question nobody asks twice). */
  query(source: TelemetrySource, request: TelemetryRequest, ttlMs: number): Promise<TelemetryResult> {
    const key = `${source.regionId}\u0000${source.describe(request)}\u0000${request.from}\u0000${request.to}`;
    const now = this.now();
    this.dropExpired(now);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = source.query(request);
    const entry: Entry = { expires: ttlMs > 0 ? now + ttlMs : Number.POSITIVE_INFINITY, value, bytes: 0 };
    this.entries.set(key, entry);
    value.then(
      (result) => {
        if (this.entries.get(key) !== entry) return;
        if (ttlMs <= 0) return this.drop(key, entry);
        entry.bytes = estimateBytes(result);
        this.heldBytes += entry.bytes;
        if (entry.bytes > this.maxBytes) this.drop(key, entry);
        else this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.drop(key, entry);
      },
    );
    this.evict();
    return value;
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.drop(key, entry);
  }

  /** Least recently used first, until both limits hold (an answer in flight weighs nothing yet). */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.heldBytes <= this.maxBytes) return;
      this.drop(key, entry);
    }
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }
}

/** Aligns a window to its step so every caller within one step asks the identical question. */
export function alignedWindow(nowMs: number, rangeSeconds: number, stepSeconds: number): { from: number; to: number } {
  const to = Math.floor(nowMs / 1000 / stepSeconds) * stepSeconds;
  return { from: to - rangeSeconds, to };
}
