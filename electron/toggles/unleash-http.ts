import type { z } from 'zod';
import { fullJitterDelay, sleep } from '../connector/backoff.ts';
import { BodyLimitError, readBodyCapped } from '../connector/bounded-body.ts';
import { describeNetworkError, EndpointError, parseRetryAfter, validationError } from '../connector/endpoint-error.ts';

const MiB = 1024 * 1024;

export interface UnleashHttpOptions {
  /** One request, body included. */
  timeoutMs?: number;
  /** Extra attempts for a read that failed transiently (timeout, network, 5xx, 429). Writes are never retried. */
  readRetries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Longest `Retry-After` (429/503) waited for inside one call; a longer one ends the call. */
  maxRetryAfterMs?: number;
  /** Body cap of one page of the flag list. */
  listBytes?: number;
  /** Body cap of everything else (one flag, its tags, its events, a write's answer). */
  itemBytes?: number;
  /** Body cap of a non-2xx answer (only a summary is shown). */
  errorBytes?: number;
}

export type BodyCap = 'list' | 'item';

/**
 * The Unleash Admin API as untrusted input: every request has a timeout covering its body, every body
 * a byte cap, every answer is validated with zod before use, redirects are not followed (the admin
 * token must not travel to another host), reads retry transient failures with full-jitter backoff
 * (honouring `Retry-After`), writes are sent once. Errors are `EndpointError`s naming the region, the
 * endpoint (`GET /api/admin/…`) and, for bad data, the field.
 */
export class UnleashHttp {
  private readonly opts: Required<UnleashHttpOptions>;
  private readonly base: URL;

  constructor(
    readonly regionId: string,
    baseUrl: string,
    private readonly token: string,
    options: UnleashHttpOptions = {},
  ) {
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    this.opts = {
      timeoutMs: options.timeoutMs ?? 10_000,
      readRetries: options.readRetries ?? 3,
      backoffBaseMs: options.backoffBaseMs ?? 200,
      backoffCapMs: options.backoffCapMs ?? 5_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
      listBytes: options.listBytes ?? 16 * MiB,
      itemBytes: options.itemBytes ?? MiB,
      errorBytes: options.errorBytes ?? 64 * 1024,
    };
  }

  /** `GET /api/admin/features/x` for the path `admin/features/x` (query dropped): how errors name the endpoint. */
  endpointName(method: string, path: string): string {
    return `${method} ${new URL(path, this.base).pathname}`;
  }

  /** A validated GET, retried on transient failures. */
  async read<S extends z.ZodType>(path: string, schema: S, cap: BodyCap, signal?: AbortSignal): Promise<z.output<S>> {
    for (let attempt = 0; ; attempt++) {
      try {
        const text = await this.request('GET', path, undefined, cap, signal);
        return this.parse(this.endpointName('GET', path), text, schema);
      } catch (error) {
        if (signal?.aborted || !(error instanceof EndpointError) || !error.transient || attempt >= this.opts.readRetries) throw error;
        if ((error.retryAfterMs ?? 0) > this.opts.maxRetryAfterMs) throw error;
        const delay = Math.max(fullJitterDelay(attempt, this.opts.backoffBaseMs, this.opts.backoffCapMs), error.retryAfterMs ?? 0);
        await sleep(delay, signal);
      }
    }
  }

  /** One POST/PUT/DELETE, never retried here (the caller reads back to learn what happened). Returns the body text. */
  write(method: 'POST' | 'PUT' | 'DELETE', path: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<string> {
    return this.request(method, path, headers, 'item', signal);
  }

  private parse<S extends z.ZodType>(endpoint: string, text: string, schema: S): z.output<S> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new EndpointError(this.regionId, endpoint, 'validation', `response is not valid JSON (${text.length} characters, possibly truncated)`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw validationError(this.regionId, endpoint, parsed.error);
    return parsed.data;
  }

  private async request(method: string, path: string, headers: Record<string, string> | undefined, cap: BodyCap, signal?: AbortSignal): Promise<string> {
    const endpoint = this.endpointName(method, path);
    const region = this.regionId;
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const limit = cap === 'list' ? this.opts.listBytes : this.opts.itemBytes;
    let response: Response | undefined;
    let text: string;
    try {
      response = await fetch(new URL(path, this.base), {
        method,
        // Unleash takes the admin token as the bare Authorization value.
        headers: { Accept: 'application/json', Authorization: this.token, ...headers },
        redirect: 'manual',
        signal: combined,
      });
      text = await readBodyCapped(response, response.ok ? limit : Math.min(limit, this.opts.errorBytes));
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof BodyLimitError) {
        const which = response?.ok === false ? 'error' : cap === 'list' ? 'listBytes' : 'itemBytes';
        throw new EndpointError(region, endpoint, 'limit', `${error.message} (limits.${which})`);
      }
      if (timeout.aborted && response) {
        throw new EndpointError(region, endpoint, 'protocol', `HTTP ${response.status} arrived but its body did not complete within ${this.opts.timeoutMs} ms`);
      }
      if (timeout.aborted) throw new EndpointError(region, endpoint, 'timeout', `no answer within ${this.opts.timeoutMs} ms`);
      throw new EndpointError(region, endpoint, 'network', describeNetworkError(error));
    }
    if (response.status >= 300 && response.status < 400) {
      throw new EndpointError(region, endpoint, 'http', `HTTP ${response.status}: redirects are not followed (is the url right?)`, [], response.status);
    }
    if (!response.ok) {
      const retryAfter = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
      const hint = response.status === 401 || response.status === 403 ? ' (check the Unleash admin token in the token store)' : '';
      throw new EndpointError(region, endpoint, 'http', `HTTP ${response.status}${summarizeUnleashError(text)}${hint}`, [], response.status, retryAfter);
    }
    return text;
  }
}

/** Unleash errors are `{ name, message, details }`; show the message, else the start of the body. Control characters are dropped. */
export function summarizeUnleashError(text: string): string {
  let summary = '';
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: { message?: unknown } };
    if (typeof body.message === 'string') summary = body.message;
    else if (typeof body.error?.message === 'string') summary = body.error.message;
  } catch {
    // not JSON: fall through
  }
  if (summary === '') summary = text;
  // eslint-disable-next-line no-control-regex
  summary = summary.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 200);
  return summary ? `: ${summary}` : '';
}
