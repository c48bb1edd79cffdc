import { describe, expect, it } from 'vitest';
import { createDemoFleet, DEFAULT_START_TIME } from '../../../demo-fleet/index.ts';
import { manualClock } from './helpers/manual-clock.ts';

describe('createDemoFleet (no server)', () => {
  it('gives identical fleet JSON for the same seed and simulated time, however time got there', () => {
    const c1 = manualClock();
    const c2 = manualClock();
    const a = createDemoFleet({ seed: 9, scale: 2_000, wallClock: c1.now, timeScale: 30 });
    const b = createDemoFleet({ seed: 9, scale: 2_000, wallClock: c2.now, timeScale: 30 });
    c1.advance(60_000);
    for (let i = 0; i < 6; i++) {
      c2.advance(10_000);
      b.tick();
    }
    expect(a.now().toISOString()).toBe(new Date(DEFAULT_START_TIME.getTime() + 30 * 60_000).toISOString());
    for (const id of a.regionIds()) expect(JSON.stringify(a.fleetState(id))).toBe(JSON.stringify(b.fleetState(id)));
    const other = createDemoFleet({ seed: 10, scale: 2_000, wallClock: manualClock().now });
    expect(JSON.stringify(other.fleetState('us-east'))).not.toBe(JSON.stringify(a.fleetState('us-east')));
  });

  it('starts simulated time at startTime and moves it at timeScale', () => {
    const clock = manualClock();
    const start = new Date('2027-03-01T08:00:00Z');
    const fleet = createDemoFleet({ startTime: start, timeScale: 120, wallClock: clock.now, scale: 2_000 });
    clock.advance(1_000);
    expect(fleet.now().toISOString()).toBe('2027-03-01T08:02:00.000Z');
    expect(fleet.fleetState('eu-west').generatedAt).toBe('2027-03-01T08:02:00.000Z');
  });

  it('validates options, regions and faults', () => {
    expect(() => createDemoFleet({ timeScale: 0 })).toThrow(RangeError);
    expect(() => createDemoFleet({ changesPerSecond: -1 })).toThrow(RangeError);
    expect(() => createDemoFleet({ startTime: new Date('nope') })).toThrow(RangeError);
    const fleet = createDemoFleet({ scale: 2_000, wallClock: manualClock().now });
    expect(fleet.regionIds()).toEqual(['us-east', 'eu-west', 'ca-central', 'ap-southeast']);
    expect(() => fleet.fleetState('mars')).toThrow(/unknown region mars/);
    expect(() => fleet.setFaults('eu-west', { errorRate: 2 })).toThrow();
    expect(fleet.setFaults('eu-west', { latencyMs: 250 })).toMatchObject({ latencyMs: 250, outage: false });
    expect(fleet.setFaults('eu-west', { outage: true }, true)).toMatchObject({ latencyMs: 0, outage: true });
  });

  it('uses the given tokens', async () => {
    const fleet = createDemoFleet({ scale: 2_000, tokens: { 'us-east': 'token-us-east-123' }, controlToken: 'control-token-1', wallClock: manualClock().now });
    const started = await fleet.start();
    try {
      expect(started.regions.find((r) => r.id === 'us-east')?.token).toBe('token-us-east-123');
      expect(started.regions.find((r) => r.id === 'eu-west')?.token).toMatch(/^[\w-]{32}$/);
      expect(started.controlToken).toBe('control-token-1');
      await expect(fleet.start()).rejects.toThrow(/already started/);
    } finally {
      await fleet.stop();
    }
  });
});
