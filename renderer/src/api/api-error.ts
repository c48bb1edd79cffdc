import type { ApiErrorBody } from '../../../shared/contract/index.ts';

/** A contract error thrown on the renderer side, carrying the typed body for display and retry. */
export class ApiError extends Error {
  readonly body: ApiErrorBody;
  constructor(call: string, body: ApiErrorBody) {
    super(body.message);
    this.name = `ApiError(${call})`;
    this.body = body;
  }
}
