/** One parsed server-sent event, or a comment line (`: ping`). */
export type SseMessage = { kind: 'event'; id: string | undefined; event: string; data: string } | { kind: 'comment'; text: string };

/**
 * A minimal SSE reader over fetch for tests: parses frames as they arrive and lets the test
 * wait for messages with a deadline.
 */
export class SseClient {
  private readonly queue: SseMessage[] = [];
  private waiters: Array<() => void> = [];
  private buffer = '';
  private ended = false;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {}

  static async open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers, signal: abort.signal });
    const client = new SseClient(response, abort);
    void client.pump();
    return client;
  }

  private async pump(): Promise<void> {
    const body = this.response.body;
    if (!body) return;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        this.parse();
      }
    } catch {
      // aborted or reset: the test sees `ended`
    }
    this.ended = true;
    this.wake();
  }

  private parse(): void {
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | undefined;
      let event = 'message';
      const data: string[] = [];
      let fields = 0;
      for (const line of frame.split('\n')) {
        if (line.startsWith(':')) {
          this.queue.push({ kind: 'comment', text: line.slice(1).trim() });
          continue;
        }
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'id') id = value;
        else if (name === 'event') event = value;
        else if (name === 'data') data.push(value);
        else continue;
        fields++;
      }
      if (fields > 0 && data.length > 0) this.queue.push({ kind: 'event', id, event, data: data.join('\n') });
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Waits until `predicate` holds for the messages received so far; returns them all. */
  async until(predicate: (messages: readonly SseMessage[]) => boolean, timeoutMs = 5_000): Promise<SseMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.queue)) {
      if (this.ended) throw new Error(`stream ended before the condition held (${this.queue.length} messages)`);
      if (!(await this.nextChange(deadline))) throw new Error(`timed out after ${timeoutMs} ms with ${this.queue.length} messages`);
    }
    return [...this.queue];
  }

  /** Waits for the stream to end (server closed or reset the connection). */
  async untilClosed(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (!(await this.nextChange(deadline))) throw new Error(`stream still open after ${timeoutMs} ms`);
    }
  }

  /** Resolves true when a message arrives or the stream ends, false at `deadline`. */
  private nextChange(deadline: number): Promise<boolean> {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), left);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  events(): Array<Extract<SseMessage, { kind: 'event' }>> {
    return this.queue.filter((m): m is Extract<SseMessage, { kind: 'event' }> => m.kind === 'event');
  }

  close(): void {
    this.abort.abort();
  }
}

export const changeEvents = (messages: readonly SseMessage[]): Array<Extract<SseMessage, { kind: 'event' }>> =>
  messages.filter((m): m is Extract<SseMessage, { kind: 'event' }> => m.kind === 'event' && m.event === 'change');
