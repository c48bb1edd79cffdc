import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStalePartials } from '../../../electron/snapshots/index.ts';
import { snapshotFromArgv } from '../../../electron/host/snapshot-argv.ts';
import { tempDir } from '../../support/temp-dir.ts';

let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
afterEach(async () => {
  await dir?.remove();
  dir = null;
});

describe('removeStalePartials', () => {
  it('removes only the temp files of takes, and only those written before the running take', async () => {
    dir = await tempDir('stale-partials');
    const start = Date.now();
    const old = new Date(start - 60_000);
    const names = {
      stale: 'snapshot-a.rccsnap.partial-0123456789ab',
      fresh: 'snapshot-b.rccsnap.partial-ba9876543210',
      snapshot: 'snapshot-c.rccsnap',
      foreign: 'notes.txt.partial-0123456789ab',
      shortHex: 'snapshot-d.rccsnap.partial-0123',
    };
    for (const name of Object.values(names)) await writeFile(join(dir.path, name), 'x');
    for (const name of [names.stale, names.snapshot, names.foreign, names.shortHex]) await utimes(join(dir.path, name), old, old);
    await utimes(join(dir.path, names.fresh), new Date(start + 1_000), new Date(start + 1_000));
    await mkdir(join(dir.path, 'dir.rccsnap.partial-aaaaaaaaaaaa'));

    expect(await removeStalePartials(dir.path, start)).toEqual([join(dir.path, names.stale)]);
    expect((await readdir(dir.path)).sort()).toEqual(['dir.rccsnap.partial-aaaaaaaaaaaa', names.foreign, names.fresh, names.snapshot, names.shortHex].sort());
  });

  it('is empty for a folder that does not exist', async () => {
    expect(await removeStalePartials('/nonexistent/rcc-snapshots', Date.now())).toEqual([]);
  });
});

describe('snapshotFromArgv', () => {
  it('takes the first .rccsnap argument after the executable, relative to the launch directory', () => {
    expect(snapshotFromArgv(['/opt/rcc/rcc', '--no-sandbox', 'incident.RCCSNAP'], '/home/ana')).toBe('/home/ana/incident.RCCSNAP');
    expect(snapshotFromArgv(['/opt/rcc/rcc', '/data/a.rccsnap', '/data/b.rccsnap'], '/')).toBe('/data/a.rccsnap');
  });

  it('ignores flags, other files and the executable itself', () => {
    expect(snapshotFromArgv(['/tmp/x.rccsnap'], '/')).toBeNull();
    expect(snapshotFromArgv(['rcc', '--snapshot=x.rccsnap', 'notes.txt'], '/')).toBeNull();
  });
});
