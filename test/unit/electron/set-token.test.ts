import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegionsService } from '../../../electron/connector/regions-service.ts';
import { SafeStorageTokenStore } from '../../../electron/connector/safe-storage-token-store.ts';
import { EnvOrFileTokenStore } from '../../../electron/connector/token-store.ts';
import { createCore } from '../../../electron/core/create-core.ts';
import { dispatch } from '../../../electron/host/dispatch.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('regions.setToken', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('set-token');
  });
  afterEach(() => dir.remove());

  it('desktop: stores the token encrypted through the keychain', async () => {
    const keychain = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s).reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
    };
    const tokens = new SafeStorageTokenStore(join(dir.path, 'tokens.enc.json'), keychain, {});
    const core = await createCore({ host: 'electron', dataDir: dir.path, regions: new ConnectorRegionsService([]), tokens });
    const result = await dispatch(core.handlers, 'regions.setToken', { regionId: 'eu-west', token: 'token-123456' });
    expect(result).toEqual({ ok: true, data: { stored: true, regionId: 'eu-west' } });
    expect(await tokens.get('eu-west')).toBe('token-123456');
    expect(await readFile(join(dir.path, 'tokens.enc.json'), 'utf8')).not.toContain('token-123456');
    await core.dispose();
  });

  it('web host: refuses and says where tokens come from', async () => {
    const tokens = new EnvOrFileTokenStore(join(dir.path, 'tokens.json'), {});
    const core = await createCore({ host: 'web', dataDir: dir.path, regions: new ConnectorRegionsService([]), tokens });
    const result = await dispatch(core.handlers, 'regions.setToken', { regionId: 'eu-west', token: 'token-123456' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('RCC_TOKEN_EU_WEST') } });
    await core.dispose();
  });

  it('refuses a malformed region id before any store is touched', async () => {
    const tokens = new EnvOrFileTokenStore(join(dir.path, 'tokens.json'), {});
    const core = await createCore({ host: 'web', dataDir: dir.path, regions: new ConnectorRegionsService([]), tokens });
    expect(await dispatch(core.handlers, 'regions.setToken', { regionId: '../etc', token: 'token-123456' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: ['regionId'] } });
    await core.dispose();
  });
});
