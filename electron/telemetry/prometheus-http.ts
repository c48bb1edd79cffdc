import { fullJitterDelay, sleep } from '../connector/backoff.ts';
import { BodyLimitError, readBodyCapped } from '../connector/bounded-body.ts';
import { describeNetworkError, parseRetryAfter } from '../connector/endpoint-error.ts';
import { parsePrometheusBody, type PrometheusData } from './prometheus-response.ts';

const MiB = 1024 * 1024;

export interface PrometheusHttpOptions {
  /** One request, body included. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts after a 503 or a network failure (never after a timeout or another status). Default 2. */
  readRetries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Longest `Retry-After` of a 503 waited for inside one call; a longer one ends the call. Default 10 s. */
  maxRetryAfterMs?: number;
  /** Body cap of a success answer. Default 16 MiB. */
  responseBytes?: number;
  /** Body cap of a non-2xx answer. Default 64 KiB. */
  errorBytes?: number;
}

/** Why a Prometheus request failed, without the region and query (the source adds them). */
export class PrometheusRequestError extends Error {
  constructor(
    message: string,
    /** Worth asking again later (network, timeout, 5xx, 429), as opposed to a bad query or a bad answer. */
    readonly retryable: boolean,
    readonly status?: number,
    readonly errorType?: string,
  ) {
    super(message);
    this.name = 'PrometheusRequestError';
  }
}

export interface PrometheusAnswer {
  data: PrometheusData;
  warnings: string[];
}

/**
 * GETs from a Prometheus HTTP API as untrusted input: a timeout covering the body, a byte cap on every
 * body, no redirects followed (a bearer token must not travel to another host), reads retried with
 * full-jitter backoff only after a 503 (honouring `Retry-After`) or a network failure.
 */
export class PrometheusHttp {
  private readonly opts: Required<PrometheusHttpOptions>;
  private readonly base: URL;

  constructor(baseUrl: string, private readonly token: string | undefined, options: PrometheusHttpOptions = {}) {
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    this.opts = {
      timeoutMs: options.timeoutMs ?? 10_000,
      readRetries: options.readRetries ?? 2,
      backoffBaseMs: options.backoffBaseMs ?? 200,
      backoffCapMs: options.backoffCapMs ?? 2_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
      responseBytes: options.responseBytes ?? 16 * MiB,
      errorBytes: options.errorBytes ?? 64 * 1024,
    };
  }

  get timeoutMs(): number {
    return this.opts.timeoutMs;
  }

  /** `api/v1/query_range` with its parameters → the validated answer. */
  async get(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<PrometheusAnswer> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(path, params, signal);
      } catch (error) {
        if (signal?.aborted || !(error instanceof RetryableFailure) || attempt >= this.opts.readRetries) throw unwrap(error);
        if ((error.retryAfterMs ?? 0) > this.opts.maxRetryAfterMs) throw unwrap(error);
        const delay = Math.max(fullJitterDelay(attempt, this.opts.backoffBaseMs, this.opts.backoffCapMs), error.retryAfterMs ?? 0);
        await sleep(delay, signal);
      }
    }
  }

  private async once(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<PrometheusAnswer> {
    const endpoint = `GET /${path}`;
    const url = new URL(path, this.base);
    url.search = params.toString();
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response | undefined;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'GET',
        headers: { Accept: 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
        redirect: 'manual',
        signal: combined,
      });
      text = await readBodyCapped(response, response.ok ? this.opts.responseBytes : this.opts.errorBytes);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof BodyLimitError) {
        const which = response?.ok === false ? 'error answer' : 'limits.responseBytes';
        throw new PrometheusRequestError(`${endpoint}: ${error.message} (${which})`, false, response?.status);
      }
      if (timeout.aborted && response) {
        throw new PrometheusRequestError(`${endpoint}: HTTP ${response.status} arrived but its body did not complete within ${this.opts.timeoutMs} ms`, true, response.status);
      }
      if (timeout.aborted) throw new PrometheusRequestError(`${endpoint}: no answer within ${this.opts.timeoutMs} ms`, true);
      throw new RetryableFailure(new PrometheusRequestError(`${endpoint}: ${describeNetworkError(error)}`, true));
    }
    return this.interpret(endpoint, response, text);
  }

  private interpret(endpoint: string, response: Response, text: string): PrometheusAnswer {
    const status = response.status;
    if (status >= 300 && status < 400) {
      throw new PrometheusRequestError(`${endpoint}: HTTP ${status}: redirects are not followed (is the url right?)`, false, status);
    }
    const answer = parsePrometheusBody(text);
    if (answer.ok) {
      if (response.ok) return { data: answer.data, warnings: answer.warnings };
      throw new PrometheusRequestError(`${endpoint}: HTTP ${status} with a body that says success`, status >= 500, status);
    }
    const what = answer.fromServer ? `${answer.errorType}: ${answer.error}` : answer.error;
    const hint = status === 401 || status === 403 ? ' (check the bearer token in the token store, and "auth" in regions.json)' : '';
    const failure = new PrometheusRequestError(`${endpoint}: HTTP ${status}: ${what}${hint}`, status >= 500 || status === 429, status, answer.errorType);
    if (status === 503) throw new RetryableFailure(failure, parseRetryAfter(response.headers.get('retry-after')));
    throw failure;
  }
}

/** Internal: a failure the read loop may retry (503, network). */
class RetryableFailure extends Error {
  constructor(readonly inner: PrometheusRequestError, readonly retryAfterMs?: number) {
    super(inner.message);
  }
}

function unwrap(error: unknown): unknown {
  return error instanceof RetryableFailure ? error.inner : error;
}

