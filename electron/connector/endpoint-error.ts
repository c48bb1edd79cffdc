import type { z } from 'zod';
import { formatPath, issuePath } from '../../shared/zod-issues.ts';

/**
 * `timeout`, `network`: nothing answered. `http`, `validation`, `protocol`, `limit`: the endpoint
 * answered, badly. `circuit-open`: not sent (the breaker holds calls back after repeated failures).
 */
export type EndpointErrorKind = 'timeout' | 'network' | 'http' | 'validation' | 'circuit-open' | 'protocol' | 'limit';

/** A failure talking to one region's endpoint; always names the region, the endpoint and (for bad data) the field. */
export class EndpointError extends Error {
  constructor(
    readonly region: string,
    readonly endpoint: string,
    readonly kind: EndpointErrorKind,
    detail: string,
    readonly path: (string | number)[] = [],
    readonly status?: number,
    /** From `Retry-After` on a 429 or 503: the endpoint asked us to wait this long. */
    readonly retryAfterMs?: number,
  ) {
    super(`${region} ${endpoint}: ${path.length ? `${formatPath(path)}: ` : ''}${detail}`);
    this.name = 'EndpointError';
  }

  /** Something answered (even if badly): the region is reachable. */
  get answered(): boolean {
    return this.kind !== 'timeout' && this.kind !== 'network' && this.kind !== 'circuit-open';
  }

  /** Worth retrying a read: transient transport failures and server-side errors. */
  get transient(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || (this.kind === 'http' && (this.status === undefined || this.status >= 500 || this.status === 429));
  }
}

export function validationError(region: string, endpoint: string, error: z.ZodError): EndpointError {
  const issue = error.issues[0];
  const path = issuePath(issue);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return new EndpointError(region, endpoint, 'validation', `${issue?.message ?? 'invalid'}${more}`, path);
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection reset',
  ENOTFOUND: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** A readable reason for a failed fetch (undici hides the system error in `cause`). */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code) return NETWORK_CODES[code] ? `${NETWORK_CODES[code]} (${code})` : code;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** `Retry-After` as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
