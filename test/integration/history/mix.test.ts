import { afterEach, describe, expect, it } from 'vitest';
import { historyFixture, iso, raw, T0, trains } from './fixtures.ts';

const DAY = 86_400_000;
const f = historyFixture();
afterEach(() => f.cleanup());

const rowCount = (file: string, component?: string) =>
  raw(file, (db) =>
    component === undefined
      ? (db.prepare('SELECT count(*) FROM mix_samples').pluck().get() as number)
      : (db.prepare('SELECT count(*) FROM mix_samples JOIN mix_components ON id = component_id WHERE name = ?').pluck().get(component) as number),
  );

describe('version-mix history', () => {
  it('stores samples of every component and reads them back oldest first', async () => {
    const store = f.open(await f.file());
    store.appendMix(iso(T0), [{ component: 'api', trains: trains(5) }, { component: 'store', trains: trains(2) }]);
    store.appendMix(iso(T0 + 5_000), [{ component: 'api', trains: trains(4, 1) }, { component: 'store', trains: trains(2) }]);
    store.appendMix(iso(T0 + 10_000), [{ component: 'api', trains: trains(3, 2) }]);
    expect(store.mixOf('api')).toEqual([
      { at: iso(T0), trains: trains(5) },
      { at: iso(T0 + 5_000), trains: trains(4, 1) },
      { at: iso(T0 + 10_000), trains: trains(3, 2) },
    ]);
    // The unchanged second sample of 'store' is held, not lost.
    expect(store.mixOf('store')).toEqual([
      { at: iso(T0), trains: trains(2) },
      { at: iso(T0 + 5_000), trains: trains(2) },
    ]);
    expect(store.mixOf('unknown')).toEqual([]);
    expect(store.mixOf('api', { sinceMs: T0 + 5_000 }).map((p) => p.at)).toEqual([iso(T0 + 5_000), iso(T0 + 10_000)]);
  });

  it('writes an unchanged mix once per heartbeat, and the last unchanged sample before a change', async () => {
    const file = await f.file();
    const store = f.open(file, { mixHeartbeatMs: 60_000 });
    for (let t = 0; t < 120_000; t += 5_000) store.appendMix(iso(T0 + t), [{ component: 'api', trains: trains(5) }]);
    expect(rowCount(file)).toBe(2);
    expect(store.mixOf('api').map((p) => p.at)).toEqual([iso(T0), iso(T0 + 60_000), iso(T0 + 115_000)]);
    store.appendMix(iso(T0 + 120_000), [{ component: 'api', trains: trains(4, 1) }]);
    expect(rowCount(file)).toBe(4);
    expect(store.mixOf('api').map((p) => [p.at, p.trains.length])).toEqual([
      [iso(T0), 1],
      [iso(T0 + 60_000), 1],
      [iso(T0 + 115_000), 1],
      [iso(T0 + 120_000), 2],
    ]);
  });

  it('keeps the held sample across a close and reopen', async () => {
    const file = await f.file();
    const first = f.open(file);
    first.appendMix(iso(T0), [{ component: 'api', trains: trains(5) }]);
    first.appendMix(iso(T0 + 5_000), [{ component: 'api', trains: trains(5) }]);
    first.close();
    const again = f.open(file);
    expect(again.mixOf('api').map((p) => p.at)).toEqual([iso(T0), iso(T0 + 5_000)]);
    // After a restart the first sample is always written, even when unchanged.
    again.appendMix(iso(T0 + 3_600_000), [{ component: 'api', trains: trains(5) }]);
    expect(rowCount(file)).toBe(3);
  });

  it('thins to maxPoints evenly, keeping the first and the last point', async () => {
    const file = await f.file();
    const store = f.open(file);
    store.appendMix(iso(T0), [{ component: 'api', trains: trains(1) }]);
    // 999 more samples in one transaction (a thousand durable commits would take seconds).
    raw(file, (db) => {
      const insert = db.prepare('INSERT INTO mix_samples (component_id, seq, at_ms, trains) VALUES (1, ?, ?, ?)');
      db.transaction(() => {
        for (let i = 1; i < 1_000; i++) insert.run(i + 1, T0 + i * 5_000, JSON.stringify(trains(i + 1).map((t) => [t.train, t.trainName, t.count])));
      })();
    });
    expect(store.mixOf('api')).toHaveLength(720);
    const ten = store.mixOf('api', { maxPoints: 10 });
    expect(ten.map((p) => p.trains[0]!.count)).toEqual([1, 112, 223, 334, 445, 556, 667, 778, 889, 1000]);
    expect(store.mixOf('api', { maxPoints: 1_000 })).toHaveLength(1_000);
    expect(store.mixOf('api', { maxPoints: 1 }).map((p) => p.trains[0]!.count)).toEqual([1000]);
    const since = store.mixOf('api', { sinceMs: T0 + 500 * 5_000, maxPoints: 3 });
    expect(since.map((p) => p.trains[0]!.count)).toEqual([501, 751, 1000]);
    expect(store.mixOf('api', { maxPoints: 0 })).toEqual([]);
  });

  it('thins by time: a gap (the console was off) yields fewer points, never more than asked', async () => {
    const store = f.open(await f.file(), { mixHeartbeatMs: 0 });
    const at = [0, 5, 10, 15, 20, 3_600, 3_605, 3_610].map((s) => T0 + s * 1_000);
    at.forEach((t, i) => store.appendMix(iso(t), [{ component: 'api', trains: trains(i + 1) }]));
    expect(store.mixOf('api', { maxPoints: 8 })).toHaveLength(8);
    const thinned = store.mixOf('api', { maxPoints: 4 });
    expect(thinned.map((p) => p.trains[0]!.count)).toEqual([1, 6, 8]);
    // The held (unchanged) newest sample is the last point.
    store.appendMix(iso(T0 + 3_615_000), [{ component: 'api', trains: trains(8) }]);
    expect(store.mixOf('api', { maxPoints: 3 }).map((p) => p.at)).toEqual([iso(T0), iso(T0 + 3_600_000), iso(T0 + 3_615_000)]);
    expect(store.mixOf('api', { maxPoints: 1 }).map((p) => p.at)).toEqual([iso(T0 + 3_615_000)]);
  });

  it('drops samples past retention, pruning at most once a minute from appendMix', async () => {
    const file = await f.file();
    const store = f.open(file, { retainMixMs: DAY, mixHeartbeatMs: 0 });
    store.appendMix(iso(T0 - 2 * DAY), [{ component: 'api', trains: trains(1) }]);
    // The first append pruned already (retention is measured from `now`, T0).
    expect(store.mixOf('api')).toEqual([]);
    f.clock.now = T0 + 30_000;
    store.appendMix(iso(T0 - 2 * DAY), [{ component: 'api', trains: trains(2) }]);
    store.appendMix(iso(T0), [{ component: 'api', trains: trains(3) }]);
    expect(store.mixOf('api')).toHaveLength(2);
    f.clock.now = T0 + 61_000;
    store.appendMix(iso(T0 + 61_000), [{ component: 'api', trains: trains(4) }]);
    expect(store.mixOf('api').map((p) => p.trains[0]!.count)).toEqual([3, 4]);
    f.clock.now = T0 + DAY + 30_000;
    store.prune();
    expect(store.mixOf('api').map((p) => p.trains[0]!.count)).toEqual([4]);
    expect(rowCount(file)).toBe(1);
  });

  it('caps the rows per component, dropping the oldest', async () => {
    const file = await f.file();
    const store = f.open(file, { maxMixRowsPerComponent: 20, mixHeartbeatMs: 0 });
    for (let i = 0; i < 50; i++) {
      store.appendMix(iso(T0 + i * 5_000), [{ component: 'api', trains: trains(i + 1) }, ...(i < 10 ? [{ component: 'store', trains: trains(i + 1) }] : [])]);
    }
    expect(rowCount(file, 'api')).toBe(20);
    expect(rowCount(file, 'store')).toBe(10);
    const points = store.mixOf('api');
    expect(points).toHaveLength(20);
    expect(points[0]!.trains[0]!.count).toBe(31);
    store.close();
    // The cap holds across a reopen (the sequence continues from the file).
    const again = f.open(file, { maxMixRowsPerComponent: 20, mixHeartbeatMs: 0 });
    again.appendMix(iso(T0 + 50 * 5_000), [{ component: 'api', trains: trains(51) }]);
    expect(rowCount(file, 'api')).toBe(20);
    expect(again.mixOf('api')[0]!.trains[0]!.count).toBe(32);
  });

  it('refuses an invalid sample whole, writing nothing', async () => {
    const file = await f.file();
    const store = f.open(file);
    expect(() => store.appendMix('yesterday', [{ component: 'api', trains: trains(1) }])).toThrow(/not a date-time/);
    expect(() => store.appendMix(iso(T0), [{ component: 'api', trains: trains(1) }, { component: 'store', trains: [{ train: 1, trainName: 'x', count: 1.5 }] }])).toThrow(
      /rows\.1\.trains\.0\.count/,
    );
    expect(rowCount(file)).toBe(0);
    expect(store.mixOf('api')).toEqual([]);
  });

  it('skips and reports a corrupt sample row', async () => {
    const file = await f.file();
    const store = f.open(file, { mixHeartbeatMs: 0 });
    for (let i = 0; i < 3; i++) store.appendMix(iso(T0 + i * 5_000), [{ component: 'api', trains: trains(i + 1) }]);
    raw(file, (db) => db.prepare("UPDATE mix_samples SET trains = '[{\"train\":\"x\"}' WHERE seq = 2").run());
    expect(store.mixOf('api').map((p) => p.trains[0]!.count)).toEqual([1, 3]);
    expect(f.problems).toEqual([expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: version-mix sample api #2 skipped`))]);
  });
});
