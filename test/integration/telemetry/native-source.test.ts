import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TelemetryResponse } from '../../../shared/protocol/index.ts';
import { TelemetryError, type TelemetryRequest, type TelemetrySource } from '../../../electron/common/telemetry-source.ts';
import type { TokenStore } from '../../../electron/connector/token-store.ts';
import { createTelemetrySource } from '../../../electron/telemetry/index.ts';
import { startDemoFleet } from '../../support/demo-fleet.ts';

/* The native source against the demo fleet's `GET /v1/telemetry` (a real server on a loopback port). */

const REGION = 'us-east';
const noTokens: TokenStore = { get: async () => undefined };
let demo: Awaited<ReturnType<typeof startDemoFleet>>;
let source: TelemetrySource;

const lastHour = (extra: Partial<TelemetryRequest> = {}): TelemetryRequest => {
  const to = Math.floor(Date.now() / 1000);
  return { signal: 'error_rate', from: to - 3_600, to, stepSeconds: 60, ...extra };
};

async function failure(promise: Promise<unknown>): Promise<TelemetryError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TelemetryError);
  return error as TelemetryError;
}

beforeAll(async () => {
  demo = await startDemoFleet({ seed: 42, scale: 2_000, scenario: 'bad-canary', changesPerSecond: 1 });
  const region = demo.region(REGION);
  source = await createTelemetrySource({ id: REGION, baseUrl: region.baseUrl, token: region.token }, { tokens: noTokens });
});

afterEach(() => {
  demo.fleet.setFaults(REGION, {}, true);
});

afterAll(async () => {
  await demo?.fleet.stop();
});

describe('NativeTelemetrySource on the demo fleet', () => {
  it('answers every live version of every component in one query (no component)', async () => {
    expect(source.kind).toBe('native');
    const request = lastHour();
    expect(source.describe(request)).toMatch(/^GET \/v1\/telemetry\?signal=error_rate&from=.*&stepSeconds=60$/);
    const result = await source.query(request);
    const live = new Set(demo.fleet.fleetState(REGION).instances.map((i) => `${i.component}@${i.version}`));
    const keys = result.series.map((s) => `${s.component}@${s.version}`);
    expect(new Set(keys)).toEqual(live);
    expect(new Set(result.series.map((s) => s.component)).size).toBeGreaterThan(30);
    expect(result.warnings).toEqual([]);
    for (const s of result.series) {
      expect(s.signal).toBe('error_rate');
      expect(s.points.length).toBeGreaterThanOrEqual(60);
      for (const [t] of s.points) expect(t % 60).toBe(0);
    }
  });

  it('narrows to one component, and to one version of it', async () => {
    const rollout = demo.fleet.fleetState(REGION).rollouts.find((r) => r.component === 'document-store' && (r.state === 'progressing' || r.state === 'paused'))!;
    const one = await source.query(lastHour({ component: 'document-store' }));
    expect(new Set(one.series.map((s) => s.component))).toEqual(new Set(['document-store']));
    expect(one.series.map((s) => s.version)).toContain(rollout.toVersion);
    const canary = await source.query(lastHour({ component: 'document-store', version: rollout.toVersion }));
    expect(canary.series.map((s) => s.version)).toEqual([rollout.toVersion]);
    // The bad canary is visible natively too.
    const mean = (v: string) => {
      const points = one.series.find((s) => s.version === v)?.points ?? [];
      return points.reduce((n, [, x]) => n + x, 0) / points.length;
    };
    expect(mean(rollout.toVersion)).toBeGreaterThan(3 * mean(rollout.fromVersion));
    // A version without a component is not a native query: every component is asked, that version kept.
    const byVersion = await source.query(lastHour({ version: rollout.toVersion }));
    expect(source.describe(lastHour({ version: rollout.toVersion }))).not.toContain('version=');
    expect(byVersion.series.length).toBeGreaterThanOrEqual(1);
    for (const s of byVersion.series) expect(s.version).toBe(rollout.toVersion);
  });

  it('maps 404 and 400 to TelemetryErrors naming the region, the source and the query', async () => {
    const unknown = lastHour({ component: 'no-such-component' });
    const notFound = await failure(source.query(unknown));
    expect(notFound.regionId).toBe(REGION);
    expect(notFound.source).toBe('native');
    expect(notFound.queryText).toBe(source.describe(unknown));
    expect(notFound.message).toMatch(/^us-east native telemetry: GET \/v1\/telemetry: HTTP 404: no component no-such-component in us-east \(query: GET \/v1\/telemetry\?component=no-such-component&signal=error_rate/);
    expect(notFound.retryable).toBe(false);

    const badVersion = await failure(source.query(lastHour({ component: 'document-store', version: 'nope' })));
    expect(badVersion.message).toMatch(/HTTP 404: document-store has no version nope/);

    const tooLong = lastHour({ component: 'x'.repeat(201) });
    const invalid = await failure(source.query(tooLong));
    expect(invalid.message).toMatch(/HTTP 400: invalid telemetry query: component/);
    expect(invalid.queryText).toBe(source.describe(tooLong));
    expect(invalid.retryable).toBe(false);

    // Checked before sending: the server would answer 400 too_many_points / invalid_range.
    await expect(source.query(lastHour({ stepSeconds: 1, from: Math.floor(Date.now() / 1000) - 20_000 }))).rejects.toThrow(/at most 11000/);
    await expect(source.query({ signal: 'health', from: 100, to: 50, stepSeconds: 1 })).rejects.toThrow(/`to` is before `from`.*\(query: GET \/v1\/telemetry\?/);
  });

  it('the protocol: version alone is 400 invalid_query; no component lists every component', async () => {
    const region = demo.region(REGION);
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 600_000).toISOString();
    const get = (q: string) => fetch(`${region.baseUrl}/v1/telemetry?${q}`, { headers: { authorization: `Bearer ${region.token}` } });
    const alone = await get(`signal=health&from=${from}&to=${to}&stepSeconds=60&version=x`);
    expect(alone.status).toBe(400);
    expect(await alone.json()).toMatchObject({ error: { code: 'invalid_query' } });
    const all = TelemetryResponse.parse(await (await get(`signal=health&from=${from}&to=${to}&stepSeconds=60`)).json());
    expect(all.region).toBe(REGION);
    expect(new Set(all.series.map((s) => s.component)).size).toBeGreaterThan(30);
  });

  it('a slow endpoint fails within the timeout; a malformed answer names the field; an outage is retryable', async () => {
    const region = demo.region(REGION);
    const quick = await createTelemetrySource({ id: REGION, baseUrl: region.baseUrl, token: region.token, limits: { requestTimeoutMs: 300 } }, { tokens: noTokens, nativeOptions: { readRetries: 0 } });
    demo.fleet.setFaults(REGION, { latencyMs: 5_000 });
    const started = Date.now();
    const slow = await failure(quick.query(lastHour({ component: 'search' })));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(slow.message).toMatch(/GET \/v1\/telemetry: no answer within 300 ms \(query: GET \/v1\/telemetry\?component=search/);
    expect(slow.retryable).toBe(true);

    demo.fleet.setFaults(REGION, { malformed: true }, true);
    const malformed = await failure(quick.query(lastHour({ component: 'search' })));
    expect(malformed.message).toMatch(/series\[0\]\.points\[0\]\[1\]: /);

    demo.fleet.setFaults(REGION, { outage: true }, true);
    const down = await failure(quick.query(lastHour({ component: 'search' })));
    expect(down.message).toMatch(/connection (reset|refused)|socket/i);
    expect(down.retryable).toBe(true);
  });
});
