import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootConsole } from '../../../electron/core/boot.ts';
import { EnvOrFileTokenStore } from '../../../electron/connector/token-store.ts';
import { SettingsStore } from '../../../electron/services/settings-store.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('boot: data directory and load errors', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('boot');
  });
  afterEach(() => dir.remove());

  const tokens = () => new EnvOrFileTokenStore(join(dir.path, 'tokens.json'), {});

  it('creates the data directory owner-only (0700) and names a regions file that is a directory', async () => {
    const dataDir = join(dir.path, 'nested', 'data');
    const regionsFile = join(dir.path, 'regions-dir');
    await mkdir(regionsFile);
    await expect(bootConsole({ host: 'web', dataDir, regionsFile, tokens: tokens() })).rejects.toThrow(`${regionsFile} is a directory, not a file`);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir.path, 'nested'))).mode & 0o777).toBe(0o700);
  });

  it('settings: a data directory created on save is 0700 too', async () => {
    const dataDir = join(dir.path, 'settings-data');
    await new SettingsStore(dataDir).update({ staleAfterSeconds: 60 });
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('refuses an unknown demo scenario before starting the demo fleet', async () => {
    const dataDir = join(dir.path, 'data');
    await expect(
      bootConsole({ host: 'web', dataDir, regionsFile: join(dir.path, 'absent.json'), tokens: tokens(), demo: { scenario: 'no-such-scenario' } }),
    ).rejects.toThrow(/Unknown demo scenario "no-such-scenario"; choose one of .*bad-canary/);
  });
});
