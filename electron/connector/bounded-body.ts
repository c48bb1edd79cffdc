/** A response body exceeded the byte cap for its endpoint; the read was aborted there. */
export class BodyLimitError extends Error {
  constructor(readonly limitBytes: number) {
    super(`response body larger than the ${formatBytes(limitBytes)} limit; read aborted`);
    this.name = 'BodyLimitError';
  }
}

/**
 * Reads a fetch response body as text, never holding more than `limitBytes`: a declared
 * Content-Length above the cap fails before reading, and a streamed body is cancelled the moment it
 * crosses the cap, so an endless body costs at most the cap.
 */
export async function readBodyCapped(response: Response, limitBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel().catch(() => {});
    throw new BodyLimitError(limitBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyLimitError(limitBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(Buffer.concat(chunks, size));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
