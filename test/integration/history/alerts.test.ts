import { afterEach, describe, expect, it } from 'vitest';
import { alertOf, historyFixture, iso, raw, T0 } from './fixtures.ts';

const DAY = 86_400_000;
const f = historyFixture();
afterEach(() => f.cleanup());

const ids = (alerts: { id: string }[]) => alerts.map((a) => a.id);

describe('alert history', () => {
  it('upserts by id and filters by state, newest lastSeen first', async () => {
    const store = f.open(await f.file());
    store.upsertAlert(alertOf('a', { lastSeen: iso(T0 + 1_000) }));
    store.upsertAlert(alertOf('b', { lastSeen: iso(T0 + 3_000), state: 'acknowledged', acknowledged: { by: 'ana', at: iso(T0 + 2_000), note: null } }));
    store.upsertAlert(alertOf('c', { lastSeen: iso(T0 + 2_000), state: 'resolved', resolvedAt: iso(T0 + 2_000) }));
    // An offset time orders by its instant, not its text.
    store.upsertAlert(alertOf('d', { lastSeen: '2026-03-01T02:00:04+02:00' }));
    expect(ids(store.alerts({ state: 'all', limit: 10 }))).toEqual(['d', 'b', 'c', 'a']);
    expect(ids(store.alerts({ state: 'open', limit: 10 }))).toEqual(['d', 'b', 'a']);
    expect(ids(store.alerts({ state: 'active', limit: 10 }))).toEqual(['d', 'a']);
    expect(ids(store.alerts({ state: 'acknowledged', limit: 10 }))).toEqual(['b']);
    expect(ids(store.alerts({ state: 'resolved', limit: 10 }))).toEqual(['c']);
    expect(ids(store.alerts({ state: 'all', limit: 2 }))).toEqual(['d', 'b']);
    expect(ids(store.openAlerts())).toEqual(['d', 'b', 'a']);

    store.upsertAlert(alertOf('a', { lastSeen: iso(T0 + 9_000), state: 'resolved', resolvedAt: iso(T0 + 9_000) }));
    expect(ids(store.openAlerts())).toEqual(['d', 'b']);
    expect(ids(store.alerts({ state: 'resolved', limit: 10 }))).toEqual(['a', 'c']);
    expect(store.alert('a')).toEqual(alertOf('a', { lastSeen: iso(T0 + 9_000), state: 'resolved', resolvedAt: iso(T0 + 9_000) }));
    expect(store.alert('nope')).toBeNull();
  });

  it('refuses an invalid alert, naming the field', async () => {
    const store = f.open(await f.file());
    expect(() => store.upsertAlert(alertOf('x', { lastSeen: 'soon' }))).toThrow(expect.objectContaining({ kind: 'invalid-input', message: expect.stringContaining('lastSeen') }));
    expect(store.alerts({ state: 'all', limit: 10 })).toEqual([]);
  });

  it('drops resolved alerts past retention and beyond the cap, never open ones', async () => {
    const store = f.open(await f.file(), { retainResolvedAlertsMs: 30 * DAY, maxResolvedAlerts: 2 });
    const resolved = (id: string, at: number) => alertOf(id, { state: 'resolved', lastSeen: iso(at), resolvedAt: iso(at) });
    store.upsertAlert(alertOf('old-active', { lastSeen: iso(T0 - 400 * DAY) }));
    store.upsertAlert(resolved('old', T0 - 31 * DAY));
    store.upsertAlert(resolved('r1', T0 - 3 * DAY));
    store.upsertAlert(resolved('r2', T0 - 2 * DAY));
    store.upsertAlert(resolved('r3', T0 - DAY));
    store.prune();
    expect(ids(store.alerts({ state: 'all', limit: 10 }))).toEqual(['r3', 'r2', 'old-active']);
  });

  it('skips and reports corrupt rows instead of throwing', async () => {
    const file = await f.file();
    const store = f.open(file);
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) store.upsertAlert(alertOf(id, { lastSeen: iso(T0 + i * 1_000) }));
    raw(file, (db) => {
      db.prepare("UPDATE alerts SET alert = '{\"id\": \"c\", trunc' WHERE id = 'c'").run();
      db.prepare("UPDATE alerts SET alert = json_set(alert, '$.severity', 'meh') WHERE id = 'b'").run();
      db.prepare("UPDATE alerts SET state = 'resolved' WHERE id = 'a'").run();
    });
    expect(ids(store.alerts({ state: 'all', limit: 10 }))).toEqual(['d']);
    expect(f.problems).toHaveLength(3);
    expect(f.problems[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: alert "c" skipped: `));
    expect(f.problems[1]).toMatch(/alert "b" skipped: severity: /);
    expect(f.problems[2]).toMatch(/alert "a" skipped: .*does not match its columns/);
    // The limit counts alerts returned, not rows read.
    expect(ids(store.alerts({ state: 'open', limit: 1 }))).toEqual(['d']);
    expect(store.alert('c')).toBeNull();
    expect(ids(store.openAlerts())).toEqual(['d']);
    // Each corrupt row is reported once, however often it is read.
    expect(f.problems).toHaveLength(3);
  });

  it('keeps alerts across a reopen', async () => {
    const file = await f.file();
    const first = f.open(file);
    first.upsertAlert(alertOf('a', { state: 'acknowledged', acknowledged: { by: 'ana', at: iso(T0), note: 'looking' } }));
    first.close();
    expect(f.open(file).openAlerts()).toEqual([alertOf('a', { state: 'acknowledged', acknowledged: { by: 'ana', at: iso(T0), note: 'looking' } })]);
  });
});
