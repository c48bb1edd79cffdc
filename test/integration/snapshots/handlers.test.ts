import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/index.ts';
import { EnvOrFileTokenStore } from '../../../electron/connector/token-store.ts';
import { createCore, type Core } from '../../../electron/core/create-core.ts';
import type { TelemetryRequest, TelemetryResult, TelemetrySource } from '../../../electron/common/telemetry-source.ts';
import { SnapshotRegionsService } from '../../../electron/snapshots/index.ts';
import { generateFleet } from '../../../demo-fleet/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { waitFor } from '../../support/demo-fleet.ts';
import { statusOf } from './fixture.ts';

/** A telemetry source that holds a snapshot's queries (those with a signal) until let go, or until aborted. */
class GatedTelemetry implements TelemetrySource {
  readonly kind = 'native' as const;
  open = false;
  constructor(readonly regionId: string) {}
  describe(r: TelemetryRequest): string {
    return `gated ${this.regionId} ${r.signal}`;
  }
  query(_r: TelemetryRequest, signal?: AbortSignal): Promise<TelemetryResult> {
    if (this.open || !signal) return Promise.resolve({ series: [], warnings: [] });
    return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
  }
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: Core;
let gate: GatedTelemetry;
const progress: EventPayload<'snapshots.progress'>[] = [];

beforeAll(async () => {
  dir = await tempDir('snapshot-handlers');
  const at = Date.now();
  const states = generateFleet({ scale: 800, startTime: new Date(at) });
  gate = new GatedTelemetry(states[0]?.region.id ?? '');
  core = await createCore({
    host: 'web',
    dataDir: dir.path,
    regions: new SnapshotRegionsService(states.map((s) => statusOf(s, at)), states),
    tokens: new EnvOrFileTokenStore(join(dir.path, 'tokens.json'), {}),
    telemetrySources: new Map([[gate.regionId, gate]]),
  });
  core.bus.on('snapshots.progress', (p) => progress.push(p));
});
afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

const snapshotFiles = () => readdirSync(join(dir.path, 'snapshots'));

describe('snapshots.* handlers on a live console', () => {
  it('take runs one at a time, and cancel stops it leaving nothing behind (both audited)', async () => {
    const h = core.handlers;
    const taking = h['snapshots.take']({});
    const rejected = expect(taking).rejects.toThrow(/cancelled; nothing was written/);
    await waitFor(() => progress.some((p) => p.phase === 'telemetry'), 'the take to reach the telemetry');
    await expect(h['snapshots.take']({})).rejects.toThrow(/being taken already/);
    expect(await h['snapshots.cancel']({})).toEqual({ cancelled: true });
    await rejected;
    expect(snapshotFiles()).toEqual([]);
    expect(await h['snapshots.cancel']({})).toEqual({ cancelled: false });
    const audited = await h['audit.query']({ limit: 10, offset: 0 });
    expect(audited.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['snapshots.take', 'snapshots.cancel']));
  });

  it('take writes to <dataDir>/snapshots by default, refuses a relative path, and info is null while live', async () => {
    gate.open = true;
    const h = core.handlers;
    const taken = await h['snapshots.take']({});
    expect(taken.file.startsWith(join(dir.path, 'snapshots', 'snapshot-'))).toBe(true);
    expect(taken.file.endsWith('.rccsnap')).toBe(true);
    expect(snapshotFiles()).toHaveLength(1);
    await expect(h['snapshots.take']({ file: 'relative.rccsnap' })).rejects.toThrow(/absolute path/);
    expect(await h['snapshots.info']({})).toBeNull();
  });

  it('compares a snapshot with live: nothing changed in between', async () => {
    const h = core.handlers;
    const file = join(dir.path, 'snapshots', snapshotFiles()[0] ?? '');
    const c = await h['snapshots.compare']({ a: file, b: 'live' });
    expect(c.b).toMatchObject({ label: 'live', file: null });
    expect(c.versions).toEqual([]);
    expect(c.toggles).toEqual([]);
    expect(c.violations.appeared).toEqual([]);
    expect(c.violations.resolved).toEqual([]);
    await expect(h['snapshots.compare']({ a: join(dir.path, 'tokens.json'), b: 'live' })).rejects.toThrow(/check: unreadable|check: not-sqlite/);
  });
});
