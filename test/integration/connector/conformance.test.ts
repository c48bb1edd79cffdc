import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointError } from '../../../electron/connector/endpoint-error.ts';
import { CircuitBreaker } from '../../../electron/connector/circuit-breaker.ts';
import { RegionClient } from '../../../electron/connector/region-client.ts';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';

/** The connector's client against every endpoint of the demo fleet and every error status it can give. */
describe('connector ↔ demo fleet conformance', () => {
  let demo: Awaited<ReturnType<typeof startDemoFleet>>;
  let client: RegionClient;

  beforeAll(async () => {
    demo = await startDemoFleet({ seed: 11 });
    client = new RegionClient(demo.region('eu-west'), { backoffBaseMs: 20 });
  });
  afterAll(() => demo.fleet.stop());

  it('GET /v1/fleet: a valid state for every region', async () => {
    for (const endpoint of demo.started.regions) {
      const state = await new RegionClient(endpoint).fleet();
      expect(state.region.id).toBe(endpoint.id);
      expect(state.instances.length).toBeGreaterThan(100);
    }
  });

  it('GET /v1/health', async () => {
    expect(await client.health()).toMatchObject({ status: 'ok', region: 'eu-west' });
  });

  it('GET /v1/telemetry: one series per live version', async () => {
    const state = await client.fleet();
    const component = state.rollouts[0]!.component;
    const to = new Date();
    const from = new Date(to.getTime() - 3_600_000);
    const result = await client.telemetry({ component, signal: 'error_rate', from: from.toISOString(), to: to.toISOString(), stepSeconds: 60 });
    expect(result.series.length).toBeGreaterThan(0);
    for (const series of result.series) {
      expect(series.component).toBe(component);
      expect(series.points.length).toBeGreaterThanOrEqual(60);
    }
  });

  it('POST /v1/actions: applies once per key, replays the first result, refuses a different body (422)', async () => {
    const state = await client.fleet();
    const rollout = state.rollouts.find((r) => r.state === 'progressing')!;
    const key = randomUUID();
    const first = await client.action({ type: 'rollout.pause', rolloutId: rollout.id }, key);
    expect(first.status).toBe('succeeded');
    const again = await client.action({ type: 'rollout.pause', rolloutId: rollout.id }, key);
    expect(again).toEqual(first);
    const paused = (await client.fleet()).rollouts.find((r) => r.id === rollout.id)!;
    expect(paused.state).toBe('paused');
    expect(paused.history.filter((h) => h.event.includes('pause')).length).toBe(1);
    const conflict = await client.action({ type: 'rollout.resume', rolloutId: rollout.id }, key).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(EndpointError);
    expect((conflict as EndpointError).status).toBe(422);
  });

  it('GET /v1/actions/<key>: finds an action for reconciliation, null for an unknown key', async () => {
    const state = await client.fleet();
    const toggle = state.toggles[0]!;
    const key = randomUUID();
    const result = await client.action({ type: 'toggle.set', key: toggle.key, state: toggle.state === 'on' ? 'off' : 'on' }, key);
    expect(await client.actionByKey(key)).toEqual(result);
    expect(await client.actionByKey(randomUUID())).toBeNull();
  });

  it('409 while the first request is in flight: the retry with the same key gets the one result', async () => {
    demo.fleet.setFaults('eu-west', { actionDelayMs: 600 }, true);
    try {
      const state = await client.fleet();
      const rollout = state.rollouts.find((r) => r.state === 'progressing' || r.state === 'paused')!;
      const key = randomUUID();
      const request = { type: 'rollout.abort' as const, rolloutId: rollout.id };
      const impatient = new RegionClient(demo.region('eu-west'), { timeoutMs: 200, writeRetries: 0 });
      await expect(impatient.action(request, key)).rejects.toThrow(/no answer within 200 ms/);
      // The first request is still being processed: the endpoint answers 409 and the client retries with the same key.
      const result = await new RegionClient(demo.region('eu-west'), { backoffBaseMs: 300, writeRetries: 6 }).action(request, key);
      expect(result.request).toEqual(request);
      const after = (await client.fleet()).rollouts.find((r) => r.id === rollout.id)!;
      expect(after.history.filter((h) => h.event.includes('abort')).length).toBe(1);
    } finally {
      demo.fleet.setFaults('eu-west', {}, true);
    }
  });

  it('401 on a wrong token is not retried and names region and endpoint', async () => {
    const wrong = new RegionClient({ ...demo.region('eu-west'), token: 'wrong' });
    await expect(wrong.fleet()).rejects.toThrow(/^eu-west GET \/v1\/fleet: HTTP 401/);
  });

  it('404 on an unknown path, 400 on a bad action body naming the field', async () => {
    const bad = await fetch(`${demo.region('eu-west').baseUrl}/v1/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.region('eu-west').token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'rollout.pause' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/rolloutId/);
    const missing = await fetch(`${demo.region('eu-west').baseUrl}/v1/nothing`, { headers: { authorization: `Bearer ${demo.region('eu-west').token}` } });
    expect(missing.status).toBe(404);
  });

  it('503s with Retry-After: reads retry no sooner than asked, one call is one breaker failure, the breaker opens', async () => {
    demo.fleet.setFaults('eu-west', { errorRate: 1, errorStatus: 503 }, true); // the demo fleet sends Retry-After: 1
    try {
      const flaky = new RegionClient(demo.region('eu-west'), { readRetries: 2, backoffBaseMs: 5, breaker: new CircuitBreaker(2, 60_000) });
      const started = Date.now();
      await expect(flaky.health()).rejects.toThrow(/HTTP 503/); // 3 attempts, Retry-After honoured between them
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
      expect(flaky.breaker.state).toBe('closed'); // three attempts, one failure
      const asked = flaky.retryAfterRemaining();
      expect(asked).toBeGreaterThan(0);
      const waited = Date.now();
      await expect(flaky.health()).rejects.toThrow(/HTTP 503/); // waits what is left of Retry-After before sending
      expect(Date.now() - waited).toBeGreaterThanOrEqual(asked - 5);
      expect(flaky.breaker.state).toBe('open');
      await waitFor(() => flaky.retryAfterRemaining() === 0, 'Retry-After to pass');
      await expect(flaky.health()).rejects.toThrow(/circuit open/);
      // A caller that will not wait that long is told so, and nothing is sent.
      const impatient = new RegionClient(demo.region('eu-west'), { readRetries: 0, maxRetryAfterInCallMs: 0 });
      await expect(impatient.health()).rejects.toThrow(/HTTP 503/);
      await expect(impatient.health()).rejects.toThrow(/asked to wait \(Retry-After\)/);
    } finally {
      demo.fleet.setFaults('eu-west', {}, true);
    }
  });

  it('an aborted half-open trial releases the trial: the next call may try', async () => {
    let now = 0;
    const breaker = new CircuitBreaker(1, 1_000, () => now);
    breaker.failure();
    now = 1_000;
    const client = new RegionClient(demo.region('eu-west'), { breaker });
    const abort = new AbortController();
    abort.abort(new Error('user navigated away'));
    await expect(client.health(abort.signal)).rejects.toThrow();
    expect(breaker.state).toBe('half-open');
    await expect(client.health()).resolves.toMatchObject({ region: 'eu-west' });
    expect(breaker.state).toBe('closed');
  });
});
