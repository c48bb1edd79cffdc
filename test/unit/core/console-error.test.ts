import { describe, expect, it } from 'vitest';
import { ApiErrorBody, Envelope } from '../../../shared/contract/index.ts';
import { ConsoleError, toErrorBody } from '../../../electron/common/console-error.ts';
import { EndpointError } from '../../../electron/connector/endpoint-error.ts';
import { runCall } from '../../../electron/host/dispatch.ts';
import type { Handlers } from '../../../shared/contract/index.ts';

describe('errors crossing the contract', () => {
  it('keeps a ConsoleError as it is', () => {
    expect(toErrorBody(new ConsoleError('forbidden', 'no', { path: ['a'] }))).toEqual({ kind: 'forbidden', message: 'no', path: ['a'] });
  });

  it('keeps the region, endpoint and field path of an endpoint error', () => {
    const error = new EndpointError('eu-west', 'GET /v1/fleet', 'validation', 'expected string', ['instances', 3, 'version']);
    const body = toErrorBody(error);
    expect(body).toEqual({
      kind: 'endpoint',
      message: 'eu-west GET /v1/fleet: instances[3].version: expected string',
      region: 'eu-west',
      endpoint: 'GET /v1/fleet',
      path: ['instances', 3, 'version'],
      retryable: false,
    });
    expect(ApiErrorBody.parse(body)).toEqual(body);
  });

  it('says whether an endpoint failure is worth retrying, and leaves out an empty path', () => {
    const body = toErrorBody(new EndpointError('us-east', 'POST /v1/actions', 'timeout', 'no answer in 10 s'));
    expect(body).toEqual({ kind: 'endpoint', message: 'us-east POST /v1/actions: no answer in 10 s', region: 'us-east', endpoint: 'POST /v1/actions', retryable: true });
  });

  it('turns anything else into an internal error', () => {
    expect(toErrorBody(new Error('boom'))).toEqual({ kind: 'internal', message: 'Internal error: boom' });
    expect(toErrorBody('text')).toEqual({ kind: 'internal', message: 'Internal error: text' });
    // Shape, not name: an object that merely has a region is not an endpoint failure.
    expect(toErrorBody({ region: 'eu-west', endpoint: 'x', message: 'not an Error' }).kind).toBe('internal');
  });

  it('reaches the page through dispatch with region and endpoint', async () => {
    const handlers = {
      'regions.list': async () => {
        throw new EndpointError('eu-west', 'GET /v1/fleet', 'http', 'HTTP 503', [], 503);
      },
    } as Partial<Handlers> as Handlers;
    const envelope = await runCall(handlers, 'regions.list', {});
    expect(Envelope(ApiErrorBody).parse(envelope)).toEqual({
      ok: false,
      error: { kind: 'endpoint', message: 'eu-west GET /v1/fleet: HTTP 503', region: 'eu-west', endpoint: 'GET /v1/fleet', retryable: true },
    });
  });
});
