import type { z } from 'zod';
import { ActionResult, FleetState, Health, TelemetryResponse, type ActionRequest, type TelemetryQuery } from '../../shared/protocol/index.ts';
import { fullJitterDelay, sleep } from './backoff.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { describeNetworkError, EndpointError, validationError } from './endpoint-error.ts';

export interface RegionEndpoint {
  id: string;
  baseUrl: string;
  token: string;
}

export interface ClientOptions {
  timeoutMs?: number;
  readRetries?: number;
  writeRetries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  breaker?: CircuitBreaker;
}

/**
 * One region's native-protocol client: every request has a timeout, reads retry with full-jitter
 * backoff, writes retry only with the same Idempotency-Key, and a circuit breaker guards the region.
 */
export class RegionClient {
  readonly breaker: CircuitBreaker;
  private readonly opts: Required<Omit<ClientOptions, 'breaker'>>;

  constructor(readonly endpoint: RegionEndpoint, options: ClientOptions = {}) {
    this.breaker = options.breaker ?? new CircuitBreaker();
    this.opts = {
      timeoutMs: options.timeoutMs ?? 10_000,
      readRetries: options.readRetries ?? 3,
      writeRetries: options.writeRetries ?? 3,
      backoffBaseMs: options.backoffBaseMs ?? 200,
      backoffCapMs: options.backoffCapMs ?? 5_000,
    };
  }

  fleet(signal?: AbortSignal): Promise<FleetState> {
    return this.read('/v1/fleet', FleetState, signal);
  }

  health(signal?: AbortSignal): Promise<Health> {
    return this.read('/v1/health', Health, signal);
  }

  telemetry(query: TelemetryQuery, signal?: AbortSignal): Promise<TelemetryResponse> {
    const params = new URLSearchParams({
      component: query.component,
      signal: query.signal,
      from: query.from,
      to: query.to,
      stepSeconds: String(query.stepSeconds),
    });
    if (query.version) params.set('version', query.version);
    return this.read(`/v1/telemetry?${params}`, TelemetryResponse, signal);
  }

  /** Looks an action up by its idempotency key; null when the endpoint never saw it. */
  async actionByKey(key: string, signal?: AbortSignal): Promise<ActionResult | null> {
    try {
      return await this.read(`/v1/actions/${encodeURIComponent(key)}`, ActionResult, signal);
    } catch (error) {
      if (error instanceof EndpointError && error.status === 404) return null;
      throw error;
    }
  }

  /** Sends an action; retries (409 in flight, 5xx, network) reuse the same key so it applies once. */
  async action(request: ActionRequest, idempotencyKey: string, signal?: AbortSignal): Promise<ActionResult> {
    const body = JSON.stringify(request);
    return this.withRetries(this.opts.writeRetries, signal, (error) => error.transient || error.status === 409, () =>
      this.request('/v1/actions', ActionResult, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey, 'Content-Type': 'application/json' } }, signal),
    );
  }

  private read<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.output<S>> {
    return this.withRetries(this.opts.readRetries, signal, (error) => error.transient, () => this.request(path, schema, { method: 'GET' }, signal));
  }

  private async withRetries<T>(retries: number, signal: AbortSignal | undefined, retryable: (e: EndpointError) => boolean, attempt: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof EndpointError) || !retryable(error) || i >= retries) throw error;
        await sleep(fullJitterDelay(i, this.opts.backoffBaseMs, this.opts.backoffCapMs), signal);
      }
    }
  }

  private async request<S extends z.ZodType>(path: string, schema: S, init: RequestInit, signal?: AbortSignal): Promise<z.output<S>> {
    const endpointName = `${init.method ?? 'GET'} ${path.split('?')[0]}`;
    const region = this.endpoint.id;
    if (!this.breaker.allow()) throw new EndpointError(region, endpointName, 'circuit-open', 'circuit open after repeated failures; waiting before retrying');
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.endpoint.baseUrl}${path}`, {
        ...init,
        headers: { Accept: 'application/json', Authorization: `Bearer ${this.endpoint.token}`, ...(init.headers as Record<string, string>) },
        signal: combined,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw error;
      this.breaker.failure();
      if (timeout.aborted) throw new EndpointError(region, endpointName, 'timeout', `no answer within ${this.opts.timeoutMs} ms`);
      throw new EndpointError(region, endpointName, 'network', describeNetworkError(error));
    }
    if (!response.ok) {
      if (response.status >= 500 || response.status === 429) this.breaker.failure();
      else this.breaker.success();
      throw new EndpointError(region, endpointName, 'http', `HTTP ${response.status}${summarizeBody(text)}`, [], response.status);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.breaker.failure();
      throw new EndpointError(region, endpointName, 'validation', `response is not valid JSON (${text.length} bytes, possibly truncated)`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      this.breaker.failure();
      throw validationError(region, endpointName, parsed.error);
    }
    this.breaker.success();
    return parsed.data;
  }
}


function summarizeBody(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return `: ${body.error.message.slice(0, 200)}`;
  } catch {
    // not JSON: fall through
  }
  return text ? `: ${text.slice(0, 120)}` : '';
}
