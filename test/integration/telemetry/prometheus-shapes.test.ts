import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusTelemetryConfig } from '../../../electron/common/telemetry-config.ts';
import { TelemetryError, type TelemetryRequest } from '../../../electron/common/telemetry-source.ts';
import { labelledPoints, parsePrometheusBody, PrometheusTelemetrySource } from '../../../electron/telemetry/index.ts';
import { waitFor } from '../../support/demo-fleet.ts';
import { startPrometheus, type StartedPrometheus } from '../../support/prometheus.ts';

/*
 * Every answer here is captured from Debian's prometheus in the test — success with NaN/±Inf, the
 * errors (400 bad_data, the 11,000-point limit, 422 execution, 503 timeout) and `warnings` — then fed
 * through the parser, and replayed byte for byte by a tiny server where the path through the source
 * needs a status the real server gives only under load (503 retries).
 *
 * The scrape target is a static page with this deployment's own label names (dc / service / release),
 * so the label and region-value settings are exercised too. `remote_read` points at that page's
 * failing `/read`, which makes the real server attach `warnings` to every answer (partial data).
 * `--query.max-samples=100` makes it refuse big range queries with 422.
 */

const REGION = 'east';
const METRICS = [
  '# TYPE svc_health gauge',
  'svc_health{dc="east-1",service="api",release="1.0"} 1',
  'svc_health{dc="east-1",service="api",release="1.1"} 0.5',
  'svc_health{dc="east-1",service="db",release="7"} 0.75',
  'svc_health{dc="west-1",service="api",release="1.0"} 0',
  '',
].join('\n');

let target: Server;
let prometheus: StartedPrometheus;
let replay: Server;
let replayUrl = '';
let replayed: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: '' };
let replayCount = 0;

const labels = { region: 'dc', component: 'service', version: 'release' };
const config = (url: string, queries: Record<string, string> = {}) =>
  PrometheusTelemetryConfig.parse({ source: 'prometheus', url, scrapeIntervalSeconds: 1, labels, regionLabelValue: 'east-1', queries });
const now = () => Math.floor(Date.now() / 1000);
const request = (extra: Partial<TelemetryRequest> = {}): TelemetryRequest => ({ signal: 'health', from: now() - 10, to: now(), stepSeconds: 1, ...extra });

/** One raw answer of the real server. */
async function capture(path: string, params: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(`${prometheus.url}/api/v1/${path}?${new URLSearchParams(params)}`);
  return { status: res.status, text: await res.text() };
}

/** The real 503: a query given 1 ms (`timeout=1ms`); a rare run quick enough to finish is asked again. */
async function captureTimeout(): Promise<{ status: number; text: string }> {
  let last = { status: 0, text: '' };
  for (let i = 0; i < 20 && last.status !== 503; i++) last = await capture('query', { query: 'count_over_time(svc_health[1h]) * on() group_left count(up)', timeout: '1ms' });
  return last;
}

beforeAll(async () => {
  target = createServer((req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(METRICS);
      return;
    }
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('remote storage unavailable');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const port = (target.address() as AddressInfo).port;
  prometheus = await startPrometheus({
    targets: [`http://127.0.0.1:${port}/metrics`],
    scrapeIntervalSeconds: 1,
    extraConfigYaml: `remote_read:\n  - url: http://127.0.0.1:${port}/read\n    read_recent: true\n`,
    extraArgs: ['--query.max-samples=100'],
  });
  replay = createServer((_req, res) => {
    replayCount++;
    res.writeHead(replayed.status, { 'content-type': 'application/json', ...replayed.headers });
    res.end(replayed.body);
  });
  await new Promise<void>((resolve) => replay.listen(0, '127.0.0.1', resolve));
  replayUrl = `http://127.0.0.1:${(replay.address() as AddressInfo).port}`;
  await waitFor(async () => (await prometheus.query('count_over_time(svc_health[1m]) > 4')).length === 4, 'five scrapes of the static target', 30_000, 250);
}, 60_000);

afterAll(async () => {
  for (const server of [replay, target]) await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await prometheus?.stop();
});

describe('real Prometheus answers through the parser', () => {
  it('a matrix with NaN, +Inf and -Inf samples: values are strings, non-finite points are dropped', async () => {
    const t = now();
    const nan = await capture('query_range', { query: 'svc_health * 0 / 0', start: String(t - 4), end: String(t), step: '1' });
    const inf = await capture('query_range', { query: 'svc_health / 0', start: String(t - 4), end: String(t), step: '1' });
    const neg = await capture('query_range', { query: '-1 * svc_health / 0', start: String(t - 4), end: String(t), step: '1' });
    expect(nan.status).toBe(200);
    expect(nan.text).toContain('"NaN"');
    expect(inf.text).toContain('"+Inf"');
    expect(neg.text).toContain('"-Inf"');
    for (const { text } of [nan, inf, neg]) {
      const parsed = parsePrometheusBody(text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.data.resultType).toBe('matrix');
      const { series, dropped } = labelledPoints(parsed.data);
      // 0 / 0 is NaN and 0 / 0 again for the release at health 0 (the west-1 one): every point is non-finite.
      expect(series.length).toBe(4);
      expect(series.every((s) => s.points.length === 0)).toBe(true);
      expect(dropped).toBeGreaterThanOrEqual(4);
    }
    const mixed = parsePrometheusBody((await capture('query', { query: 'svc_health / (svc_health - 0.5)' })).text);
    expect(mixed.ok && mixed.data.resultType).toBe('vector');
    if (!mixed.ok) return;
    // 1/0.5 = 2, 0.5/0 = +Inf, 0.75/0.25 = 3, 0/-0.5 = -0: the finite ones stay.
    const values = labelledPoints(mixed.data).series.flatMap((s) => s.points.map(([, v]) => v)).sort();
    expect(values).toEqual([-0, 2, 3]);
  });

  it('warnings (partial data: the remote read fails) come through with the data', async () => {
    const { status, text } = await capture('query', { query: 'svc_health' });
    expect(status).toBe(200);
    const parsed = parsePrometheusBody(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.warnings.join(' ')).toMatch(/remote_read: remote server .* returned HTTP status 500/);
  });

  it('a parse error, an unknown function and the 11,000-points limit are 400 bad_data', async () => {
    const t = now();
    const cases = [
      [{ query: 'sum(' }, /parse error: unclosed left parenthesis/],
      [{ query: 'frobnicate(svc_health)' }, /unknown function with name "frobnicate"/],
      [{ query: 'svc_health', start: String(t - 20_000), end: String(t), step: '1' }, /exceeded maximum resolution of 11,000 points per timeseries/],
    ] as const;
    for (const [params, message] of cases) {
      const { status, text } = await capture('start' in params ? 'query_range' : 'query', params);
      expect(status).toBe(400);
      const parsed = parsePrometheusBody(text);
      expect(parsed).toMatchObject({ ok: false, errorType: 'bad_data', fromServer: true });
      expect(!parsed.ok && parsed.error).toMatch(message);
    }
  });

  it('a query over too many samples is 422 execution; a query past its timeout is 503 timeout', async () => {
    const t = now();
    // Lookback keeps the last sample for 5 minutes: 300 future steps × 4 series > 100 samples.
    const many = await capture('query_range', { query: 'svc_health', start: String(t - 10), end: String(t + 300), step: '1' });
    expect(many.status).toBe(422);
    expect(parsePrometheusBody(many.text)).toMatchObject({ ok: false, errorType: 'execution', fromServer: true });
    expect(many.text).toMatch(/too many samples/);
    const slow = await captureTimeout();
    expect(slow.status).toBe(503);
    expect(parsePrometheusBody(slow.text)).toMatchObject({ ok: false, errorType: 'timeout', error: 'query timed out in expression evaluation' });
  });

  it('scalars parse (and the source refuses them: no series per version)', async () => {
    const parsed = parsePrometheusBody((await capture('query', { query: '1 / 0' })).text);
    expect(parsed).toMatchObject({ ok: true, data: { resultType: 'scalar', result: [expect.any(Number), '+Inf'] } });
  });
});

describe('PrometheusTelemetrySource on those answers', () => {
  it("reads the region's own label names and region value; NaN/Inf points dropped; warnings surfaced", async () => {
    const source = new PrometheusTelemetrySource(REGION, config(prometheus.url, { health: 'avg by ({{by}}) (svc_health{{{selector}}})', error_rate: 'sum by ({{by}}) (svc_health{{{selector}}}) / 0' }), undefined);
    expect(source.describe(request())).toBe('avg by (service, release) (svc_health{dc="east-1"})');
    const health = await source.query(request());
    expect(health.series.map((s) => `${s.component}@${s.version}`)).toEqual(['api@1.0', 'api@1.1', 'db@7']);
    expect(health.series.find((s) => s.version === '1.1')?.points.every(([, v]) => v === 0.5)).toBe(true);
    expect(health.series[0]?.points.length).toBeGreaterThan(3);
    expect(health.warnings.join(' ')).toMatch(/remote_read/);
    const infinite = await source.query(request({ signal: 'error_rate', component: 'api' }));
    expect(infinite.series.map((s) => [s.version, s.points.length])).toEqual([
      ['1.0', 0],
      ['1.1', 0],
    ]);
  });

  it('a bad template, a 422 and a scalar become TelemetryErrors naming region, source and query', async () => {
    const source = new PrometheusTelemetrySource(
      REGION,
      config(prometheus.url, { health: 'frobnicate(svc_health{{{selector}}})', request_rate: 'svc_health{{{selector}}}', latency_p50: 'scalar(sum(svc_health{{{selector}}}))' }),
      undefined,
    );
    const cases: Array<[TelemetryRequest, RegExp, boolean]> = [
      [request(), /HTTP 400: bad_data: .*unknown function with name "frobnicate"/, false],
      [request({ signal: 'request_rate', to: now() + 300 }), /HTTP 422: execution: .*too many samples/, false],
      // An instant query (from = to) of a scalar answers a scalar; a range query would answer an unlabelled matrix (left out, with a warning).
      [request({ signal: 'latency_p50', from: now(), to: now() }), /returned a scalar/, false],
    ];
    for (const [req, message, retryable] of cases) {
      const error = await source.query(req).then((r) => r, (e: unknown) => e);
      expect(error, JSON.stringify(error).slice(0, 300)).toBeInstanceOf(TelemetryError);
      const te = error as TelemetryError;
      expect(te.message).toMatch(message);
      expect(te.message.startsWith('east prometheus telemetry: ')).toBe(true);
      expect(te.queryText).toBe(source.describe(req));
      expect(te.message).toContain(`(query: ${te.queryText})`);
      expect(te.retryable).toBe(retryable);
    }
  });

  it('refuses more than 11,000 points per series before asking (the server would answer 400)', async () => {
    const source = new PrometheusTelemetrySource(REGION, config(prometheus.url), undefined);
    replayCount = 0;
    await expect(source.query(request({ from: now() - 20_000 }))).rejects.toThrow(/asks for 20001 points per series; at most 11000 \(choose a larger step: at least 2 s\)/);
  });

  it("retries the real server's 503 (with backoff, Retry-After honoured), then reports it", async () => {
    const slow = await captureTimeout();
    expect(slow.status).toBe(503);
    replayed = { status: 503, body: slow.text, headers: { 'retry-after': '0' } };
    replayCount = 0;
    const source = new PrometheusTelemetrySource(REGION, config(replayUrl), undefined, { readRetries: 2, backoffBaseMs: 10 });
    const error = (await source.query(request()).then(() => null, (e: unknown) => e)) as TelemetryError;
    expect(replayCount, String(error)).toBe(3);
    expect(error.message).toMatch(/GET \/api\/v1\/query_range: HTTP 503: timeout: query timed out in expression evaluation/);
    expect(error.retryable).toBe(true);
    // A Retry-After longer than the call may wait ends it at once.
    replayed = { status: 503, body: slow.text, headers: { 'retry-after': '120' } };
    replayCount = 0;
    await expect(source.query(request())).rejects.toThrow(/HTTP 503/);
    expect(replayCount).toBe(1);
    // A 400 is never retried.
    replayed = { status: 400, body: (await capture('query', { query: 'sum(' })).text };
    replayCount = 0;
    await expect(source.query(request())).rejects.toThrow(/HTTP 400: bad_data/);
    expect(replayCount).toBe(1);
  });
});
