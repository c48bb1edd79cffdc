import type { Signal } from '../../shared/protocol/index.ts';
import type { TelemetrySourceKind } from '../../shared/contract/index.ts';

/** One query to a region's telemetry: every live version of every component unless narrowed. */
export interface TelemetryRequest {
  signal: Signal;
  /** Unix seconds, inclusive. */
  from: number;
  to: number;
  stepSeconds: number;
  component?: string;
  version?: string;
}

/** One signal of one component version: [unix seconds, value] at the step; NaN and ±Inf are dropped. */
export interface TelemetrySeries {
  component: string;
  version: string;
  signal: Signal;
  points: Array<[number, number]>;
}

export interface TelemetryResult {
  series: TelemetrySeries[];
  /** Warnings the source attached (Prometheus `warnings`, partial data); shown, not fatal. */
  warnings: string[];
}

/**
 * A region's telemetry, native (`GET /v1/telemetry`) or Prometheus (`/api/v1/query_range`).
 * Implementations bound time and body size, validate every answer, and throw `TelemetryError`.
 */
export interface TelemetrySource {
  readonly kind: TelemetrySourceKind;
  readonly regionId: string;
  /** The finest step worth asking for (Prometheus: its scrape interval); default 1 s. */
  readonly minStepSeconds?: number;
  /** The text of the query as it goes to the source, for error messages and the UI. */
  describe(request: TelemetryRequest): string;
  query(request: TelemetryRequest, signal?: AbortSignal): Promise<TelemetryResult>;
}

/** A failed telemetry query: names the region, the source and the query. */
export class TelemetryError extends Error {
  constructor(
    readonly regionId: string,
    readonly source: TelemetrySourceKind,
    readonly queryText: string,
    message: string,
    readonly retryable = true,
  ) {
    super(`${regionId} ${source} telemetry: ${message} (query: ${queryText})`);
    this.name = 'TelemetryError';
  }
}
