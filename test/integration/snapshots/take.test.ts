import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotProgress } from '../../../shared/contract/index.ts';
import { openSnapshot, takeSnapshot, verifySnapshot } from '../../../electron/snapshots/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { fixture, type Fixture } from './fixture.ts';

let dir: Awaited<ReturnType<typeof tempDir>>;
let f: Fixture | null = null;

beforeEach(async () => {
  dir = await tempDir('snapshot-take');
});
afterEach(async () => {
  f?.close();
  f = null;
  await dir.remove();
});

const files = () => readdirSync(dir.path).filter((n) => n.endsWith('.rccsnap') || n.includes('.partial-'));

describe('takeSnapshot', () => {
  it('reports its phases in order and writes an owner-only file', async () => {
    f = await fixture(dir.path);
    const phases: SnapshotProgress['phase'][] = [];
    const taken = await takeSnapshot(f.sources, join(dir.path, 's.rccsnap'), { telemetryWindowSeconds: 600 }, { onProgress: (p) => phases.at(-1) !== p.phase && phases.push(p.phase) });
    expect(phases).toEqual(['fleet', 'telemetry', 'audit', 'hashing', 'syncing', 'done']);
    expect(statSync(taken.file).mode & 0o777).toBe(0o600);
    expect(taken.bytes).toBe(statSync(taken.file).size);
    expect(files()).toEqual(['s.rccsnap']);
  });

  it('is cancelled by its signal mid-way: it rejects, and leaves nothing at the path or beside it', async () => {
    f = await fixture(dir.path);
    const controller = new AbortController();
    const target = join(dir.path, 'cancelled.rccsnap');
    const taking = takeSnapshot(f.sources, target, { telemetryWindowSeconds: 600 }, { signal: controller.signal, onProgress: (p) => p.phase === 'telemetry' && p.done === 2 && controller.abort() });
    await expect(taking).rejects.toThrow();
    expect(files()).toEqual([]);
  });

  it('never replaces a file, and refuses a window outside 1 minute … 7 days', async () => {
    f = await fixture(dir.path);
    const target = join(dir.path, 'existing.rccsnap');
    writeFileSync(target, 'mine');
    await expect(takeSnapshot(f.sources, target)).rejects.toThrow(/exists already/);
    await expect(takeSnapshot(f.sources, join(dir.path, 'x.rccsnap'), { telemetryWindowSeconds: 30 })).rejects.toThrow(/between 60 s and 7 days/);
    expect(files()).toEqual(['existing.rccsnap']);
  });

  it('records stale regions, failed telemetry queries (answered the same way when opened), the series cap and a missing audit store', async () => {
    f = await fixture(dir.path, {
      failing: ['latency_p95'],
      statuses: [{}, { state: 'unreachable', lastGoodAt: new Date(Date.parse('2026-03-02T09:50:00.000Z')).toISOString(), lastError: { endpoint: 'GET /v1/fleet', kind: 'timeout', message: 'no answer', at: '2026-03-02T09:59:00.000Z' } }],
    });
    const taken = await takeSnapshot({ ...f.sources, audit: null, auditProblem: 'disk full' }, join(dir.path, 's.rccsnap'), { telemetryWindowSeconds: 600, maxSeries: 40 });
    const m = taken.manifest;
    const [first, second] = m.regions;
    expect(second).toMatchObject({ state: 'unreachable', stale: true, dataAgeSeconds: 600, lastError: 'GET /v1/fleet: no answer' });
    expect(first?.stale).toBe(false);
    expect(m.telemetry.series).toBe(40);
    expect(m.telemetry.capped).toMatch(/series left out past the cap of 40/);
    expect(m.telemetry.problems).toEqual([expect.objectContaining({ region: first?.id, signal: 'latency_p95', failed: true, message: `${first?.id} fake telemetry: latency_p95 is down` })]);
    expect(m.audit).toBeNull();
    expect(m.notes.join('\n')).toMatch(/audit store was not available \(disk full\)/);
    expect((await verifySnapshot(taken.file)).ok).toBe(true);
    const opened = await openSnapshot(taken.file);
    try {
      const source = opened.telemetrySources.get(first?.id ?? '');
      await expect(source?.query({ signal: 'latency_p95', from: 0, to: 1, stepSeconds: 1 })).rejects.toThrow(/latency_p95 is down/);
      expect(opened.regions.list()[1]?.state).toBe('unreachable');
      expect(opened.regions.actions(first?.id ?? '')).toBeUndefined();
    } finally {
      opened.close();
    }
  });
});
