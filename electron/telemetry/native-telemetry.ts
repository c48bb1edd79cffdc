import type { TelemetryQuery, TelemetryResponse } from '../../shared/protocol/index.ts';
import { TelemetryError, type TelemetryRequest, type TelemetryResult, type TelemetrySource } from '../common/telemetry-source.ts';
import { EndpointError } from '../connector/endpoint-error.ts';
import { telemetryParams } from '../connector/region-client.ts';
import { checkRequest } from './telemetry-request.ts';

/** What the native source needs from a region: `RegionClient.telemetry` (timeout, body cap, retries, breaker). */
export interface NativeTelemetryClient {
  telemetry(query: TelemetryQuery, signal?: AbortSignal): Promise<TelemetryResponse>;
}

/**
 * A region's telemetry over the native protocol's `GET /v1/telemetry`: one request per signal
 * (without `component`, every live version of every component). `version` without `component` is
 * not a native query: it asks for every component and keeps that version's series.
 */
export class NativeTelemetrySource implements TelemetrySource {
  readonly kind = 'native' as const;

  constructor(
    readonly regionId: string,
    private readonly client: NativeTelemetryClient,
  ) {}

  /** The request as it goes out: `GET /v1/telemetry?signal=…&from=…`. */
  describe(request: TelemetryRequest): string {
    const query = this.toQuery(request);
    return query ? `GET /v1/telemetry?${telemetryParams(query)}` : `GET /v1/telemetry (from ${request.from}, to ${request.to}: not unix seconds)`;
  }

  async query(request: TelemetryRequest, signal?: AbortSignal): Promise<TelemetryResult> {
    const text = this.describe(request);
    const problem = checkRequest(request);
    const query = this.toQuery(request);
    if (problem || !query) throw new TelemetryError(this.regionId, 'native', text, problem ?? 'from and to must be unix seconds', false);
    let body: TelemetryResponse;
    try {
      body = await this.client.telemetry(query, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof EndpointError) {
        const detail = error.message.startsWith(`${error.region} `) ? error.message.slice(error.region.length + 1) : error.message;
        throw new TelemetryError(this.regionId, 'native', text, detail, error.transient || error.kind === 'circuit-open');
      }
      throw new TelemetryError(this.regionId, 'native', text, error instanceof Error ? error.message : String(error), true);
    }
    const warnings: string[] = [];
    if (body.region !== this.regionId) warnings.push(`the endpoint answered for region ${JSON.stringify(body.region.slice(0, 64))}`);
    const series = body.series
      .filter((s) => s.signal === request.signal && (request.version === undefined || s.version === request.version) && (request.component === undefined || s.component === request.component))
      .map((s) => ({
        component: s.component,
        version: s.version,
        signal: s.signal,
        points: s.points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v)),
      }));
    const offTopic = body.series.length - series.length;
    if (offTopic > 0 && request.version === undefined) warnings.push(`${offTopic} series for another signal or component left out`);
    return { series, warnings };
  }

  private toQuery(request: TelemetryRequest): TelemetryQuery | null {
    const from = isoSeconds(request.from);
    const to = isoSeconds(request.to);
    if (from === null || to === null) return null;
    return {
      signal: request.signal,
      from,
      to,
      stepSeconds: request.stepSeconds,
      ...(request.component !== undefined ? { component: request.component } : {}),
      ...(request.component !== undefined && request.version !== undefined ? { version: request.version } : {}),
    };
  }
}

function isoSeconds(unixSeconds: number): string | null {
  const date = new Date(unixSeconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
