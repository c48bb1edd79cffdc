import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Signal } from '../../../shared/protocol/index.ts';
import { PrometheusTelemetryConfig } from '../../../electron/common/telemetry-config.ts';
import { TelemetryError, type TelemetryRequest, type TelemetrySeries } from '../../../electron/common/telemetry-source.ts';
import type { TokenStore } from '../../../electron/connector/token-store.ts';
import { createTelemetrySource, PrometheusTelemetrySource } from '../../../electron/telemetry/index.ts';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';
import { startPrometheus, type StartedPrometheus } from '../../support/prometheus.ts';

/*
 * The Prometheus source against Debian's prometheus scraping the demo fleet every second (scenario
 * bad-canary): every signal's default PromQL, the bad canary's error ratio, and the bearer token
 * through a small authenticating proxy (Prometheus 2.42 itself knows only basic auth).
 */

const REGION = 'us-east';
const TOKEN = 'prom-token-9f2c';

let demo: Awaited<ReturnType<typeof startDemoFleet>>;
let prometheus: StartedPrometheus;
let proxy: Server;
let proxyUrl = '';
const proxied: Array<string | undefined> = [];

const tokens = (map: Record<string, string>): TokenStore => ({ get: async (id) => map[id] });
const config = (extra: Record<string, unknown> = {}) => PrometheusTelemetryConfig.parse({ source: 'prometheus', url: prometheus.url, scrapeIntervalSeconds: 1, ...extra });
const lastSeconds = (signal: Signal, seconds: number, extra: Partial<TelemetryRequest> = {}): TelemetryRequest => {
  const to = Math.floor(Date.now() / 1000);
  return { signal, from: to - seconds, to, stepSeconds: 2, ...extra };
};
const mean = (s: TelemetrySeries | undefined) => (s && s.points.length ? s.points.reduce((n, [, v]) => n + v, 0) / s.points.length : Number.NaN);

beforeAll(async () => {
  demo = await startDemoFleet({ seed: 42, scale: 2_000, scenario: 'bad-canary', changesPerSecond: 2 });
  prometheus = await startPrometheus({ targets: demo.started, scrapeIntervalSeconds: 1 });
  // A reverse proxy that wants `Authorization: Bearer <TOKEN>`, as one in front of a real Prometheus would.
  proxy = createServer((req, res) => {
    proxied.push(req.headers.authorization);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Unauthorized\n');
      return;
    }
    fetch(`${prometheus.url}${req.url ?? '/'}`).then(
      async (upstream) => {
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      },
      () => {
        res.writeHead(502);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  // Enough scrapes for rate() over 4 intervals and the histogram's buckets.
  const source = new PrometheusTelemetrySource(REGION, config(), undefined);
  await waitFor(async () => (await source.query(lastSeconds('latency_p95', 10))).series.length > 20, 'latency series from Prometheus', 40_000, 500);
}, 90_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  await prometheus?.stop();
  await demo?.fleet.stop();
});

describe('PrometheusTelemetrySource on a real Prometheus scraping the demo fleet', () => {
  it.each(Signal.options)('%s: the default query answers one series per (component, version) of the region', async (signal) => {
    const source = await createTelemetrySource({ id: REGION, baseUrl: demo.region(REGION).baseUrl, token: 'unused', telemetry: config() }, { tokens: tokens({}) });
    expect(source.kind).toBe('prometheus');
    const result = await source.query(lastSeconds(signal, 20));
    const state = demo.fleet.fleetState(REGION);
    const known = new Set(state.componentVersions.map((v) => `${v.component}@${v.version}`));
    const live = new Set(state.instances.map((i) => `${i.component}@${i.version}`));
    const keys = result.series.map((s) => `${s.component}@${s.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(known.has(key), key).toBe(true);
    // Nearly every live version has data (a version started within the last scrape may not yet).
    const covered = [...live].filter((k) => keys.includes(k)).length;
    expect(covered / live.size).toBeGreaterThan(0.9);
    for (const s of result.series) {
      expect(s.signal).toBe(signal);
      for (const [t, v] of s.points) {
        expect(Number.isFinite(v)).toBe(true);
        expect(t % 2).toBe(0);
      }
    }
    const values = result.series.flatMap((s) => s.points.map(([, v]) => v));
    expect(values.length).toBeGreaterThan(0);
    if (signal === 'error_rate' || signal === 'health') {
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values)).toBeLessThanOrEqual(1);
    }
    if (signal.startsWith('latency')) expect(Math.min(...values)).toBeGreaterThan(0);
    expect(source.describe(lastSeconds(signal, 20))).toContain('region="us-east"');
  });

  it("shows the bad canary's error ratio above its baseline's (bad-canary, us-east document-store)", async () => {
    const rollout = demo.fleet.fleetState(REGION).rollouts.find((r) => r.component === 'document-store' && (r.state === 'progressing' || r.state === 'paused'));
    expect(rollout, 'the bad canary rollout').toBeDefined();
    const source = new PrometheusTelemetrySource(REGION, config(), undefined);
    const result = await source.query(lastSeconds('error_rate', 30, { component: 'document-store' }));
    expect(new Set(result.series.map((s) => s.component))).toEqual(new Set(['document-store']));
    const canary = result.series.find((s) => s.version === rollout!.toVersion);
    const baseline = result.series.find((s) => s.version === rollout!.fromVersion);
    expect(mean(canary)).toBeGreaterThan(0.01);
    expect(mean(canary)).toBeGreaterThan(3 * mean(baseline));
    const p95 = await source.query(lastSeconds('latency_p95', 30, { component: 'document-store' }));
    expect(mean(p95.series.find((s) => s.version === rollout!.toVersion))).toBeGreaterThan(mean(p95.series.find((s) => s.version === rollout!.fromVersion)));
  });

  it('narrows to one version, and answers an instant query when from = to (/api/v1/query)', async () => {
    const rollout = demo.fleet.fleetState(REGION).rollouts.find((r) => r.component === 'document-store' && (r.state === 'progressing' || r.state === 'paused'))!;
    const source = new PrometheusTelemetrySource(REGION, config(), undefined);
    const one = await source.query(lastSeconds('request_rate', 10, { component: 'document-store', version: rollout.toVersion }));
    expect(one.series.map((s) => s.version)).toEqual([rollout.toVersion]);
    const at = Math.floor(Date.now() / 1000) - 2;
    const instant = await source.query({ signal: 'health', from: at, to: at, stepSeconds: 1, component: 'document-store' });
    expect(instant.series.length).toBeGreaterThan(0);
    for (const s of instant.series) expect(s.points).toHaveLength(1);
  });

  it('sends the bearer token from the token store when "auth": "bearer", and names region, source and query when it is refused', async () => {
    const bearer = PrometheusTelemetryConfig.parse({ source: 'prometheus', url: proxyUrl, scrapeIntervalSeconds: 1, auth: 'bearer' });
    const source = await createTelemetrySource({ id: REGION, baseUrl: 'http://127.0.0.1:1', token: 'region-token', telemetry: bearer }, { tokens: tokens({ 'us-east-prometheus': TOKEN }) });
    proxied.length = 0;
    const result = await source.query(lastSeconds('request_rate', 10));
    expect(result.series.length).toBeGreaterThan(20);
    expect(proxied).toEqual([`Bearer ${TOKEN}`]);

    const wrong = await createTelemetrySource({ id: REGION, baseUrl: 'http://127.0.0.1:1', token: 'region-token', telemetry: bearer }, { tokens: tokens({ 'us-east-prometheus': 'nope' }) });
    const request = lastSeconds('error_rate', 10);
    const error = await wrong.query(request).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TelemetryError);
    const te = error as TelemetryError;
    expect(te.regionId).toBe(REGION);
    expect(te.source).toBe('prometheus');
    expect(te.queryText).toBe(wrong.describe(request));
    expect(te.message).toMatch(/^us-east prometheus telemetry: GET \/api\/v1\/query_range: HTTP 401/);
    expect(te.message).toContain('bearer token');
    expect(te.message).toContain('rcc_demo_requests_total');
    expect(te.retryable).toBe(false);

    // No token at all: refused when the source is made, naming the region and the token id.
    await expect(createTelemetrySource({ id: REGION, baseUrl: 'http://127.0.0.1:1', token: 't', telemetry: bearer }, { tokens: tokens({}) })).rejects.toThrow(/us-east: .*no Prometheus token under "us-east-prometheus"/);
    // Without "auth" no Authorization header goes out.
    proxied.length = 0;
    const open = new PrometheusTelemetrySource(REGION, PrometheusTelemetryConfig.parse({ source: 'prometheus', url: proxyUrl }), undefined, { readRetries: 0 });
    await expect(open.query(request)).rejects.toThrow(/HTTP 401/);
    expect(proxied).toEqual([undefined]);
  });
});
