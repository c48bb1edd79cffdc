import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChangeEvent, FleetState, Health, ProtocolError } from '../../../shared/protocol/index.ts';
import { errorCode, startHarness, type Harness } from './helpers/harness.ts';
import { changeEvents, SseClient } from './helpers/sse-client.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());
beforeEach(() => {
  for (const id of h.fleet.regionIds()) h.fleet.setFaults(id, {}, true);
});

const region = 'eu-west';

async function stream(): Promise<SseClient> {
  const r = h.region(region);
  return SseClient.open(`${r.baseUrl}/v1/changes`, { authorization: `Bearer ${r.token}` });
}

describe('fault knobs', () => {
  it('latencyMs delays /v1 responses', async () => {
    h.fleet.setFaults(region, { latencyMs: 300 });
    const t0 = performance.now();
    expect((await h.call(region, '/v1/health')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it('errorRate answers with the configured status and a ProtocolError', async () => {
    h.fleet.setFaults(region, { errorRate: 1 });
    const res = await h.call(region, '/v1/fleet');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(ProtocolError.parse(await res.json()).error.code).toBe('injected_fault');
    h.fleet.setFaults(region, { errorStatus: 500 });
    expect((await h.call(region, '/v1/health')).status).toBe(500);
    h.fleet.setFaults(region, { errorRate: 0.5 });
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await h.call(region, '/v1/health')).status));
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  it('malformed bodies are JSON that fails the protocol schemas', async () => {
    h.fleet.setFaults(region, { malformed: true });
    const fleet = FleetState.safeParse(await (await h.call(region, '/v1/fleet')).json());
    expect(fleet.success).toBe(false);
    const paths = fleet.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toContain('instances.0.version');
    expect(paths).toContain('instances.1.activeUsers');
    expect(Health.safeParse(await (await h.call(region, '/v1/health')).json()).success).toBe(false);
    const s = await stream();
    try {
      h.advance(2_000);
      const events = changeEvents(await s.until((m) => changeEvents(m).length >= 5));
      expect(events.every((e) => !ChangeEvent.safeParse(JSON.parse(e.data)).success)).toBe(true);
    } finally {
      s.close();
    }
  });

  it('truncated bodies stop half-way through the announced length', async () => {
    h.fleet.setFaults(region, { truncated: true });
    const res = await h.call(region, '/v1/fleet');
    expect(res.status).toBe(200);
    const announced = Number(res.headers.get('content-length'));
    expect(announced).toBeGreaterThan(1_000);
    await expect(res.text().then((t) => JSON.parse(t) as unknown)).rejects.toThrow();
  });

  it('outage resets every connection to the region, including open streams and /metrics', async () => {
    const s = await stream();
    h.fleet.setFaults(region, { outage: true });
    await s.untilClosed();
    await expect(h.call(region, '/v1/health')).rejects.toThrow();
    await expect(fetch(`${h.region(region).baseUrl}/metrics`)).rejects.toThrow();
    expect((await h.call('us-east', '/v1/health')).status).toBe(200);
    h.fleet.setFaults(region, { outage: false });
    expect((await h.call(region, '/v1/health')).status).toBe(200);
  });

  it('flapping alternates up and down with the wall clock', async () => {
    h.fleet.setFaults(region, { flapPeriodMs: 1_000 });
    const up = async () => (await h.call(region, '/v1/health').then(() => true, () => false));
    const phases: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      phases.push(await up());
      h.advance(1_000);
    }
    // Which half-period the clock is in depends on earlier tests; the alternation does not.
    const first = phases[0] ?? false;
    expect(phases).toEqual([first, !first, first, !first]);
  });

  it('dropEvents leaves gaps in the revisions', async () => {
    h.fleet.setFaults(region, { dropEvents: 0.5 });
    const s = await stream();
    try {
      h.advance(4_000);
      const ids = changeEvents(await s.until((m) => changeEvents(m).length >= 10)).map((e) => Number(e.id));
      const gaps = ids.slice(1).filter((id, i) => id !== (ids[i] ?? 0) + 1);
      expect(gaps.length).toBeGreaterThan(0);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    } finally {
      s.close();
    }
  });

  it('duplicateEvents sends events twice', async () => {
    h.fleet.setFaults(region, { duplicateEvents: 1 });
    const s = await stream();
    try {
      h.advance(1_000);
      const ids = changeEvents(await s.until((m) => changeEvents(m).length >= 6)).map((e) => e.id);
      expect(ids[0]).toBe(ids[1]);
      expect(ids[2]).toBe(ids[3]);
      expect(ids[1]).not.toBe(ids[2]);
    } finally {
      s.close();
    }
  });

  it('reorderEvents swaps neighbours', async () => {
    h.fleet.setFaults(region, { reorderEvents: 1 });
    const s = await stream();
    try {
      h.advance(1_000);
      const ids = changeEvents(await s.until((m) => changeEvents(m).length >= 4)).map((e) => Number(e.id));
      expect(ids[0]).toBe((ids[1] ?? 0) + 1);
      expect(ids[2]).toBe((ids[3] ?? 0) + 1);
    } finally {
      s.close();
    }
  });
});

describe('control endpoint', () => {
  const control = (path: string, body?: unknown, token = h.started.controlToken) =>
    fetch(`${h.started.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('needs the control token', async () => {
    const res = await control('/control/faults', { region, faults: { outage: true } }, h.region(region).token);
    expect(res.status).toBe(401);
    expect(h.fleet.faults(region).outage).toBe(false);
  });

  it('sets faults at runtime and reports them', async () => {
    const res = await control('/control/faults', { region, faults: { errorRate: 1, errorStatus: 502 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { faults: { errorStatus: number } }).faults.errorStatus).toBe(502);
    expect((await h.call(region, '/v1/health')).status).toBe(502);
    const listed = (await (await control('/control/faults')).json()) as { faults: Record<string, { errorRate: number }> };
    expect(listed.faults[region]?.errorRate).toBe(1);
    expect((await control('/control/faults', { region, reset: true })).status).toBe(200);
    expect((await h.call(region, '/v1/health')).status).toBe(200);
  });

  it('validates the request', async () => {
    expect(await errorCode(await control('/control/faults', { region, faults: { latencyMs: -1 } }))).toBe('invalid_request');
    expect(await errorCode(await control('/control/faults', { region, faults: { bogus: true } }))).toBe('invalid_request');
    expect((await control('/control/faults', { region: 'mars', faults: {} })).status).toBe(404);
    expect(await errorCode(await control('/control/scenario', { scenario: 'chaos' }))).toBe('invalid_request');
  });

  it('switches scenario', async () => {
    const res = await control('/control/scenario', { scenario: 'region-outage' });
    expect(res.status).toBe(200);
    expect(h.fleet.faults('ap-southeast').outage).toBe(true);
    await expect(h.call('ap-southeast', '/v1/health')).rejects.toThrow();
    expect((await control('/control/scenario', { scenario: 'steady' })).status).toBe(200);
    expect((await h.call('ap-southeast', '/v1/health')).status).toBe(200);
  });
});
