import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetState, Health, ProtocolError, TelemetryResponse } from '../../../shared/protocol/index.ts';
import { errorCode, startHarness, type Harness } from './helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('regional endpoints', () => {
  it('serves every region under its own prefix', () => {
    expect(h.started.regions.map((r) => r.id)).toEqual(['us-east', 'eu-west', 'ca-central', 'ap-southeast']);
    for (const r of h.started.regions) expect(r.baseUrl).toBe(`${h.started.url}/regions/${r.id}`);
    expect(new Set(h.started.regions.map((r) => r.token)).size).toBe(4);
  });

  it('GET /v1/health and /v1/fleet agree on the revision', async () => {
    h.advance(2_000);
    const health = Health.parse(await (await h.call('eu-west', '/v1/health')).json());
    const res = await h.call('eu-west', '/v1/fleet');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const fleet = FleetState.parse(await res.json());
    expect(health).toMatchObject({ status: 'ok', region: 'eu-west' });
    expect(fleet.region.id).toBe('eu-west');
    expect(fleet.revision).toBe(health.revision);
    expect(fleet.revision).toBeGreaterThan(0);
    expect(fleet.generatedAt).toBe(health.time);
  });

  it('GET /v1/telemetry returns one series per live version', async () => {
    const fleet = FleetState.parse(await (await h.call('us-east', '/v1/fleet')).json());
    const rollout = fleet.rollouts.find((r) => r.state === 'progressing');
    if (!rollout) throw new Error('no rollout in flight');
    const q = new URLSearchParams({ component: rollout.component, signal: 'request_rate', from: '2026-11-23T14:00:00Z', to: '2026-11-23T15:00:00Z', stepSeconds: '300' });
    const body = TelemetryResponse.parse(await (await h.call('us-east', `/v1/telemetry?${q}`)).json());
    expect(body.series.map((s) => s.version).sort()).toEqual([rollout.fromVersion, rollout.toVersion].sort());
    for (const s of body.series) {
      expect(s.unit).toBe('req/s');
      expect(s.points).toHaveLength(13);
      expect(s.points[0]?.[0]).toBe(Date.parse('2026-11-23T14:00:00Z') / 1000);
    }
    const one = TelemetryResponse.parse(await (await h.call('us-east', `/v1/telemetry?${q}&version=${encodeURIComponent(rollout.toVersion)}`)).json());
    expect(one.series.map((s) => s.version)).toEqual([rollout.toVersion]);
  });

  it('GET /v1/telemetry rejects bad queries with a ProtocolError naming the field', async () => {
    const base = { component: 'search', signal: 'error_rate', from: '2026-11-23T14:00:00Z', to: '2026-11-23T15:00:00Z', stepSeconds: '60' };
    const bad = async (params: Record<string, string>) => {
      const res = await h.call('us-east', `/v1/telemetry?${new URLSearchParams(params)}`);
      return { status: res.status, body: ProtocolError.parse(await res.json()) };
    };
    const noSignal = await bad({ ...base, signal: 'cpu' });
    expect(noSignal.status).toBe(400);
    expect(noSignal.body.error.message).toContain('signal');
    expect((await bad({ ...base, stepSeconds: 'abc' })).body.error.message).toContain('stepSeconds');
    expect((await bad({ ...base, to: '2026-11-24T15:00:00Z', stepSeconds: '1' })).body.error.code).toBe('too_many_points');
    expect((await bad({ ...base, component: 'nope' })).status).toBe(404);
  });

  it('answers unknown paths, regions and methods with ProtocolError bodies', async () => {
    const missing = await h.call('us-east', '/v1/nope');
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe('not_found');
    const region = await fetch(`${h.started.url}/regions/mars/v1/fleet`);
    expect(region.status).toBe(404);
    expect(await errorCode(region)).toBe('unknown_region');
    const method = await h.call('us-east', '/v1/fleet', { method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET');
    expect((await fetch(`${h.started.url}/nowhere`)).status).toBe(404);
    const encoded = await fetch(`${h.started.url}/regions/%E0%A4%A/v1/health`);
    expect(encoded.status).toBe(400);
    expect(await errorCode(encoded)).toBe('invalid_path');
  });
});

describe('authentication', () => {
  it('refuses /v1 requests without the region token', async () => {
    const none = await fetch(`${h.region('us-east').baseUrl}/v1/fleet`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(ProtocolError.parse(await none.json()).error.code).toBe('unauthorized');
    const wrong = await h.call('us-east', '/v1/health', { headers: { authorization: 'Bearer wrong' } });
    expect(wrong.status).toBe(401);
    const otherRegion = await h.call('us-east', '/v1/health', { headers: { authorization: `Bearer ${h.region('eu-west').token}` } });
    expect(otherRegion.status).toBe(401);
    const changes = await fetch(`${h.region('us-east').baseUrl}/v1/changes`);
    expect(changes.status).toBe(401);
  });

  it('serves /metrics without a token so Prometheus can scrape', async () => {
    const res = await fetch(`${h.region('ca-central').baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('rcc_demo_instances');
  });
});
