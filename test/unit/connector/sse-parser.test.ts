import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SseParser, type SseMessage } from '../../../electron/connector/sse-parser.ts';

const parse = (chunks: string[]) => {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const parser = new SseParser((m) => messages.push(m), (c) => comments.push(c));
  for (const chunk of chunks) parser.push(chunk);
  return { messages, comments };
};

describe('SSE parser', () => {
  it('parses id, event, multi-line data and comments', () => {
    const { messages, comments } = parse(['id: 7\nevent: change\ndata: {"a":\ndata: 1}\n\n: ping\n\n']);
    expect(messages).toEqual([{ id: '7', event: 'change', data: '{"a":\n1}' }]);
    expect(comments).toEqual(['ping']);
  });

  it('defaults the event name and keeps the last id across messages', () => {
    const { messages } = parse(['id: 3\ndata: x\n\ndata: y\n\n']);
    expect(messages).toEqual([
      { id: '3', event: 'message', data: 'x' },
      { id: '3', event: 'message', data: 'y' },
    ]);
  });

  it('handles CRLF and CR line endings', () => {
    expect(parse(['event: a\r\ndata: 1\r\n\r\n', 'event: b\rdata: 2\r\r']).messages.map((m) => m.event)).toEqual(['a', 'b']);
  });

  it('gives the same messages however the stream is split into chunks', () => {
    const text = 'id: 1\nevent: change\ndata: {"x":1}\n\n: hb\n\nid: 2\ndata: two\n\n';
    const whole = parse([text]).messages;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(text.slice(last, p));
          last = p;
        }
        chunks.push(text.slice(last));
        expect(parse(chunks).messages).toEqual(whole);
      }),
    );
  });
});
