import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorRegionsService } from '../../../electron/connector/regions-service.ts';
import type { RegionConnector } from '../../../electron/connector/region-connector.ts';
import type { DemoFleet } from '../../../demo-fleet/index.ts';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';

/** Each fault knob of the demo fleet, seen through the console's connectors. */
describe('connector under faults', () => {
  let demo: Awaited<ReturnType<typeof startDemoFleet>>;
  let service: ConnectorRegionsService | null = null;

  beforeAll(async () => {
    demo = await startDemoFleet({ seed: 5, changesPerSecond: 40 });
  });
  afterEach(async () => {
    await service?.stop();
    service = null;
    for (const id of demo.fleet.regionIds()) demo.fleet.setFaults(id, {}, true);
  });
  afterAll(() => demo.fleet.stop());

  function connect(ids: string[], options: ConstructorParameters<typeof ConnectorRegionsService>[1] = {}): ConnectorRegionsService {
    service = new ConnectorRegionsService(
      ids.map((id) => ({ ...demo.region(id), name: id })),
      { client: { backoffBaseMs: 20, timeoutMs: 3_000 }, reorderWindowMs: 300, ...options },
    );
    void service.start();
    return service;
  }
  const connector = (s: ConnectorRegionsService, id: string) => s.connector(id)!;
  const connected = (c: RegionConnector) => waitFor(() => c.status().state === 'connected' && c.fleetState(), `${c.endpoint.id} connected`);

  /** Connector and simulator agree on the whole instance set at the same revision. */
  async function converged(c: RegionConnector, fleet: DemoFleet): Promise<void> {
    await waitFor(() => {
      const mine = c.fleetState();
      const theirs = fleet.fleetState(c.endpoint.id);
      if (!mine || mine.revision !== theirs.revision) return false;
      const key = (i: { id: string; version: string; state: string }) => `${i.id}:${i.version}:${i.state}`;
      expect(mine.instances.map(key).sort()).toEqual(theirs.instances.map(key).sort());
      expect(mine.rollouts.map((r) => `${r.id}:${r.state}:${r.currentStage}`).sort()).toEqual(theirs.rollouts.map((r) => `${r.id}:${r.state}:${r.currentStage}`).sort());
      return true;
    }, 'connector and simulator at the same revision', 20_000, 5);
  }

  it('outage: the region turns unreachable, the others stay connected, and it recovers', async () => {
    const s = connect(['us-east', 'ap-southeast']);
    await connected(connector(s, 'ap-southeast'));
    demo.fleet.setFaults('ap-southeast', { outage: true });
    await waitFor(() => connector(s, 'ap-southeast').status().state === 'unreachable', 'unreachable');
    expect(connector(s, 'ap-southeast').status().lastError?.message).toMatch(/^ap-southeast GET \/v1\/changes: /);
    expect(connector(s, 'ap-southeast').fleetState()).not.toBeNull(); // last good data kept
    expect(connector(s, 'us-east').status().state).toBe('connected');
    demo.fleet.setFaults('ap-southeast', {}, true);
    await connected(connector(s, 'ap-southeast'));
    await converged(connector(s, 'ap-southeast'), demo.fleet);
  });

  it('down at start: the region connects with its full state as soon as it answers', async () => {
    demo.fleet.setFaults('eu-west', { outage: true });
    const s = connect(['eu-west']);
    const c = connector(s, 'eu-west');
    await waitFor(() => c.status().state === 'unreachable', 'unreachable');
    expect(c.fleetState()).toBeNull();
    demo.fleet.setFaults('eu-west', {}, true);
    await connected(c);
    await converged(c, demo.fleet);
  });

  it('slow endpoint: the region is degraded with the time it took, and connected again once it answers fast', async () => {
    demo.fleet.setFaults('eu-west', { latencyMs: 700 });
    const s = connect(['eu-west'], { slowMs: 300, slowRecheckMs: 200 });
    const c = connector(s, 'eu-west');
    await waitFor(() => c.status().state === 'degraded', 'degraded');
    expect(c.status().lastError?.message).toMatch(/slow endpoint: answered in 0\.\d s/);
    expect(c.fleetState()).not.toBeNull();
    // The stream alone cannot clear it: the connector measures a fetch again, and it is fast now.
    demo.fleet.setFaults('eu-west', {}, true);
    await connected(c);
  });

  it('malformed bodies: an error naming region, endpoint and field; the good state is kept', async () => {
    const s = connect(['ca-central']);
    const c = connector(s, 'ca-central');
    await connected(c);
    const good = c.fleetState()!;
    demo.fleet.setFaults('ca-central', { malformed: true });
    await c.refetch();
    const status = c.status();
    expect(status.state).toBe('degraded');
    expect(status.lastError?.message).toMatch(/^ca-central GET \/v1\/fleet: [a-zA-Z]+(\[\d+\])?\.?/);
    expect(status.lastError?.path?.length).toBeGreaterThan(0);
    expect(c.fleetState()!.revision).toBeGreaterThanOrEqual(good.revision);
    expect(c.fleetState()!.instances.every((i) => typeof i.version === 'string')).toBe(true);
    demo.fleet.setFaults('ca-central', {}, true);
    await c.refetch();
    await connected(c);
  });

  it('malformed initial state: the region says why it has no data', async () => {
    demo.fleet.setFaults('ca-central', { malformed: true });
    const s = connect(['ca-central']);
    await waitFor(() => connector(s, 'ca-central').status().lastError, 'an error');
    expect(connector(s, 'ca-central').status()).toMatchObject({ state: 'degraded', lastGoodAt: null });
    expect(connector(s, 'ca-central').fleetState()).toBeNull();
  });

  it('truncated bodies: an error, never a half-applied state', async () => {
    const s = connect(['eu-west']);
    const c = connector(s, 'eu-west');
    await connected(c);
    const before = c.fleetState()!;
    demo.fleet.setFaults('eu-west', { truncated: true });
    await c.refetch();
    expect(c.status().state).not.toBe('connected');
    expect(c.status().lastError?.message).toMatch(/^eu-west GET \/v1\/fleet: /);
    expect(c.fleetState()!.instances.length).toBeGreaterThanOrEqual(before.instances.length - 50);
  });

  it('503s: degraded, then unreachable when they persist; recovers when they stop', async () => {
    const s = connect(['us-east'], { client: { backoffBaseMs: 5, readRetries: 1 } });
    const c = connector(s, 'us-east');
    await connected(c);
    demo.fleet.setFaults('us-east', { errorRate: 1, errorStatus: 503 });
    // Drop the stream so the connector has to come back through the failing endpoint.
    demo.fleet.setFaults('us-east', { outage: true });
    await waitFor(() => c.status().state === 'unreachable', 'unreachable');
    demo.fleet.setFaults('us-east', { outage: false });
    await c.refetch();
    expect(c.status().lastError?.message).toMatch(/HTTP 503|circuit open/);
    demo.fleet.setFaults('us-east', {}, true);
    await waitFor(() => c.status().state === 'connected', 'recovered', 30_000);
  });

  it.each([
    ['dropped', { dropEvents: 0.2 }],
    ['duplicated', { duplicateEvents: 0.3 }],
    ['out-of-order', { reorderEvents: 0.3 }],
  ])('%s stream events: the state still converges to the simulator’s', async (_label, faults) => {
    demo.fleet.setFaults('eu-west', faults);
    const s = connect(['eu-west']);
    const c = connector(s, 'eu-west');
    const { revision: start } = await connected(c);
    // Not a fixed time: the connector has followed 60 changes that came through the faulty stream.
    await waitFor(() => (c.status().revision ?? 0) >= start + 60, `the connector 60 changes past revision ${start}`, 30_000);
    demo.fleet.setFaults('eu-west', {}, true);
    await converged(c, demo.fleet);
  });

  it('flapping: the region goes unreachable and comes back, repeatedly', async () => {
    const s = connect(['ap-southeast'], { streamIdleTimeoutMs: 2_000 });
    const c = connector(s, 'ap-southeast');
    await connected(c);
    // Phases of 4 s leave room for three failed reconnects (down) or one good one (up) on a busy machine.
    demo.fleet.setFaults('ap-southeast', { flapPeriodMs: 4_000 });
    await waitFor(() => c.status().state === 'unreachable', 'down phase', 30_000);
    await waitFor(() => c.status().state === 'connected', 'up phase', 30_000);
  });
});
