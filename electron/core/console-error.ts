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

export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ConsoleError) return error.toBody();
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Internal error: ${message}` };
}
