import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegionClient } from '../../../electron/connector/region-client.ts';
import { NativeToggleSource, type NativeRegion } from '../../../electron/toggles/native-toggles.ts';
import { ToggleError } from '../../../electron/toggles/toggle-source.ts';
import type { FleetState } from '../../../shared/protocol/index.ts';
import { startDemoFleet } from '../../support/demo-fleet.ts';

/* The native toggle source against the demo fleet's `POST /v1/actions` and `GET /v1/fleet`. */

let demo: Awaited<ReturnType<typeof startDemoFleet>>;
let client: RegionClient;
const REGION = 'us-east';

beforeAll(async () => {
  demo = await startDemoFleet({ seed: 7, scale: 400 });
  const region = demo.region(REGION);
  client = new RegionClient({ id: REGION, baseUrl: region.baseUrl, token: region.token }, { backoffBaseMs: 10 });
});
afterAll(() => demo?.fleet.stop());

/** The region as the source sees it, counting full fetches; `live` as a running connector would offer it. */
function region(live?: () => FleetState | null): NativeRegion & { fetches: number } {
  const r = {
    fetches: 0,
    action: client.action.bind(client),
    fleet: (signal?: AbortSignal) => {
      r.fetches++;
      return client.fleet(signal);
    },
    ...(live ? { live } : {}),
  };
  return r;
}

const applied = (key: string) => demo.fleet.appliedActions(REGION).get(key) ?? 0;

function notOn(): string {
  const toggle = demo.fleet.fleetState(REGION).toggles.find((t) => t.state !== 'on');
  if (!toggle) throw new Error('the demo fleet has no toggle that is not on');
  return toggle.key;
}

describe('NativeToggleSource over the native protocol', () => {
  it('lists the region toggles', async () => {
    const toggles = await new NativeToggleSource(REGION, region()).list();
    expect(toggles.length).toBeGreaterThan(0);
    expect(toggles).toEqual(demo.fleet.fleetState(REGION).toggles);
  });

  it('sets a toggle with toggle.set, reads it back from a fresh fleet state, and applies it once', async () => {
    const key = notOn();
    const r = region();
    const source = new NativeToggleSource(REGION, r);
    const change = await source.set(key, 'on', 'native-intent-0001');
    expect(change).toMatchObject({ changed: true, before: { key, state: expect.not.stringMatching(/^on$/) }, after: { key, state: 'on' } });
    expect(demo.fleet.fleetState(REGION).toggles.find((t) => t.key === key)?.state).toBe('on');
    expect(applied('native-intent-0001')).toBe(1);
    expect(r.fetches).toBe(2);

    expect(await source.set(key, 'on', 'native-intent-0001')).toEqual(change);
    const restarted = await new NativeToggleSource(REGION, region()).set(key, 'on', 'native-intent-0001');
    expect(restarted.changed).toBe(false);
    expect(applied('native-intent-0001')).toBe(1);
  });

  it('reads back from the live state when it has reached the action revision, without a refetch', async () => {
    const key = notOn();
    const r = region(() => demo.fleet.fleetState(REGION));
    const change = await new NativeToggleSource(REGION, r).set(key, 'on', 'native-intent-0002');
    expect(change.after.state).toBe('on');
    expect(r.fetches).toBe(0);
  });

  it('falls back to a fresh fetch when the live state lags behind the action', async () => {
    const key = notOn();
    const stale = demo.fleet.fleetState(REGION);
    const r = region(() => stale);
    const change = await new NativeToggleSource(REGION, r, { readBackWaitMs: 100 }).set(key, 'on', 'native-intent-0003');
    expect(change.before.state).not.toBe('on');
    expect(change.after.state).toBe('on');
    expect(r.fetches).toBe(1);
  });

  it('an unknown toggle fails before anything is sent; events are empty (the protocol keeps no history)', async () => {
    const source = new NativeToggleSource(REGION, region());
    const error = await source.set('no.such-toggle', 'off', 'native-intent-0004').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToggleError);
    expect(error).toMatchObject({ code: 'unknown-toggle', region: REGION, endpoint: 'GET /v1/fleet' });
    expect(applied('native-intent-0004')).toBe(0);
    expect(await source.events(notOn(), 10)).toEqual([]);
  });
});
