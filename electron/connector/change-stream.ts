import type { ChangeEvent, StreamReset } from '../../shared/protocol/index.ts';
import { fullJitterDelay, sleep } from './backoff.ts';
import { describeNetworkError, EndpointError } from './endpoint-error.ts';
import type { RegionEndpoint } from './region-client.ts';
import { SseLimitError, SseParser, type SseLimits } from './sse-parser.ts';
import { decodeStreamMessage, STREAM_ENDPOINT as ENDPOINT } from './stream-message.ts';

export interface StreamHandlers {
  /** Connected (or reconnected) and reading. */
  onOpen(): void;
  onEvent(event: ChangeEvent): void;
  /** The endpoint cannot replay from our position: refetch the fleet state. */
  onReset(reset: StreamReset): void;
  /** Heartbeat: the endpoint is alive and nothing changed. */
  onAlive(): void;
  onError(error: EndpointError): void;
  /** Revision to resume from (the last applied), or null for live-only. */
  resumeFrom(): number | null;
}

export interface StreamOptions {
  /** A connection with no complete event and no heartbeat for this long is dropped. */
  idleTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  limits?: Partial<SseLimits>;
}

/** How a connection ended: `healthy` only when it delivered valid messages and broke no rule. */
type Ending = 'healthy' | 'failed';

/**
 * Follows a region's change stream, reconnecting with backoff and resuming with Last-Event-ID. A stream
 * that breaks a size limit, or holds an event open while only comments arrive, is dropped and reported
 * with the rule it broke; reconnects after such a failure back off exponentially (up to the cap).
 */
export class ChangeStream {
  private readonly controller = new AbortController();
  private running = false;

  constructor(
    private readonly endpoint: RegionEndpoint,
    private readonly handlers: StreamHandlers,
    private readonly options: StreamOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.controller.abort(new Error('stream stopped'));
  }

  private async loop(): Promise<void> {
    let attempt = 0;
    while (this.running) {
      const ending = await this.connectOnce().catch((error: unknown): Ending => {
        if (this.running) this.handlers.onError(error instanceof EndpointError ? error : new EndpointError(this.endpoint.id, ENDPOINT, 'network', String(error)));
        return 'failed';
      });
      if (!this.running) return;
      attempt = ending === 'healthy' ? 0 : attempt + 1;
      const delay = fullJitterDelay(attempt, this.options.backoffBaseMs ?? 250, this.options.backoffCapMs ?? 5_000) + 50;
      await sleep(delay, this.controller.signal).catch(() => {});
    }
  }

  private async connectOnce(): Promise<Ending> {
    const idleMs = this.options.idleTimeoutMs ?? 30_000;
    const dropped = new AbortController();
    const signal = AbortSignal.any([this.controller.signal, dropped.signal]);
    let dropReason: EndpointError | null = null;
    const drop = (reason: EndpointError) => {
      dropReason ??= reason;
      dropped.abort(reason);
    };
    const resume = this.handlers.resumeFrom();
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${this.endpoint.token}` };
    if (resume !== null) headers['Last-Event-ID'] = String(resume);

    let parser: SseParser | null = null;
    let bytes = 0;
    let idleTimer: NodeJS.Timeout | undefined;
    const armIdle = () => {
      bytes = 0; // counted since the last valid message
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => drop(this.idleError(idleMs, parser?.eventOpen ?? false, bytes)), idleMs);
    };
    let delivered = false;
    armIdle();
    try {
      const response = await fetch(`${this.endpoint.baseUrl}/v1/changes`, { headers, signal }).catch((error: unknown) => {
        throw dropReason ?? new EndpointError(this.endpoint.id, ENDPOINT, 'network', describeNetworkError(error));
      });
      if (!response.ok || !response.body) {
        await response.body?.cancel().catch(() => {});
        throw new EndpointError(this.endpoint.id, ENDPOINT, 'http', `HTTP ${response.status}`, [], response.status);
      }
      this.handlers.onOpen();
      parser = new SseParser(
        (message) => {
          armIdle();
          if (this.dispatch(message.event, message.data)) delivered = true;
        },
        () => {
          // A comment proves the connection is alive only while no event is half-sent.
          if (parser?.eventOpen) return;
          armIdle();
          delivered = true;
          this.handlers.onAlive();
        },
        this.options.limits,
      );
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body) {
          bytes += (chunk as Uint8Array).byteLength;
          parser.push(decoder.decode(chunk as Uint8Array, { stream: true }));
          if (!this.running) return 'healthy';
        }
      } catch (error) {
        if (!this.running) return 'healthy';
        if (error instanceof SseLimitError) {
          throw new EndpointError(this.endpoint.id, ENDPOINT, 'limit', `stream dropped: ${error.message}`);
        }
        throw dropReason ?? new EndpointError(this.endpoint.id, ENDPOINT, 'network', `stream dropped: ${describeNetworkError(error)}`);
      }
      if (dropReason) throw dropReason;
      // Servers and proxies end long streams now and then: after good data that is a plain reconnect.
      if (delivered) return 'healthy';
      throw new EndpointError(this.endpoint.id, ENDPOINT, 'protocol', 'stream ended by the endpoint before any event or heartbeat');
    } finally {
      clearTimeout(idleTimer);
      dropped.abort();
    }
  }

  /** Nothing valid for `idleMs`: silence is a timeout; bytes that never made an event are a broken stream. */
  private idleError(idleMs: number, eventOpen: boolean, bytes: number): EndpointError {
    const seconds = idleMs / 1000;
    if (eventOpen) return new EndpointError(this.endpoint.id, ENDPOINT, 'protocol', `an event stayed open for ${seconds} s while only comments arrived (idleTimeoutMs); stream dropped`);
    if (bytes > 0) return new EndpointError(this.endpoint.id, ENDPOINT, 'protocol', `${bytes} bytes but no valid event or heartbeat within ${seconds} s (idleTimeoutMs); stream dropped`);
    return new EndpointError(this.endpoint.id, ENDPOINT, 'timeout', `no event or heartbeat within ${seconds} s (idleTimeoutMs); stream dropped`);
  }

  /** Returns whether the message was valid. */
  private dispatch(event: string, data: string): boolean {
    const message = decodeStreamMessage(this.endpoint.id, event, data);
    if (message.kind === 'change') this.handlers.onEvent(message.event);
    else if (message.kind === 'reset') this.handlers.onReset(message.reset);
    else this.handlers.onError(message.error);
    return message.kind !== 'error';
  }
}
