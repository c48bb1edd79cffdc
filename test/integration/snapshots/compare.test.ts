import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotComparison, type VerdictWithTime } from '../../../shared/contract/index.ts';
import { isLive } from '../../../shared/compat/tallies.ts';
import { compareSnapshots, openSnapshot, snapshotSide, takeSnapshot, type OpenedSnapshot } from '../../../electron/snapshots/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { fixture, pointValue, type Fixture } from './fixture.ts';

/**
 * Compare on generated pairs: snapshot A of a generated fleet, then known changes — a component's
 * instances moved to another version, a toggle flipped, a region gone unreachable, one violation
 * resolved and one new, three audit entries — and snapshot B an hour later. The comparison finds
 * exactly those, and each version's signal means match the telemetry both snapshots hold.
 */
const T = Date.parse('2026-03-02T10:00:00.000Z');
const LATER = T + 3_600_000;
let dir: Awaited<ReturnType<typeof tempDir>>;
let f: Fixture;
let a: OpenedSnapshot;
let b: OpenedSnapshot;
let clock = T - 1_000;
const expected = { region: '', component: '', toggleRegion: '', toggle: '', before: '', after: '', unreachable: '', resolved: '', appeared: '' };

beforeAll(async () => {
  dir = await tempDir('snapshot-compare');
  f = await fixture(dir.path, { at: T, auditEntries: 20, auditNow: () => new Date(clock) });
  const verdictA = f.sources.verdict();
  a = await openSnapshot((await takeSnapshot(f.sources, join(dir.path, 'a.rccsnap'), { telemetryWindowSeconds: 900 })).file);

  // The changes, each known.
  const [first, second, third] = f.states;
  if (!first || !second || !third) throw new Error('the fixture has four regions');
  const moved = first.componentVersions.find((v) => first.instances.some((i) => i.component === v.component && i.version !== v.version && isLive(i.state)));
  if (!moved) throw new Error('no component with two versions');
  for (const i of first.instances) if (i.component === moved.component) i.version = moved.version;
  Object.assign(expected, { region: first.region.id, component: moved.component, after: moved.version });
  const toggle = second.toggles[0];
  if (!toggle) throw new Error('no toggle');
  Object.assign(expected, { toggleRegion: second.region.id, toggle: toggle.key, before: toggle.state });
  toggle.state = toggle.state === 'on' ? 'off' : 'on';
  const statuses = f.sources.regions.list().map((s) => (s.id === third.region.id ? { ...s, state: 'unreachable' as const } : s));
  f.sources.regions.list = () => statuses;
  expected.unreachable = third.region.id;
  const [gone, ...kept] = verdictA.violations;
  if (!gone || !kept[0]) throw new Error('the fixture has violations');
  const fresh = { ...kept[0], id: `${kept[0].id}-new`, sentence: 'a new one' };
  const verdictB: VerdictWithTime = { ...verdictA, violations: [...kept, fresh], evaluatedAt: new Date(LATER).toISOString() };
  f.sources.verdict = () => verdictB;
  Object.assign(expected, { resolved: gone.id, appeared: fresh.id });
  for (const minutes of [10, 20, 50]) {
    clock = T + minutes * 60_000;
    f.audit.append({ kind: 'note', actorUser: 'bob', actorName: 'Bob', workstation: 'ws', action: 'note', reason: `after ${minutes} min` });
  }
  clock = LATER + 60_000; // after B: not between the two
  f.sources.now = () => LATER;
  b = await openSnapshot((await takeSnapshot(f.sources, join(dir.path, 'b.rccsnap'), { telemetryWindowSeconds: 900 })).file);
  f.audit.append({ kind: 'note', actorUser: 'bob', actorName: 'Bob', workstation: 'ws', action: 'note', reason: 'after B' });
});
afterAll(async () => {
  a?.close();
  b?.close();
  f?.close();
  await dir?.remove();
});

describe('compare two snapshots with known differences', () => {
  it('finds exactly the versions, toggle, region and violations that changed', async () => {
    const c = SnapshotComparison.parse(await compareSnapshots(snapshotSide(a), snapshotSide(b)));
    expect(c.versions.map((v) => [v.region, v.component])).toEqual([[expected.region, expected.component]]);
    expect(c.versions[0]?.after.map((v) => v.version)).toEqual([expected.after]);
    expect(c.versions[0]?.before.length).toBeGreaterThan(1);
    expect(c.toggles).toEqual([{ region: expected.toggleRegion, key: expected.toggle, before: expected.before, after: expected.before === 'on' ? 'off' : 'on' }]);
    expect(c.regions).toEqual([{ region: expected.unreachable, before: 'connected', after: 'unreachable' }]);
    expect(c.violations.resolved.map((v) => v.id)).toEqual([expected.resolved]);
    expect(c.violations.appeared.map((v) => v.id)).toEqual([expected.appeared]);
    expect(c.violations.unchanged).toBe(a.verdict.violations.length - 1);
  });

  it('lists the audit entries written between the two times, and only those', async () => {
    const c = await compareSnapshots(snapshotSide(a), snapshotSide(b));
    expect(c.audit.entries.map((e) => e.reason)).toEqual(['after 10 min', 'after 20 min', 'after 50 min']);
    expect(c.audit.total).toBe(3);
    expect(c.audit.gap).toBeNull();
  });

  it('gives each version the mean of its signals over the 15 minutes before each time, at the stored step', async () => {
    const c = await compareSnapshots(snapshotSide(a), snapshotSide(b));
    const series = f.states[3]?.instances[0];
    if (!series) throw new Error('no instance');
    const region = f.states[3]?.region.id ?? '';
    const step = a.manifest.telemetry.stepSeconds;
    expect(b.manifest.telemetry.stepSeconds).toBe(step);
    const meanAt = (at: number) => {
      let sum = 0;
      let n = 0;
      for (let t = at / 1000; t > at / 1000 - 900; t -= step, n++) sum += pointValue(region, series.component, series.version, 'error_rate', t);
      return sum / n;
    };
    const delta = c.signals.deltas.find((d) => d.region === region && d.component === series.component && d.version === series.version && d.signal === 'error_rate');
    expect(delta?.before).toBeCloseTo(meanAt(T), 10);
    expect(delta?.after).toBeCloseTo(meanAt(LATER), 10);
    expect(delta?.delta).toBeCloseTo(meanAt(LATER) - meanAt(T), 10);
    // The moved component's old version has no telemetry in B.
    expect(c.signals.deltas.some((d) => d.region === expected.region && d.component === expected.component && d.after === null)).toBe(true);
  });
});
