import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smallFleet } from './small-fleet.ts';

/**
 * A deliberately hostile regional endpoint: one misbehaviour per path prefix (`/<mode>/v1/...`).
 * Run as its own process (`node --import tsx test/support/hostile-endpoint.ts`) so its buffers never
 * count against the console's memory; it prints its port, and `GET /__stats` counts requests per path.
 */
export const HOSTILE_MODES = [
  'hang',
  'reset',
  'garbage',
  'endless-body',
  'wrong-shape-fleet',
  'wrong-shape-events',
  'sse-garbage',
  'giant-line',
  'never-ending-event',
] as const;
export type HostileMode = (typeof HOSTILE_MODES)[number];

const counts = new Map<string, number>();
const openSockets = new Set<import('node:net').Socket>();
const fleetBody = (mode: HostileMode) => JSON.stringify({ ...smallFleet(), region: { id: mode, name: mode, timezone: 'UTC' } });
const ENDLESS_CHUNK = Buffer.from('{"id":"x","host":"h","component":"c","version":"v","state":"running","startedAt":"2026-11-01T00:00:00Z","activeUsers":1},'.repeat(4096));
const GARBAGE = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256));

function wrongShapeFleet(mode: HostileMode): string {
  const doc = JSON.parse(fleetBody(mode)) as { instances: { version: unknown }[] };
  doc.instances[2]!.version = 42;
  return JSON.stringify(doc);
}

/** Writes `next()` for as long as the client reads, respecting backpressure; stops when it goes away. */
function pump(res: ServerResponse, next: () => string | Buffer, everyMs = 0): void {
  let stopped = false;
  res.on('close', () => {
    stopped = true;
  });
  const write = () => {
    while (!stopped) {
      if (!res.write(next())) {
        res.once('drain', write);
        return;
      }
      if (everyMs > 0) {
        setTimeout(write, everyMs);
        return;
      }
    }
  };
  write();
}

function sse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

function heartbeats(res: ServerResponse): void {
  sse(res);
  res.write(': connected\n\n');
  const timer = setInterval(() => res.write(': ping\n\n'), 200);
  res.on('close', () => clearInterval(timer));
}

function fleet(req: IncomingMessage, res: ServerResponse, mode: HostileMode): void {
  switch (mode) {
    case 'hang':
      return; // never answers
    case 'reset':
      req.socket.destroy();
      return;
    case 'garbage':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.concat(Array.from({ length: 160 }, () => GARBAGE))); // 10 MB of bytes
      return;
    case 'endless-body':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"instances":[');
      pump(res, () => ENDLESS_CHUNK);
      return;
    case 'wrong-shape-fleet':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(wrongShapeFleet(mode));
      return;
    default:
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(fleetBody(mode));
  }
}

function changes(req: IncomingMessage, res: ServerResponse, mode: HostileMode): void {
  let revision = 0;
  switch (mode) {
    case 'hang':
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'garbage':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      pump(res, () => GARBAGE);
      return;
    case 'wrong-shape-events':
      sse(res);
      pump(res, () => `id: ${++revision}\nevent: change\ndata: {"revision":${revision},"type":"instance.upsert","instance":{"id":7}}\n\n`, 5);
      return;
    case 'sse-garbage':
      sse(res);
      pump(res, () => `event: change\ndata: {not json ${++revision}\n\n\u0000::\nretry: x\n`, 2);
      return;
    case 'giant-line':
      sse(res);
      res.write('data: ');
      pump(res, () => 'x'.repeat(16 * 1024));
      return;
    case 'never-ending-event':
      sse(res);
      pump(res, () => `data: {"revision":${++revision}}\n: ping\n`, 20);
      return;
    default:
      heartbeats(res);
  }
}

export async function startHostileEndpoint(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const [, mode, ...rest] = (req.url ?? '/').split('?')[0]!.split('/');
    const path = `/${rest.join('/')}`;
    if (mode === '__stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(Object.fromEntries(counts)));
      return;
    }
    if (!HOSTILE_MODES.includes(mode as HostileMode)) {
      res.writeHead(404).end();
      return;
    }
    counts.set(`${mode}${path}`, (counts.get(`${mode}${path}`) ?? 0) + 1);
    if (path === '/v1/fleet') return fleet(req, res, mode as HostileMode);
    if (path === '/v1/changes') return changes(req, res, mode as HostileMode);
    res.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of openSockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '')) {
  const { port } = await startHostileEndpoint();
  process.stdout.write(`${port}\n`);
}
