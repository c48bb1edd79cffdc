import type { TelemetryConfig } from '../common/telemetry-config.ts';
import type { TelemetrySource } from '../common/telemetry-source.ts';
import { CircuitBreaker } from '../connector/circuit-breaker.ts';
import { RegionClient, type ClientOptions, type RegionEndpoint } from '../connector/region-client.ts';
import type { RegionLimits } from '../connector/region-config.ts';
import type { TokenStore } from '../connector/token-store.ts';
import { NativeTelemetrySource, type NativeTelemetryClient } from './native-telemetry.ts';
import { PrometheusTelemetrySource, type PrometheusTelemetryOptions } from './prometheus-telemetry.ts';

/** What the factory reads of a region (a `ConnectedRegion` from regions.json plus its token fits). */
export interface TelemetryRegion extends RegionEndpoint {
  limits?: RegionLimits;
  /** regions.json `"telemetry"`; native when absent. */
  telemetry?: TelemetryConfig;
}

export interface TelemetrySourceDeps {
  /** Where a Prometheus bearer token is read (`"auth": "bearer"`: id `<region>-prometheus` unless `tokenId` names another). */
  tokens: TokenStore;
  /** The native source's client; default a `RegionClient` of its own (see below). */
  nativeClient?: NativeTelemetryClient;
  /** Options of that dedicated client (timeouts, retries); the region's `limits` are laid over them. */
  nativeOptions?: ClientOptions;
  prometheusOptions?: PrometheusTelemetryOptions;
}

/**
 * The telemetry source a region's `"telemetry"` entry asks for; native when absent. The native source
 * talks to the region's endpoint through a `RegionClient` with its own circuit breaker, so a slow or
 * failing telemetry endpoint degrades the telemetry panels only and never holds the fleet's calls back.
 * Throws a `ConsoleError` naming the region when `"auth": "bearer"` has no token in the store.
 */
export async function createTelemetrySource(region: TelemetryRegion, deps: TelemetrySourceDeps): Promise<TelemetrySource> {
  const config = region.telemetry;
  if (config === undefined || config.source === 'native') {
    return new NativeTelemetrySource(region.id, deps.nativeClient ?? nativeTelemetryClient(region, deps.nativeOptions));
  }
  return PrometheusTelemetrySource.fromTokenStore(region.id, config, deps.tokens, deps.prometheusOptions);
}

/** A `RegionClient` for telemetry only: own breaker, the region's `telemetryBytes` and `requestTimeoutMs`. */
export function nativeTelemetryClient(region: Pick<TelemetryRegion, 'id' | 'baseUrl' | 'token' | 'limits'>, options: ClientOptions = {}): RegionClient {
  const limits = region.limits;
  return new RegionClient(
    { id: region.id, baseUrl: region.baseUrl, token: region.token },
    {
      readRetries: 2,
      ...options,
      ...(limits?.requestTimeoutMs ? { timeoutMs: limits.requestTimeoutMs } : {}),
      bodyLimits: { ...options.bodyLimits, ...(limits?.telemetryBytes ? { telemetry: limits.telemetryBytes } : {}) },
      breaker: options.breaker ?? new CircuitBreaker(),
    },
  );
}
