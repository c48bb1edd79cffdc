import { formatBytes } from './bounded-body.ts';

export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

export interface SseLimits {
  /** Longest line accepted, in UTF-16 code units (≈ bytes for the JSON a region sends). */
  maxLineLength: number;
  /** Largest event accepted: the sum of its data lines. */
  maxEventSize: number;
}

/** 1 MiB per event and per line: a change event is a few hundred bytes; a full instance list is never streamed. */
export const DEFAULT_SSE_LIMITS: SseLimits = { maxLineLength: 1024 * 1024, maxEventSize: 1024 * 1024 };

/** The stream broke a size limit; the caller drops the connection. */
export class SseLimitError extends Error {
  constructor(
    readonly limit: keyof SseLimits,
    readonly value: number,
  ) {
    super(`${limit === 'maxLineLength' ? 'a line' : 'an event'} longer than the ${formatBytes(value)} limit (${limit})`);
    this.name = 'SseLimitError';
  }
}

const LINE_BREAK = /[\r\n]/g;

/**
 * Incremental Server-Sent Events parser (WHATWG rules: `event`, `data`, `id`, comments, blank line
 * dispatch), bounded: each chunk is scanned once (never the buffered remainder again), the unfinished
 * line and the open event are capped, and a CR at the end of one chunk followed by LF at the start of
 * the next is one line break, not two.
 */
export class SseParser {
  private partial = '';
  private trailingCR = false;
  private event = '';
  private data: string[] = [];
  private dataSize = 0;
  private hasData = false;
  private id: string | null = null;
  private readonly limits: SseLimits;

  constructor(
    private readonly onMessage: (message: SseMessage) => void,
    private readonly onComment: (text: string) => void = () => {},
    limits: Partial<SseLimits> = {},
  ) {
    this.limits = { ...DEFAULT_SSE_LIMITS, ...limits };
  }

  /** True while an event has started (a field line arrived) but its blank line has not. */
  get eventOpen(): boolean {
    return this.hasData || this.event !== '' || this.partial !== '';
  }

  /** Throws SseLimitError when the stream breaks a limit; the parser must not be used after that. */
  push(chunk: string): void {
    if (chunk === '') return;
    let start = 0;
    if (this.trailingCR) {
      this.trailingCR = false;
      if (chunk.charCodeAt(0) === 10) start = 1;
    }
    LINE_BREAK.lastIndex = start;
    let match: RegExpExecArray | null;
    while ((match = LINE_BREAK.exec(chunk)) !== null) {
      const end = match.index;
      const line = this.partial === '' ? chunk.slice(start, end) : this.partial + chunk.slice(start, end);
      this.partial = '';
      if (line.length > this.limits.maxLineLength) throw new SseLimitError('maxLineLength', this.limits.maxLineLength);
      start = end + 1;
      if (chunk.charCodeAt(end) === 13) {
        if (end + 1 === chunk.length) this.trailingCR = true;
        else if (chunk.charCodeAt(end + 1) === 10) start = end + 2;
      }
      LINE_BREAK.lastIndex = start;
      this.line(line);
    }
    if (start < chunk.length) {
      if (this.partial.length + chunk.length - start > this.limits.maxLineLength) throw new SseLimitError('maxLineLength', this.limits.maxLineLength);
      this.partial += chunk.slice(start);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.hasData) this.onMessage({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      this.event = '';
      this.data = [];
      this.dataSize = 0;
      this.hasData = false;
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) return this.onComment(line.slice(1).trim());
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') {
      this.dataSize += value.length + 1;
      if (this.dataSize > this.limits.maxEventSize) throw new SseLimitError('maxEventSize', this.limits.maxEventSize);
      this.data.push(value);
      this.hasData = true;
    } else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}
