import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SseLimitError, SseParser, type SseLimits, type SseMessage } from '../../../electron/connector/sse-parser.ts';

const parse = (chunks: string[], limits: Partial<SseLimits> = {}) => {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const parser = new SseParser((m) => messages.push(m), (c) => comments.push(c), limits);
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

  it('reads a CRLF split across two chunks as one line break (the event keeps its name)', () => {
    const { messages } = parse(['event: reset\r', '\ndata: {"revision":4}\r', '\n\r', '\n']);
    expect(messages).toEqual([{ id: null, event: 'reset', data: '{"revision":4}' }]);
  });

  it('an empty chunk between CR and LF changes nothing', () => {
    expect(parse(['data: a\r', '', '\n\r\n']).messages).toEqual([{ id: null, event: 'message', data: 'a' }]);
  });

  const eventArb = fc.record({
    id: fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: undefined }),
    event: fc.option(fc.constantFrom('change', 'reset', 'x'), { nil: undefined }),
    data: fc.array(fc.string({ unit: fc.constantFrom('a', '{', '"', ' ', ':', 'é') , maxLength: 12 }), { minLength: 1, maxLength: 3 }),
    comment: fc.boolean(),
  });

  it('gives the same messages for any line endings (LF, CRLF, CR) and any chunk split', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 12 }), (events, eol, cuts) => {
        let text = '';
        let lastId: string | null = null;
        const expected: SseMessage[] = [];
        for (const e of events) {
          if (e.comment) text += `: ping${eol}`;
          if (e.id !== undefined) {
            text += `id: ${e.id}${eol}`;
            lastId = e.id;
          }
          if (e.event !== undefined) text += `event: ${e.event}${eol}`;
          for (const line of e.data) text += `data: ${line}${eol}`;
          text += eol;
          expected.push({ id: lastId, event: e.event ?? 'message', data: e.data.join('\n') });
        }
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(text.slice(last, p));
          last = p;
        }
        chunks.push(text.slice(last));
        expect(parse(chunks).messages).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a line longer than the limit, even one that never ends', () => {
    const parser = new SseParser(() => {}, () => {}, { maxLineLength: 1000 });
    parser.push('data: ' + 'x'.repeat(500));
    expect(() => parser.push('y'.repeat(600))).toThrow(SseLimitError);
    expect(() => parse(['data: ' + 'x'.repeat(2000) + '\n\n'], { maxLineLength: 1000 })).toThrow(/line longer than the 1000 bytes limit \(maxLineLength\)/);
  });

  it('refuses an event whose data lines add up past the limit, and accepts one just under it', () => {
    const line = `data: ${'x'.repeat(99)}\n`;
    expect(() => parse([line.repeat(11) + '\n'], { maxEventSize: 1000 })).toThrow(/an event longer than the 1000 bytes limit \(maxEventSize\)/);
    expect(parse([line.repeat(9) + '\n'], { maxEventSize: 1000 }).messages).toHaveLength(1);
  });

  it('reports an open event while data lines arrive without the blank line', () => {
    const parser = new SseParser(() => {});
    parser.push(': ping\n');
    expect(parser.eventOpen).toBe(false);
    parser.push('data: 1\n: ping\n');
    expect(parser.eventOpen).toBe(true);
    parser.push('\n');
    expect(parser.eventOpen).toBe(false);
  });
});
