import { ChangeEvent, StreamReset } from '../../shared/protocol/index.ts';
import { EndpointError, validationError } from './endpoint-error.ts';

export const STREAM_ENDPOINT = 'GET /v1/changes';

export type StreamMessage =
  | { kind: 'change'; event: ChangeEvent }
  | { kind: 'reset'; reset: StreamReset }
  | { kind: 'error'; error: EndpointError };

/** Decodes one SSE message of the change stream into a validated change, a reset, or an error naming the field. */
export function decodeStreamMessage(region: string, event: string, data: string): StreamMessage {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { kind: 'error', error: new EndpointError(region, STREAM_ENDPOINT, 'validation', `event "${event}" is not valid JSON`) };
  }
  if (event === 'reset') {
    const reset = StreamReset.safeParse(json);
    return reset.success ? { kind: 'reset', reset: reset.data } : { kind: 'error', error: validationError(region, `${STREAM_ENDPOINT} (reset)`, reset.error) };
  }
  const change = ChangeEvent.safeParse(json);
  return change.success ? { kind: 'change', event: change.data } : { kind: 'error', error: validationError(region, `${STREAM_ENDPOINT} (${event})`, change.error) };
}
