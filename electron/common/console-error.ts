import type { ApiErrorBody, ApiErrorKind } from '../../shared/contract/index.ts';

/** An error meant for the user: it crosses the API boundary as a typed value. */
export class ConsoleError extends Error {
  readonly kind: ApiErrorKind;
  readonly details: Omit<ApiErrorBody, 'kind' | 'message'>;

  constructor(kind: ApiErrorKind, message: string, details: Omit<ApiErrorBody, 'kind' | 'message'> = {}) {
    super(message);
    this.name = 'ConsoleError';
    this.kind = kind;
    this.details = details;
  }

  toBody(): ApiErrorBody {
    return { kind: this.kind, message: this.message, ...this.details };
  }
}

/**
 * A failure talking to one region's endpoint, as the connector's `EndpointError` carries it. Matched
 * by shape so this module stays a leaf: it imports nothing from the connector, core or services.
 */
export interface EndpointFailure extends Error {
  readonly region: string;
  readonly endpoint: string;
  /** Field path of invalid data in the endpoint's response. */
  readonly path?: readonly (string | number)[];
  /** Worth retrying (timeouts, network failures, 5xx, 429). */
  readonly transient?: boolean;
}

export function isEndpointFailure(error: unknown): error is EndpointFailure {
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & Partial<Record<'region' | 'endpoint', unknown>>;
  return typeof candidate.region === 'string' && typeof candidate.endpoint === 'string';
}

/** Any thrown value as the contract's error body; endpoint failures keep their region, endpoint and path. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ConsoleError) return error.toBody();
  if (isEndpointFailure(error)) {
    const body: ApiErrorBody = { kind: 'endpoint', message: error.message, region: error.region, endpoint: error.endpoint };
    if (Array.isArray(error.path) && error.path.length > 0) body.path = [...error.path];
    if (typeof error.transient === 'boolean') body.retryable = error.transient;
    return body;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Internal error: ${message}` };
}
