import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegionsFile } from '../../../electron/connector/region-config.ts';
import { SafeStorageTokenStore, type SafeStorageLike } from '../../../electron/connector/safe-storage-token-store.ts';
import { EnvOrFileTokenStore } from '../../../electron/connector/token-store.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('regions.json', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('config');
  });
  afterEach(() => dir.remove());
  const write = async (content: unknown) => {
    const file = join(dir.path, 'regions.json');
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('is optional: absent means the embedded demo fleet', async () => {
    expect(await loadRegionsFile(join(dir.path, 'none.json'))).toBeNull();
  });

  it('loads valid regions', async () => {
    const file = await write({ regions: [{ id: 'eu-west', name: 'EU West', baseUrl: 'https://eu.example.org/rcc' }] });
    expect(await loadRegionsFile(file)).toEqual([{ id: 'eu-west', name: 'EU West', baseUrl: 'https://eu.example.org/rcc' }]);
  });

  it.each([
    ['not JSON', '{regions:', /not valid JSON/],
    ['a bad URL', { regions: [{ id: 'a', name: 'A', baseUrl: 'ftp://x' }] }, /regions\[0\]\.baseUrl/],
    ['an upper-case id', { regions: [{ id: 'EU', name: 'A', baseUrl: 'https://x' }] }, /regions\[0\]\.id: lowercase/],
    ['duplicate ids', { regions: [{ id: 'a', name: 'A', baseUrl: 'https://x' }, { id: 'a', name: 'B', baseUrl: 'https://y' }] }, /unique/],
    ['an unknown key', { regions: [{ id: 'a', name: 'A', baseUrl: 'https://x' }], token: 'x' }, /Unrecognized key/],
  ])('refuses %s with a message naming the file and field', async (_label, content, message) => {
    const file = await write(content);
    await expect(loadRegionsFile(file)).rejects.toThrow(message);
    await expect(loadRegionsFile(file)).rejects.toThrow(file);
  });
});

describe('token stores', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('tokens');
  });
  afterEach(() => dir.remove());

  it('web host: environment variable first, then a 0600 file', async () => {
    const file = join(dir.path, 'tokens.json');
    await writeFile(file, JSON.stringify({ 'eu-west': 'from-file' }), { mode: 0o600 });
    const store = new EnvOrFileTokenStore(file, { RCC_TOKEN_US_EAST: 'from-env' });
    expect(await store.get('us-east')).toBe('from-env');
    expect(await store.get('eu-west')).toBe('from-file');
    expect(await store.get('ca-central')).toBeUndefined();
  });

  it('web host: refuses a token file other users can read', async () => {
    const file = join(dir.path, 'tokens.json');
    await writeFile(file, JSON.stringify({ 'eu-west': 'x' }));
    await chmod(file, 0o644);
    await expect(new EnvOrFileTokenStore(file, {}).get('eu-west')).rejects.toThrow(/chmod 600/);
  });

  /** Reversible stand-in for the OS keychain; Electron's safeStorage cannot run here. */
  const keychain = (available: boolean, backend = 'gnome_libsecret'): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
    decryptString: (enc) => Buffer.from([...enc].map((b) => b ^ 0x5a)).toString(),
  });

  it('desktop: stores tokens encrypted, never in plain text', async () => {
    const file = join(dir.path, 'tokens.enc.json');
    const store = new SafeStorageTokenStore(file, keychain(true));
    await store.set('eu-west', 'super-secret-token');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(file, 'utf8')).not.toContain('super-secret-token');
    expect(await store.get('eu-west')).toBe('super-secret-token');
  });

  it.each([
    ['no encryption', keychain(false)],
    ['the basic_text backend', keychain(true, 'basic_text')],
  ])('desktop: refuses to store with %s', async (_label, storage) => {
    const store = new SafeStorageTokenStore(join(dir.path, 'tokens.enc.json'), storage);
    await expect(store.set('eu-west', 't')).rejects.toThrow(/No OS keychain/);
  });
});
