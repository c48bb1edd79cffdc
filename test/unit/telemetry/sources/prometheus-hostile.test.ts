import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PrometheusTelemetryConfig } from '../../../../electron/common/telemetry-config.ts';
import { TelemetryError, type TelemetryRequest } from '../../../../electron/common/telemetry-source.ts';
import { PrometheusTelemetrySource, type PrometheusTelemetryOptions } from '../../../../electron/telemetry/index.ts';

/*
 * The Prometheus source against a tiny in-process endpoint that misbehaves the ways a real Prometheus
 * never does on purpose but a proxy, a wrong URL or an attacker can: hangs, endless or garbage bodies,
 * HTML error pages, redirects. (Real answers: test/integration/telemetry/prometheus-shapes.test.ts.)
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let other: Server;
let base = '';
let otherBase = '';
let handler: Handler;
let hits: Array<{ url: string; auth: string | undefined }>;
let otherHits = 0;
let bytesSent = 0;

const REGION = 'ap-south';
const request: TelemetryRequest = { signal: 'error_rate', from: 1_800_000_000, to: 1_800_000_600, stepSeconds: 60, component: 'search' };
const source = (options: PrometheusTelemetryOptions = {}, token?: string) =>
  new PrometheusTelemetrySource(REGION, PrometheusTelemetryConfig.parse({ source: 'prometheus', url: `${base}/prom`, scrapeIntervalSeconds: 15 }), token, { backoffBaseMs: 5, ...options });

async function failure(promise: Promise<unknown>): Promise<TelemetryError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TelemetryError);
  const te = error as TelemetryError;
  // Every failure names the region, the source and the query.
  expect(te.message.startsWith(`${REGION} prometheus telemetry: `)).toBe(true);
  expect(te.message).toContain('(query: (sum by (component, version) (rate(rcc_demo_requests_total{region="ap-south",component="search",status="5xx"}[60s]))');
  return te;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const matrix = (result: unknown[]) => ({ status: 'success', data: { resultType: 'matrix', result } });

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ url: req.url ?? '', auth: req.headers.authorization });
    handler(req, res);
  });
  other = createServer((_req, res) => {
    otherHits++;
    json(res, 200, matrix([]));
  });
  await Promise.all([server, other].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});

beforeEach(() => {
  hits = [];
  otherHits = 0;
  bytesSent = 0;
  handler = (_req, res) => json(res, 200, matrix([]));
});

afterAll(async () => {
  server.closeAllConnections();
  await Promise.all([server, other].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe('PrometheusTelemetrySource against a hostile endpoint', () => {
  it('asks /api/v1/query_range under the base path, steps aligned, with a server-side timeout and the bearer token', async () => {
    handler = (_req, res) =>
      json(res, 200, matrix([{ metric: { component: 'search', version: '2' }, values: [[1_800_000_000, '0.5'], [1_800_000_060, 'NaN']] }]));
    const result = await source({ timeoutMs: 4_000 }, 's3cret').query({ ...request, from: 1_799_999_990 });
    expect(result).toEqual({ series: [{ component: 'search', version: '2', signal: 'error_rate', points: [[1_800_000_000, 0.5]] }], warnings: [] });
    const url = new URL(hits[0]!.url, base);
    expect(url.pathname).toBe('/prom/api/v1/query_range');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ start: '1800000000', end: '1800000600', step: '60', timeout: '4s' });
    expect(hits[0]!.auth).toBe('Bearer s3cret');
  });

  it('a hanging endpoint fails within the timeout, not retried', async () => {
    handler = () => undefined;
    const started = Date.now();
    const error = await failure(source({ timeoutMs: 300 }).query(request));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.message).toMatch(/GET \/api\/v1\/query_range: no answer within 300 ms/);
    expect(error.retryable).toBe(true);
    expect(hits).toHaveLength(1);
  });

  it('a body that stops halfway fails within the timeout', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"matrix","result":[');
    };
    const error = await failure(source({ timeoutMs: 300 }).query(request));
    expect(error.message).toMatch(/HTTP 200 arrived but its body did not complete within 300 ms/);
  });

  it('an endless body is cut at the byte cap: memory stays bounded', async () => {
    const chunk = Buffer.from(`{"metric":{"component":"search","version":"1"},"values":[${'[1,"1"],'.repeat(8_000)}[1,"1"]]},`);
    let closed: () => void = () => {};
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"matrix","result":[');
      let open = true;
      res.on('close', () => {
        open = false;
        closed();
      });
      const pump = () => {
        while (open && bytesSent < 512 * 1024 * 1024) {
          bytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
    };
    const before = process.memoryUsage().rss;
    const error = await failure(source({ responseBytes: 1024 * 1024, timeoutMs: 10_000 }).query(request));
    expect(error.message).toMatch(/response body larger than the 1 MiB limit; read aborted \(limits\.responseBytes\)/);
    expect(error.retryable).toBe(false);
    // The server stopped once the client went away: a few MiB of socket buffers, not the 512 MiB on offer.
    await serverSawClose;
    expect(bytesSent).toBeLessThan(32 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('garbage with 200, and a 200 that says error, are reported, not retried', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x7b]));
    };
    const garbage = await failure(source().query(request));
    expect(garbage.message).toMatch(/HTTP 200: not JSON \(\d+ characters/);
    expect(garbage.retryable).toBe(false);
    handler = (_req, res) => json(res, 200, { status: 'error', errorType: 'internal', error: 'odd' });
    expect((await failure(source().query(request))).message).toMatch(/HTTP 200: internal: odd/);
    handler = (_req, res) => json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [['x', 1]] }] } });
    expect((await failure(source().query(request))).message).toMatch(/not a Prometheus API answer: data\.result\[0\]\.values\[0\]\[0\]/);
    expect(hits).toHaveLength(3);
  });

  it("a proxy's HTML 503 is retried with backoff, then reported; its 502 is reported at once", async () => {
    handler = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html><body><h1>503 Service Unavailable</h1>\nNo server is available.</body></html>');
    };
    const unavailable = await failure(source({ readRetries: 2 }).query(request));
    expect(hits).toHaveLength(3);
    expect(unavailable.message).toMatch(/HTTP 503: not JSON \(\d+ characters: <html><body><h1>503 Service Unavailable<\/h1> No server/);
    expect(unavailable.retryable).toBe(true);
    hits = [];
    handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    };
    const gateway = await failure(source({ readRetries: 2 }).query(request));
    expect(hits).toHaveLength(1);
    expect(gateway.message).toMatch(/HTTP 502/);
    expect(gateway.retryable).toBe(true);
  });

  it('a 503 that recovers answers the data', async () => {
    let calls = 0;
    handler = (_req, res) => (++calls < 3 ? json(res, 503, { status: 'error', errorType: 'unavailable', error: 'starting' }) : json(res, 200, matrix([])));
    expect(await source({ readRetries: 2 }).query(request)).toEqual({ series: [], warnings: [] });
    expect(calls).toBe(3);
  });

  it('does not follow redirects (the bearer token stays home)', async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: `${otherBase}/api/v1/query_range` });
      res.end();
    };
    const error = await failure(source({}, 's3cret').query(request));
    expect(error.message).toMatch(/HTTP 302: redirects are not followed/);
    expect(otherHits).toBe(0);
  });

  it('a refused connection is retried, then reported as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = new PrometheusTelemetrySource(REGION, PrometheusTelemetryConfig.parse({ source: 'prometheus', url: `http://127.0.0.1:${port}` }), undefined, { backoffBaseMs: 5 });
    const error = await failure(refused.query(request));
    expect(error.message).toMatch(/connection refused/);
    expect(error.retryable).toBe(true);
  });

  it('a caller abort ends the call at once, without a TelemetryError', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const pending = source({ timeoutMs: 10_000 }).query(request, controller.signal);
    setTimeout(() => controller.abort(new Error('screen closed')), 50);
    await expect(pending).rejects.toThrow('screen closed');
  });

  it('series without the labels, or repeating a version, are left out with a warning', async () => {
    handler = (_req, res) =>
      json(
        res,
        200,
        matrix([
          { metric: { version: '1' }, values: [[1_800_000_000, '1']] },
          { metric: { component: 'b', version: '1', status: '2xx' }, values: [[1_800_000_000, '1']] },
          { metric: { component: 'b', version: '1', status: '5xx' }, values: [[1_800_000_000, '2']] },
          { metric: {}, values: [[1_800_000_000, '3']] },
        ]),
      );
    const unnarrowed = await source().query({ ...request, component: undefined });
    expect(unnarrowed.series).toEqual([{ component: 'b', version: '1', signal: 'error_rate', points: [[1_800_000_000, 1]] }]);
    expect(unnarrowed.warnings).toEqual([
      '2 series without the "component" and "version" labels left out',
      '1 series repeat a (component, version) and were left out: aggregate with sum by (component, version)',
    ]);
    // Narrowed to a component, a series without the component label is that component's.
    const narrowed = await source().query(request);
    expect(narrowed.series.map((s) => `${s.component}@${s.version}`)).toEqual(['b@1', 'search@1']);
  });
});
