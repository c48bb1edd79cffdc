import { describe, expect, it } from 'vitest';
import type { ChangeEvent, FleetState, Instance } from '../../../shared/protocol/index.ts';
import { RegionFleet } from '../../../electron/connector/region-fleet.ts';
import { smallFleet } from '../../support/small-fleet.ts';

const instance = (id: string, version = '1.0.0'): Instance => ({
  id,
  host: `${id}.local`,
  component: 'api',
  version,
  state: 'running',
  startedAt: '2026-11-01T00:00:00Z',
  activeUsers: 3,
});
const upsert = (revision: number, id: string): ChangeEvent => ({ revision, type: 'instance.upsert', instance: instance(id) });

describe('RegionFleet', () => {
  const base: FleetState = smallFleet({ revision: 10 });

  it('applies the next revision and ignores duplicates', () => {
    const fleet = new RegionFleet(base);
    expect(fleet.apply(upsert(11, 'new-1')).outcome).toBe('applied');
    expect(fleet.apply(upsert(11, 'new-1'))).toEqual({ outcome: 'duplicate', applied: [] });
    expect(fleet.apply(upsert(5, 'old')).outcome).toBe('duplicate');
    expect(fleet.revision).toBe(11);
    expect(fleet.state().instances.map((i) => i.id)).toContain('new-1');
    expect(fleet.state().instances.map((i) => i.id)).not.toContain('old');
  });

  it('reorders out-of-order events inside the window', () => {
    const fleet = new RegionFleet(base);
    expect(fleet.apply(upsert(13, 'c')).outcome).toBe('buffered');
    expect(fleet.apply(upsert(12, 'b')).outcome).toBe('buffered');
    const released = fleet.apply(upsert(11, 'a'));
    expect(released.outcome).toBe('applied');
    expect(released.applied.map((e) => e.revision)).toEqual([11, 12, 13]);
    expect(fleet.revision).toBe(13);
    expect(fleet.pendingCount).toBe(0);
  });

  it('reports a gap when a missing event never arrives', () => {
    const fleet = new RegionFleet(base);
    let outcome = 'buffered';
    for (let r = 12; outcome === 'buffered'; r++) outcome = fleet.apply(upsert(r, `x${r}`)).outcome;
    expect(outcome).toBe('gap');
    expect(fleet.revision).toBe(10);
  });

  it('holds at most 256 out-of-order events, however many a broken stream sends', () => {
    const fleet = new RegionFleet(base);
    const outcomes = new Map<string, number>();
    for (let r = 12; r < 12 + 10_000; r++) {
      const { outcome } = fleet.apply(upsert(r, `x${r}`));
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(fleet.pendingCount).toBe(256);
    expect(outcomes.get('buffered')).toBe(256);
    expect(outcomes.get('gap')).toBe(10_000 - 256);
  });

  it('removes instances and never mutates the base state', () => {
    const first = base.instances[0]!.id;
    const fleet = new RegionFleet(base);
    fleet.apply({ revision: 11, type: 'instance.remove', id: first });
    expect(fleet.state().instances.find((i) => i.id === first)).toBeUndefined();
    expect(base.instances[0]!.id).toBe(first);
    expect(base.revision).toBe(10);
  });
});
