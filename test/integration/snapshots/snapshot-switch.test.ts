import { existsSync } from 'node:fs';
import { copyFile, readFile, readdir, stat, truncate } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/index.ts';
import { SNAPSHOT_DOWNLOAD_PATH, SNAPSHOT_UPLOAD_PATH } from '../../../shared/contract/index.ts';
import { dispatch } from '../../../electron/host/dispatch.ts';
import { SwitchableConsole } from '../../../electron/host/console-switch.ts';
import { startWebHost, type WebHost } from '../../../electron/web-host/server.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { rawRequest } from '../../support/web-request.ts';
import { waitFor } from '../../support/demo-fleet.ts';

/**
 * The host-agnostic core swap both hosts use: a live console on the demo fleet takes a snapshot,
 * opens it at runtime (read-only core, demo fleet stopped, pages told to reload), refuses a damaged
 * file without touching what it shows, and comes back to live. Served by the real web host, whose
 * upload and download routes carry snapshot files with the per-run secret.
 */
let dir: Awaited<ReturnType<typeof tempDir>>;
let shown: SwitchableConsole;
let host: WebHost;
const switched: EventPayload<'snapshots.switched'>[] = [];
let taken = '';

const call = async (name: string, input: unknown) => dispatch(shown.handlers, name, input);
const auth = () => ({ authorization: `Bearer ${host.secret}` });

beforeAll(async () => {
  dir = await tempDir('snapshot-switch');
  shown = await SwitchableConsole.start({ host: 'web', dataDir: dir.path, regionsFile: join(dir.path, 'regions.json'), snapshot: null, demo: { scale: 400, scenario: 'region-outage' } });
  shown.bus.on('snapshots.switched', (p) => switched.push(p));
  host = await startWebHost({ core: shown, staticDir: dir.path, snapshotsDir: join(dir.path, 'snapshots') });
});
afterAll(async () => {
  await host?.close();
  await shown?.dispose();
  await dir?.remove();
});

describe('showing a snapshot at runtime', () => {
  it('takes a snapshot into the snapshots folder, which lists it and serves it for download', async () => {
    const result = await call('snapshots.take', { telemetryWindowSeconds: 60 });
    if (!result.ok) throw new Error(result.error.message);
    taken = (result.data as { file: string }).file;
    expect(taken.startsWith(join(dir.path, 'snapshots'))).toBe(true);
    const list = await call('snapshots.list', {});
    expect(list.ok && (list.data as { file: string }[]).map((e) => e.file)).toEqual([taken]);
    expect(await call('snapshots.chooseFile', { purpose: 'save' })).toEqual({ ok: true, data: { supported: false, file: null } });

    const download = await rawRequest(host.port, { path: `${SNAPSHOT_DOWNLOAD_PATH}${encodeURIComponent(basename(taken))}`, headers: auth() });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${basename(taken)}"`);
    expect(Number(download.headers['content-length'])).toBe((await stat(taken)).size);
    expect((await rawRequest(host.port, { path: `${SNAPSHOT_DOWNLOAD_PATH}..%2Fregions.json`, headers: auth() })).status).toBe(404);
    expect((await rawRequest(host.port, { path: `${SNAPSHOT_DOWNLOAD_PATH}${encodeURIComponent(basename(taken))}` })).status).toBe(401);
  });

  it('refuses a damaged file naming the failed check, and keeps showing live', async () => {
    const damaged = join(dir.path, 'damaged.rccsnap');
    await copyFile(taken, damaged);
    await truncate(damaged, (await stat(damaged)).size - 4096);
    const result = await call('snapshots.open', { file: damaged });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Snapshot refused: .*failed check: /);
    expect(switched).toEqual([]);
    expect(shown.booted.snapshot ?? null).toBeNull();
    expect(shown.booted.demoFleet).not.toBeNull();
    const info = await call('snapshots.info', {});
    expect(info).toEqual({ ok: true, data: null });
  });

  it('opens an uploaded copy read-only: the demo fleet stops, pages are told, actions and takes are refused', async () => {
    const upload = await rawRequest(host.port, {
      method: 'POST',
      path: SNAPSHOT_UPLOAD_PATH,
      headers: { ...auth(), 'content-type': 'application/octet-stream' },
      body: await readFile(taken),
    });
    expect(upload.status).toBe(200);
    const uploaded = (JSON.parse(upload.body) as { data: { file: string } }).data.file;
    expect((await readFile(uploaded)).equals(await readFile(taken))).toBe(true);

    const fleet = shown.booted.demoFleet;
    const opened = await call('snapshots.open', { file: uploaded });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(switched).toEqual([{ mode: 'snapshot', file: uploaded }]);
    expect(shown.booted.snapshot?.file).toBe(uploaded);
    expect(shown.booted.demoFleet).toBeNull();
    expect(fleet).not.toBeNull();
    const appInfo = await call('app.info', {});
    expect(appInfo.ok && (appInfo.data as { readOnly: boolean }).readOnly).toBe(true);
    const info = await call('snapshots.info', {});
    expect(info.ok && (info.data as { file: string }).file).toBe(uploaded);
    const take = await call('snapshots.take', {});
    expect(!take.ok && take.error.kind).toBe('forbidden');
    const regions = await call('regions.list', {});
    expect(regions.ok && (regions.data as unknown[]).length).toBeGreaterThan(0);
  });

  it('comes back to live with a new demo fleet, and tells the pages', async () => {
    const result = await call('snapshots.close', {});
    expect(result).toEqual({ ok: true, data: { live: true } });
    expect(switched.at(-1)).toEqual({ mode: 'live', file: null });
    expect(shown.booted.snapshot ?? null).toBeNull();
    expect(shown.booted.demoFleet).not.toBeNull();
    expect(await call('snapshots.info', {})).toEqual({ ok: true, data: null });
    expect(await call('snapshots.close', {})).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    // Both switches were audited before they applied, in the console's own store.
    const audit = await call('audit.query', { action: 'snapshots.open', limit: 10, offset: 0 });
    expect(audit.ok && (audit.data as { total: number }).total).toBe(2);
    // Let the new connectors settle: a console disposed while its regions are still connecting can
    // leave a connection behind (seen with bootConsole alone), which keeps the test process alive.
    await waitFor(async () => {
      const regions = await call('regions.list', {});
      return regions.ok && (regions.data as { state: string }[]).every((r) => r.state !== 'connecting');
    }, 'the live regions to connect (or fail)', 30_000);
  });

  it('refuses uploads that are not octet-stream or larger than the cap, leaving no file', async () => {
    const before = await readdir(join(dir.path, 'snapshots'));
    const wrongType = await rawRequest(host.port, { method: 'POST', path: SNAPSHOT_UPLOAD_PATH, headers: { ...auth(), 'content-type': 'application/json' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    const tooBig = await rawRequest(host.port, {
      method: 'POST',
      path: SNAPSHOT_UPLOAD_PATH,
      headers: { ...auth(), 'content-type': 'application/octet-stream', 'content-length': String(2 * 1024 * 1024 * 1024) },
    });
    expect(tooBig.status).toBe(413);
    expect(await readdir(join(dir.path, 'snapshots'))).toEqual(before);
    expect(existsSync(taken)).toBe(true);
  });
});
