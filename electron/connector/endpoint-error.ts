import type { z } from 'zod';
import { formatPath, issuePath } from '../../shared/zod-issues.ts';

export type EndpointErrorKind = 'timeout' | 'network' | 'http' | 'validation' | 'circuit-open' | 'protocol';

/** A failure talking to one region's endpoint; always names the region, the endpoint and (for bad data) the field. */
export class EndpointError extends Error {
  constructor(
    readonly region: string,
    readonly endpoint: string,
    readonly kind: EndpointErrorKind,
    detail: string,
    readonly path: (string | number)[] = [],
    readonly status?: number,
  ) {
    super(`${region} ${endpoint}: ${path.length ? `${formatPath(path)}: ` : ''}${detail}`);
    this.name = 'EndpointError';
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
