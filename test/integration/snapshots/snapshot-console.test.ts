import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootConsole, type BootedConsole } from '../../../electron/core/boot.ts';
import { takeSnapshot } from '../../../electron/snapshots/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { fixture, type Fixture } from './fixture.ts';

/**
 * A console booted on a snapshot answers from what the snapshot recorded: its audit entries (query,
 * search, verify, a toggle's history), its alerts, its manifest; and refuses what would change
 * something or needs a live fleet. A snapshot that fails a check does not boot.
 */
let dir: Awaited<ReturnType<typeof tempDir>>;
let f: Fixture;
let booted: BootedConsole;
let file = '';

beforeAll(async () => {
  dir = await tempDir('snapshot-console');
  f = await fixture(dir.path, { auditEntries: 90 });
  file = (await takeSnapshot(f.sources, join(dir.path, 's.rccsnap'), { telemetryWindowSeconds: 600 })).file;
  booted = await bootConsole({ host: 'web', dataDir: join(dir.path, 'data'), snapshot: file });
});
afterAll(async () => {
  await booted?.dispose();
  f?.close();
  await dir?.remove();
});

describe('a console on a snapshot', () => {
  it('queries, searches and verifies the snapshot\'s audit entries, not its own store', async () => {
    const h = booted.core.handlers;
    const all = await h['audit.query']({ limit: 1_000, offset: 0 });
    expect(all.total).toBe(90);
    expect(all.head).toEqual({ seq: 90, hash: f.audit.head()?.hash });
    expect(all.entries[0]?.seq).toBe(90);
    const bob = await h['audit.query']({ actor: 'bob', region: 'eu-west', limit: 1_000, offset: 0 });
    expect(bob.total).toBeGreaterThan(0);
    expect(bob.entries.every((e) => e.actorUser === 'bob' && e.region === 'eu-west')).toBe(true);
    const text = await h['audit.query']({ text: 'CHG-1007', limit: 1_000, offset: 0 });
    expect(text.entries.map((e) => e.ticket)).toEqual(text.entries.map(() => 'CHG-1007'));
    expect(text.total).toBeGreaterThan(0);
    expect(await h['audit.verify']({})).toMatchObject({ ok: true, checked: 90, firstBad: null, signature: 'valid' });
    await expect(h['audit.export']({ filter: {}, format: 'csv' })).rejects.toThrow(/read-only/);
  });

  it('gives a toggle\'s history from the snapshot\'s audit entries', async () => {
    const history = await booted.core.handlers['toggles.history']({ region: 'eu-west', key: 'component-1', limit: 20 });
    expect(history.entries.length).toBeGreaterThan(0);
    expect(history.entries.every((e) => e.origin === 'console' && e.summary.includes('#'))).toBe(true);
    expect(history.problem).toMatch(/from the snapshot/);
  });

  it('lists the alerts as they were, by state, with their counts', async () => {
    const h = booted.core.handlers;
    const open = await h['alerts.list']({ state: 'open', limit: 200 });
    expect(open.alerts.map((a) => a.state)).toEqual(['active', 'acknowledged']);
    expect(open.counts).toEqual({ active: 1, acknowledged: 1, critical: 1 });
    expect((await h['alerts.list']({ state: 'resolved', limit: 200 })).alerts).toHaveLength(1);
    expect((await h['alerts.list']({ state: 'all', limit: 2 })).alerts).toHaveLength(2);
  });

  it('describes itself for the banner, and refuses compare with live and a second snapshot', async () => {
    const h = booted.core.handlers;
    const info = await h['snapshots.info']({});
    expect(info?.file).toBe(file);
    expect(info?.manifest.takenBy).toEqual({ user: 'alice', displayName: 'Alice Ångström', workstation: 'ws-17.example.org' });
    expect((await h['regions.list']({})).map((r) => r.id)).toEqual(info?.manifest.regions.map((r) => r.id));
    await expect(h['snapshots.compare']({ a: file, b: 'live' })).rejects.toThrow(/compare with live from a live console/);
    await expect(h['snapshots.take']({})).rejects.toThrow(/read-only/);
    expect(booted.regions.connectors).toEqual([]);
    expect(booted.snapshot?.file).toBe(file);
  });

  it('does not boot on a snapshot that fails a check, naming the check', async () => {
    await expect(bootConsole({ host: 'web', dataDir: join(dir.path, 'data2'), snapshot: f.audit.file })).rejects.toThrow(/Snapshot refused: .*failed check: not-a-snapshot/);
  });
});
