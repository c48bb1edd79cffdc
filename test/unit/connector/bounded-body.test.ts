import { describe, expect, it } from 'vitest';
import { BodyLimitError, formatBytes, readBodyCapped } from '../../../electron/connector/bounded-body.ts';

const encoder = new TextEncoder();

/** A body streamed in the given chunks; counts how many were pulled and whether it was cancelled. */
function streamed(chunks: readonly Uint8Array[], endless = false) {
  const seen = { pulled: 0, cancelled: false };
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulled++;
      const chunk = endless ? chunks[0] : chunks[i++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { body, seen };
}

describe('readBodyCapped', () => {
  it('returns the body as text, across chunks that split a multi-byte character', async () => {
    const bytes = encoder.encode('{"name":"Zürich ✓"}');
    const { body } = streamed([bytes.subarray(0, 11), bytes.subarray(11, 12), bytes.subarray(12)]);
    expect(await readBodyCapped(new Response(body), 1024)).toBe('{"name":"Zürich ✓"}');
  });

  it('drops a leading UTF-8 byte-order mark, and only that', async () => {
    expect(await readBodyCapped(new Response('\uFEFF{"a":1}'), 1024)).toBe('{"a":1}');
    expect(await readBodyCapped(new Response('{"a":"\uFEFF"}'), 1024)).toBe('{"a":"\uFEFF"}');
  });

  it('accepts a body of exactly the cap, and an empty one', async () => {
    expect(await readBodyCapped(new Response('x'.repeat(100)), 100)).toBe('x'.repeat(100));
    expect(await readBodyCapped(new Response(null), 100)).toBe('');
  });

  it('fails on a declared Content-Length over the cap without reading the body', async () => {
    const { body, seen } = streamed([encoder.encode('{')], true);
    const response = new Response(body, { headers: { 'content-length': String(10 * 1024 * 1024) } });
    const error = await readBodyCapped(response, 1024 * 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyLimitError);
    expect((error as BodyLimitError).limitBytes).toBe(1024 * 1024);
    expect((error as Error).message).toBe('response body larger than the 1 MiB limit; read aborted');
    expect(seen.pulled).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it('cancels an endless body as soon as it crosses the cap', async () => {
    const chunk = new Uint8Array(1024).fill(0x20);
    const { body, seen } = streamed([chunk], true);
    const error = await readBodyCapped(new Response(body), 10 * 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyLimitError);
    expect(seen.cancelled).toBe(true);
    // 10 chunks fill the cap, the 11th crosses it; nothing is pulled after that.
    expect(seen.pulled).toBe(11);
  });

  it('fails a body one byte over the cap', async () => {
    await expect(readBodyCapped(new Response('x'.repeat(101)), 100)).rejects.toBeInstanceOf(BodyLimitError);
  });

  it('passes on the error of a body that breaks mid-read', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"a":'));
        controller.error(new Error('connection reset'));
      },
    });
    await expect(readBodyCapped(new Response(body), 1024)).rejects.toThrow('connection reset');
  });
});

describe('formatBytes', () => {
  it('names whole MiB and KiB, and bytes otherwise', () => {
    expect(formatBytes(256 * 1024 * 1024)).toBe('256 MiB');
    expect(formatBytes(64 * 1024)).toBe('64 KiB');
    expect(formatBytes(1500)).toBe('1500 bytes');
  });
});
