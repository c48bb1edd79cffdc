import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProtocolError } from '../../shared/protocol/index.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** Announce the full length, send half, then drop the connection. */
  truncated?: boolean;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, opts: SendOptions = {}): void {
  const buf = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(buf.length),
    'cache-control': 'no-store',
    ...opts.headers,
  });
  if (opts.truncated) {
    res.write(buf.subarray(0, Math.floor(buf.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(buf);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const body: ProtocolError = { error: { code, message } };
  sendJson(res, status, body, { headers });
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit) throw new HttpError(413, 'body_too_large', `request body exceeds ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json', 'request body is not valid JSON');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One readable line from a zod error: the first issue, with its field path. */
export function describeIssue(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  const first = issues[0];
  if (!first) return 'invalid value';
  const path = first.path.map(String).join('.');
  return path ? `${path}: ${first.message}` : first.message;
}
