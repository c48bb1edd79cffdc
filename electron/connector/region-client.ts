import type { z } from 'zod';
import { ActionResult, CheckedTelemetryResponse, FleetState, Health, type ActionRequest, type TelemetryQuery, type TelemetryResponse } from '../../shared/protocol/index.ts';
import { fullJitterDelay, sleep } from './backoff.ts';
import { BodyLimitError, readBodyCapped } from './bounded-body.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { describeNetworkError, EndpointError, parseRetryAfter, validationError } from './endpoint-error.ts';

export interface RegionEndpoint {
  id: string;
  baseUrl: string;
  token: string;
}

/** Byte caps per endpoint; a body past its cap is aborted and reported with the cap it broke. */
export interface BodyLimits {
  fleet: number;
  telemetry: number;
  action: number;
  health: number;
  /** Bodies of non-2xx answers: only a summary is shown. */
  error: number;
}

const MiB = 1024 * 1024;
/**
 * A 200,000-instance region is ~40 MB in the native protocol (~200 bytes per instance, measured on
 * the demo fleet); 128 MiB leaves room for longer host names and ids without letting an endless body in.
 */
export const DEFAULT_BODY_LIMITS: BodyLimits = { fleet: 128 * MiB, telemetry: 16 * MiB, action: MiB, health: 64 * 1024, error: 64 * 1024 };

export interface ClientOptions {
  timeoutMs?: number;
  readRetries?: number;
  writeRetries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Longest `Retry-After` waited for inside one call; a longer one ends the call (the caller paces itself). */
  maxRetryAfterInCallMs?: number;
  bodyLimits?: Partial<BodyLimits>;
  breaker?: CircuitBreaker;
}

type Limit = keyof BodyLimits;

/**
 * One region's native-protocol client: every request has a timeout and a body cap, reads retry with
 * full-jitter backoff (honouring `Retry-After`), writes retry only with the same Idempotency-Key, and a
 * circuit breaker guards the region, counting one failure per call, however many attempts it made.
 */
export class RegionClient {
  readonly breaker: CircuitBreaker;
  private readonly opts: Required<Omit<ClientOptions, 'breaker' | 'bodyLimits'>>;
  private readonly limits: BodyLimits;
  /** Set from `Retry-After`: no request goes out before this time. */
  private notBefore = 0;

  constructor(readonly endpoint: RegionEndpoint, options: ClientOptions = {}) {
    this.breaker = options.breaker ?? new CircuitBreaker();
    this.opts = {
      timeoutMs: options.timeoutMs ?? 10_000,
      readRetries: options.readRetries ?? 3,
      writeRetries: options.writeRetries ?? 3,
      backoffBaseMs: options.backoffBaseMs ?? 200,
      backoffCapMs: options.backoffCapMs ?? 5_000,
      maxRetryAfterInCallMs: options.maxRetryAfterInCallMs ?? 10_000,
    };
    this.limits = { ...DEFAULT_BODY_LIMITS, ...options.bodyLimits };
  }

  /** Milliseconds until the endpoint's `Retry-After` expires (0 when it asked nothing). */
  retryAfterRemaining(now = Date.now()): number {
    return Math.max(0, this.notBefore - now);
  }

  fleet(signal?: AbortSignal): Promise<FleetState> {
    return this.read('/v1/fleet', FleetState, 'fleet', signal);
  }

  health(signal?: AbortSignal): Promise<Health> {
    return this.read('/v1/health', Health, 'health', signal);
  }

  /** `GET /v1/telemetry`; without `query.component`, every live version of every component. */
  telemetry(query: TelemetryQuery, signal?: AbortSignal): Promise<TelemetryResponse> {
    return this.read(`/v1/telemetry?${telemetryParams(query)}`, CheckedTelemetryResponse, 'telemetry', signal);
  }

  /** Looks an action up by its idempotency key; null when the endpoint never saw it. */
  async actionByKey(key: string, signal?: AbortSignal): Promise<ActionResult | null> {
    try {
      return await this.read(`/v1/actions/${encodeURIComponent(key)}`, ActionResult, 'action', signal);
    } catch (error) {
      if (error instanceof EndpointError && error.status === 404) return null;
      throw error;
    }
  }

  /** Sends an action; retries (409 in flight, 5xx, network) reuse the same key so it applies once. */
  async action(request: ActionRequest, idempotencyKey: string, signal?: AbortSignal): Promise<ActionResult> {
    const body = JSON.stringify(request);
    const init: RequestInit = { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey, 'Content-Type': 'application/json' } };
    return this.call('POST /v1/actions', this.opts.writeRetries, signal, (error) => error.transient || error.status === 409, () =>
      this.request('/v1/actions', ActionResult, 'action', init, signal),
    );
  }

  private read<S extends z.ZodType>(path: string, schema: S, limit: Limit, signal?: AbortSignal): Promise<z.output<S>> {
    const name = `GET ${path.split('?')[0]}`;
    return this.call(name, this.opts.readRetries, signal, (error) => error.transient, () => this.request(path, schema, limit, { method: 'GET' }, signal));
  }

  /**
   * One call: asks the breaker once, makes up to 1 + retries attempts, and tells the breaker once.
   * A half-open trial makes one attempt; a trial the caller aborts is released, not judged.
   */
  private async call<T>(endpointName: string, retries: number, signal: AbortSignal | undefined, retryable: (e: EndpointError) => boolean, attempt: () => Promise<T>): Promise<T> {
    const region = this.endpoint.id;
    const wait = this.retryAfterRemaining();
    if (wait > this.opts.maxRetryAfterInCallMs) {
      throw new EndpointError(region, endpointName, 'circuit-open', `the endpoint asked to wait (Retry-After): ${Math.ceil(wait / 1000)} s left`);
    }
    if (wait > 0) await sleep(wait, signal);
    const trial = this.breaker.state === 'half-open';
    if (!this.breaker.allow()) throw new EndpointError(region, endpointName, 'circuit-open', 'circuit open after repeated failures; waiting before retrying');
    const maxRetries = trial ? 0 : retries;
    for (let i = 0; ; i++) {
      try {
        const result = await attempt();
        this.breaker.success();
        return result;
      } catch (error) {
        if (signal?.aborted) {
          this.breaker.release();
          throw error;
        }
        if (!(error instanceof EndpointError)) {
          this.breaker.failure();
          throw error;
        }
        // 429/503 speak for the whole endpoint; a 409's Retry-After only for this request's key.
        if (error.retryAfterMs !== undefined && error.status !== 409) this.notBefore = Math.max(this.notBefore, Date.now() + error.retryAfterMs);
        const retryAfterTooLong = (error.retryAfterMs ?? 0) > this.opts.maxRetryAfterInCallMs;
        if (!retryable(error) || i >= maxRetries || retryAfterTooLong) {
          if (countsAgainstBreaker(error)) this.breaker.failure();
          else this.breaker.success();
          throw error;
        }
        const delay = Math.max(fullJitterDelay(i, this.opts.backoffBaseMs, this.opts.backoffCapMs), error.retryAfterMs ?? 0);
        try {
          await sleep(delay, signal);
        } catch (aborted) {
          this.breaker.release();
          throw aborted;
        }
        this.notBefore = 0;
      }
    }
  }

  private async request<S extends z.ZodType>(path: string, schema: S, limit: Limit, init: RequestInit, signal?: AbortSignal): Promise<z.output<S>> {
    const endpointName = `${init.method ?? 'GET'} ${path.split('?')[0]}`;
    const region = this.endpoint.id;
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response | undefined;
    let text: string;
    const cap = this.limits[limit];
    try {
      response = await fetch(`${this.endpoint.baseUrl}${path}`, {
        ...init,
        headers: { Accept: 'application/json', Authorization: `Bearer ${this.endpoint.token}`, ...(init.headers as Record<string, string>) },
        signal: combined,
      });
      text = await readBodyCapped(response, response.ok ? cap : Math.min(cap, this.limits.error));
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof BodyLimitError) {
        throw new EndpointError(region, endpointName, 'limit', `${error.message} (bodyLimits.${response?.ok === false ? 'error' : limit})`);
      }
      if (timeout.aborted && response) {
        throw new EndpointError(region, endpointName, 'protocol', `HTTP ${response.status} arrived but its body did not complete within ${this.opts.timeoutMs} ms`);
      }
      if (timeout.aborted) throw new EndpointError(region, endpointName, 'timeout', `no answer within ${this.opts.timeoutMs} ms`);
      throw new EndpointError(region, endpointName, 'network', describeNetworkError(error));
    }
    if (!response.ok) {
      const retryAfter = response.status === 429 || response.status === 503 || response.status === 409 ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
      throw new EndpointError(region, endpointName, 'http', `HTTP ${response.status}${summarizeBody(text)}`, [], response.status, retryAfter);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new EndpointError(region, endpointName, 'validation', `response is not valid JSON (${text.length} bytes, possibly truncated)`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw validationError(region, endpointName, parsed.error);
    return parsed.data;
  }
}

/** The query string of `GET /v1/telemetry` (what the request sends, and what errors quote). */
export function telemetryParams(query: TelemetryQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.component !== undefined) params.set('component', query.component);
  params.set('signal', query.signal);
  params.set('from', query.from);
  params.set('to', query.to);
  params.set('stepSeconds', String(query.stepSeconds));
  if (query.version !== undefined) params.set('version', query.version);
  return params;
}

/** Client errors (4xx but 429) are the endpoint answering sensibly about our request. */
function countsAgainstBreaker(error: EndpointError): boolean {
  return !(error.kind === 'http' && error.status !== undefined && error.status < 500 && error.status !== 429);
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
