import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Envelope } from '../../shared/contract/index.ts';
import type { Core } from '../core/create-core.ts';
import { SNAPSHOT_DOWNLOAD_PATH, SNAPSHOT_UPLOAD_PATH } from '../../shared/contract/index.ts';
import { receiveSnapshotUpload, sendSnapshotFile } from './snapshot-files.ts';
import { SECURITY_HEADERS } from '../host/csp.ts';
import { runCall, validateCall } from '../host/dispatch.ts';
import { readStaticFile } from '../host/static-files.ts';
import { chromiumReportPrinter } from '../report/chromium-printer.ts';
import { isCallName } from '../../shared/contract/index.ts';
import {
  BodyTooLargeError,
  decodeComponent,
  hostAllowed,
  isJsonContentType,
  originAllowed,
  presentedSecret,
  readBody,
  secretsEqual,
  SECRET_COOKIE,
} from './guards.ts';

export interface WebHostOptions {
  /** The handlers and events served (a core, or a `SwitchableConsole`). */
  core: Pick<Core, 'handlers' | 'bus' | 'setReportPrinter'>;
  /** `<dataDir>/snapshots`: enables snapshot upload (to open one) and download (one taken here). */
  snapshotsDir?: string;
  /** Directory of the built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  secret?: string;
}

export interface WebHost {
  port: number;
  secret: string;
  /** Origin of the server, without the secret. */
  origin: string;
  /** URL that hands the secret to a browser once (it is swapped for a cookie). */
  launchUrl: string;
  close(): Promise<void>;
}

const CALL_PREFIX = '/api/call/';
/** Unsent event bytes one page may have queued before it is dropped. */
export const MAX_SSE_BACKLOG_BYTES = 4 * 1024 * 1024;

/** Serves the contract over HTTP on 127.0.0.1, guarded by a per-run secret. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const sseClients = new Set<ServerResponse>();
  let port = 0;
  const cookieName = () => `${SECRET_COOKIE}_${port}`;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'internal', message: String(error) } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!hostAllowed(req, port)) return sendText(res, 403, 'Host not allowed');
    if (!originAllowed(req, port)) return sendText(res, 403, 'Origin not allowed');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    // First visit: trade the secret in the URL for an HttpOnly cookie and drop it from the address bar.
    const offered = url.searchParams.get('secret');
    if (req.method === 'GET' && url.pathname === '/' && offered !== null) {
      if (!secretsEqual(offered, secret)) return sendText(res, 401, 'Wrong secret');
      res.setHeader('Set-Cookie', `${cookieName()}=${encodeURIComponent(secret)}; HttpOnly; SameSite=Strict; Path=/`);
      res.setHeader('Location', '/');
      res.writeHead(303).end();
      return;
    }

    const given = presentedSecret(req, cookieName());
    if (given === undefined || !secretsEqual(given, secret)) return sendText(res, 401, 'Missing or wrong secret');

    if (url.pathname.startsWith(CALL_PREFIX)) return handleCall(req, res, url.pathname.slice(CALL_PREFIX.length));
    if (options.snapshotsDir && url.pathname === SNAPSHOT_UPLOAD_PATH) {
      if (req.method !== 'POST') return sendText(res, 405, 'Uploads are POST');
      // A refused upload may still be sending its body: answer and close the connection rather than read it.
      return receiveSnapshotUpload(req, options.snapshotsDir, (status, body) => {
        if (status !== 200) res.setHeader('Connection', 'close');
        sendJson(res, status, body);
      });
    }
    if (options.snapshotsDir && url.pathname.startsWith(SNAPSHOT_DOWNLOAD_PATH) && req.method === 'GET') {
      if (await sendSnapshotFile(res, options.snapshotsDir, decodeComponent(url.pathname.slice(SNAPSHOT_DOWNLOAD_PATH.length)))) return;
      return sendJson(res, 404, { ok: false, error: { kind: 'not-found', message: 'No such snapshot in the snapshots folder' } });
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(req, res);
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { ok: false, error: { kind: 'unknown-call', message: `No route ${url.pathname}` } });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');

    const file = await readStaticFile(options.staticDir, url.pathname);
    if (!file) return sendText(res, 404, 'Not found');
    res.writeHead(200, { 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, encodedName: string): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'Calls are POST');
    const name = decodeComponent(encodedName);
    if (name === undefined) {
      return sendJson(res, 400, { ok: false, error: { kind: 'invalid-input', message: 'Call name is not valid percent-encoding' } });
    }
    if (!isCallName(name)) return sendJson(res, 404, { ok: false, error: { kind: 'unknown-call', message: `Unknown call "${name}"` } });
    if (!isJsonContentType(req.headers['content-type'])) {
      return sendJson(res, 415, { ok: false, error: { kind: 'invalid-input', message: 'Calls must be sent as Content-Type: application/json' } });
    }
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return sendJson(res, 413, { ok: false, error: { kind: 'invalid-input', message: 'Request body too large' } });
      }
      throw error;
    }
    let input: unknown = {};
    if (raw.trim() !== '') {
      try {
        input = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { ok: false, error: { kind: 'invalid-input', message: 'Request body is not JSON' } });
      }
    }
    const validated = validateCall(name, input);
    if (!validated.ok) return sendJson(res, validated.error.kind === 'unknown-call' ? 404 : 400, validated);
    sendJson(res, 200, await runCall(options.core.handlers, validated.name, validated.args));
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  /**
   * A page that stops reading (a frozen tab, a stalled socket) must not make the host buffer events
   * without end: past the cap it is disconnected, and its EventSource reconnects and refetches.
   */
  function sendEvent(client: ServerResponse, frame: string): void {
    if (client.writableLength > MAX_SSE_BACKLOG_BYTES) {
      sseClients.delete(client);
      client.destroy();
      return;
    }
    client.write(frame);
  }

  const unsubscribe = options.core.bus.onAny((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) sendEvent(client, frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients) sendEvent(client, ': ping\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  // report.pdf: headless Chromium prints the report route of this host (browser started only when asked).
  options.core.setReportPrinter(chromiumReportPrinter({ origin, secret }));

  return {
    port,
    secret,
    origin,
    launchUrl: `${origin}/?secret=${encodeURIComponent(secret)}`,
    async close() {
      unsubscribe();
      options.core.setReportPrinter(null);
      clearInterval(heartbeat);
      for (const client of sseClients) client.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
