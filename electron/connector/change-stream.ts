import type { ChangeEvent, StreamReset } from '../../shared/protocol/index.ts';
import { fullJitterDelay, sleep } from './backoff.ts';
import { describeNetworkError, EndpointError } from './endpoint-error.ts';
import type { RegionEndpoint } from './region-client.ts';
import { SseParser } from './sse-parser.ts';
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


/** Follows a region's change stream, reconnecting with backoff and resuming with Last-Event-ID. */
export class ChangeStream {
  private readonly controller = new AbortController();
  private running = false;

  constructor(
    private readonly endpoint: RegionEndpoint,
    private readonly handlers: StreamHandlers,
    private readonly options: { idleTimeoutMs?: number; backoffBaseMs?: number; backoffCapMs?: number } = {},
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
      const connected = await this.connectOnce().catch((error: unknown) => {
        if (!this.running) return false;
        this.handlers.onError(error instanceof EndpointError ? error : new EndpointError(this.endpoint.id, ENDPOINT, 'network', String(error)));
        return false;
      });
      if (!this.running) return;
      attempt = connected ? 0 : attempt + 1;
      await sleep(fullJitterDelay(attempt, this.options.backoffBaseMs ?? 250, this.options.backoffCapMs ?? 3_000) + 50, this.controller.signal).catch(() => {});
    }
  }

  /** Returns true when the connection was established (so the next retry starts from a short delay). */
  private async connectOnce(): Promise<boolean> {
    const idle = new AbortController();
    const signal = AbortSignal.any([this.controller.signal, idle.signal]);
    const resume = this.handlers.resumeFrom();
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${this.endpoint.token}` };
    if (resume !== null) headers['Last-Event-ID'] = String(resume);
    let idleTimer = setTimeout(() => idle.abort(), this.options.idleTimeoutMs ?? 30_000);
    const bump = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => idle.abort(new Error('idle')), this.options.idleTimeoutMs ?? 30_000);
    };
    try {
      const response = await fetch(`${this.endpoint.baseUrl}/v1/changes`, { headers, signal }).catch((error: unknown) => {
        throw new EndpointError(this.endpoint.id, ENDPOINT, idle.signal.aborted ? 'timeout' : 'network', describeNetworkError(error));
      });
      if (!response.ok || !response.body) {
        throw new EndpointError(this.endpoint.id, ENDPOINT, 'http', `HTTP ${response.status}`, [], response.status);
      }
      this.handlers.onOpen();
      const parser = new SseParser(
        (message) => {
          bump();
          this.dispatch(message.event, message.data);
        },
        () => {
          bump();
          this.handlers.onAlive();
        },
      );
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body) parser.push(decoder.decode(chunk as Uint8Array, { stream: true }));
      } catch (error) {
        if (!this.running) return true;
        throw new EndpointError(this.endpoint.id, ENDPOINT, idle.signal.aborted ? 'timeout' : 'network', `stream dropped: ${describeNetworkError(error)}`);
      }
      throw new EndpointError(this.endpoint.id, ENDPOINT, 'network', 'stream ended by the endpoint');
    } finally {
      clearTimeout(idleTimer);
    }
  }

  private dispatch(event: string, data: string): void {
    const message = decodeStreamMessage(this.endpoint.id, event, data);
    if (message.kind === 'change') this.handlers.onEvent(message.event);
    else if (message.kind === 'reset') this.handlers.onReset(message.reset);
    else this.handlers.onError(message.error);
  }

}

