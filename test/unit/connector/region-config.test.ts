import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegionsFile } from '../../../electron/connector/region-config.ts';
import { ConnectorRegionsService } from '../../../electron/connector/regions-service.ts';
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
    expect(await loadRegionsFile(file)).toEqual([{ id: 'eu-west', name: 'EU West', baseUrl: 'https://eu.example.org/rcc', insecure: false }]);
  });

  it('takes per-region limits and hands them to that region’s connector only', async () => {
    const file = await write({
      regions: [
        { id: 'eu-west', name: 'EU West', baseUrl: 'https://eu.example.org', limits: { fleetBytes: 8_388_608, eventBytes: 65_536, requestTimeoutMs: 2_000 } },
        { id: 'us-east', name: 'US East', baseUrl: 'https://us.example.org' },
      ],
    });
    const regions = (await loadRegionsFile(file))!;
    expect(regions[0]!.limits).toEqual({ fleetBytes: 8_388_608, eventBytes: 65_536, requestTimeoutMs: 2_000 });
    const service = new ConnectorRegionsService(regions.map((r) => ({ ...r, token: 't' })));
    const [eu, us] = service.connectors.map((c) => c.options);
    expect(eu!.client).toMatchObject({ bodyLimits: { fleet: 8_388_608 }, timeoutMs: 2_000 });
    expect(eu!.stream?.limits).toEqual({ maxEventSize: 65_536 });
    expect(us!.client?.bodyLimits?.fleet).toBeUndefined();
  });

  it('refuses a limit that is not a sane number, naming the field', async () => {
    const file = await write({ regions: [{ id: 'eu-west', name: 'EU West', baseUrl: 'https://eu.example.org', limits: { fleetBytes: 12 } }] });
    await expect(loadRegionsFile(file)).rejects.toThrow(/regions\[0\]\.limits\.fleetBytes: /);
    const unknown = await write({ regions: [{ id: 'eu-west', name: 'EU West', baseUrl: 'https://eu.example.org', limits: { fleetMegabytes: 12 } }] });
    await expect(loadRegionsFile(unknown)).rejects.toThrow(/regions\[0\]\.limits/);
  });

  it.each([
    ['https://alice:hunter2@eu.example.org'],
    ['https://alice@eu.example.org'],
    ['https://:hunter2@eu.example.org'],
    ['http://alice:hunter2@127.0.0.1:7070'],
  ])('refuses credentials in the base URL (%s), naming the file and field, without echoing them', async (baseUrl) => {
    const file = await write({ regions: [{ id: 'eu-west', name: 'EU West', baseUrl, insecure: true }] });
    const error = await loadRegionsFile(file).then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(/regions\[0\]\.baseUrl: must not contain credentials/);
    expect(error?.message).not.toMatch(/alice|hunter2/);
  });

  it.each([
    ['http://127.0.0.1:7070'],
    ['http://127.3.2.1'],
    ['http://localhost:7070/rcc'],
    ['http://[::1]:7070'],
  ])('allows plain http to the loopback host %s, not marked insecure', async (baseUrl) => {
    const file = await write({ regions: [{ id: 'local', name: 'Local', baseUrl }] });
    expect(await loadRegionsFile(file)).toEqual([{ id: 'local', name: 'Local', baseUrl, insecure: false }]);
  });

  it.each([
    ['http://eu.example.org'],
    ['http://10.0.0.7:8080'],
    ['http://128.0.0.1'],
    ['http://localhost.example.org'],
    ['http://[::2]'],
  ])('refuses plain http to %s unless the region says "insecure": true', async (baseUrl) => {
    const file = await write({ regions: [{ id: 'eu-west', name: 'EU West', baseUrl }] });
    await expect(loadRegionsFile(file)).rejects.toThrow(/regions\[0\]\.baseUrl: must use https:\/\//);
    await expect(loadRegionsFile(file)).rejects.toThrow(file);
    await write({ regions: [{ id: 'eu-west', name: 'EU West', baseUrl, insecure: false }] });
    await expect(loadRegionsFile(file)).rejects.toThrow(/must use https/);
  });

  it('accepts plain http to another host with "insecure": true, and marks the region insecure', async () => {
    const file = await write({ regions: [
      { id: 'lab', name: 'Lab', baseUrl: 'http://rcc.lab.internal:8080', insecure: true },
      { id: 'eu-west', name: 'EU West', baseUrl: 'https://eu.example.org', insecure: true },
    ] });
    expect(await loadRegionsFile(file)).toEqual([
      { id: 'lab', name: 'Lab', baseUrl: 'http://rcc.lab.internal:8080', insecure: true },
      // TLS: the flag changes nothing and the page is not told the region is insecure.
      { id: 'eu-west', name: 'EU West', baseUrl: 'https://eu.example.org', insecure: false },
    ]);
  });

  it('names the file when it cannot be read (RCC_REGIONS_FILE pointing at a directory)', async () => {
    await expect(loadRegionsFile(dir.path)).rejects.toThrow(`${dir.path} is a directory, not a file`);
  });

  it.each([
    ['not JSON', '{regions:', /not valid JSON/],
    ['a bad URL', { regions: [{ id: 'a', name: 'A', baseUrl: 'ftp://x' }] }, /regions\[0\]\.baseUrl/],
    ['an upper-case id', { regions: [{ id: 'EU', name: 'A', baseUrl: 'https://x' }] }, /regions\[0\]\.id: lowercase/],
    ['duplicate ids', { regions: [{ id: 'a', name: 'A', baseUrl: 'https://x' }, { id: 'a', name: 'B', baseUrl: 'https://y' }] }, /unique/],
    ['an unknown key', { regions: [{ id: 'a', name: 'A', baseUrl: 'https://x' }], token: 'x' }, /Unrecognized key/],
    ['an unknown key in a region', { regions: [{ id: 'a', name: 'A', baseUrl: 'https://x', token: 'x' }] }, /regions\[0\]: Unrecognized key/],
    ['a non-boolean insecure', { regions: [{ id: 'a', name: 'A', baseUrl: 'http://x', insecure: 'yes' }] }, /regions\[0\]\.insecure/],
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

  it('web host: an invalid tokens.json names the file', async () => {
    const file = join(dir.path, 'tokens.json');
    await writeFile(file, '{"eu-west": ', { mode: 0o600 });
    await expect(new EnvOrFileTokenStore(file, {}).get('eu-west')).rejects.toThrow(`${file} is not valid JSON`);
    await writeFile(file, '["not", "a", "map"]', { mode: 0o600 });
    await expect(new EnvOrFileTokenStore(file, {}).get('eu-west')).rejects.toThrow(`${file}: expected {"<region id>": "<token>"}`);
  });

  it('web host: a tokens.json that is a directory names the file', async () => {
    const file = join(dir.path, 'tokens.json');
    await mkdir(file, { mode: 0o700 });
    await expect(new EnvOrFileTokenStore(file, {}).get('eu-west')).rejects.toThrow(`${file} is a directory, not a file`);
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
    const store = new SafeStorageTokenStore(file, keychain(true), {});
    await store.set('eu-west', 'super-secret-token');
    expect(await readFile(file, 'utf8')).not.toContain('super-secret-token');
    expect(await store.get('eu-west')).toBe('super-secret-token');
  });

  it('desktop: replaces tokens.enc.json atomically and leaves it 0600 even when it was wider', async () => {
    const file = join(dir.path, 'tokens.enc.json');
    const store = new SafeStorageTokenStore(file, keychain(true), {});
    await store.set('eu-west', 'first-token-value');
    await chmod(file, 0o644);
    const before = await stat(file);
    await store.set('us-east', 'second-token-value');
    const after = await stat(file);
    expect(after.mode & 0o777).toBe(0o600);
    // A new file renamed over the old one, not the old one rewritten in place.
    expect(after.ino).not.toBe(before.ino);
    expect(await readdir(dir.path)).toEqual(['tokens.enc.json']);
    expect(await store.get('eu-west')).toBe('first-token-value');
    expect(await store.get('us-east')).toBe('second-token-value');
  });

  it.each([
    ['not JSON', '{"eu-west": "abc', /tokens\.enc\.json is not valid JSON/],
    ['not a map of strings', '{"eu-west": 42}', /tokens\.enc\.json: expected \{"<region id>": "<encrypted token>"\}/],
  ])('desktop: a corrupt tokens.enc.json (%s) names the file', async (_label, content, message) => {
    const file = join(dir.path, 'tokens.enc.json');
    await writeFile(file, content, { mode: 0o600 });
    const store = new SafeStorageTokenStore(file, keychain(true), {});
    await expect(store.get('eu-west')).rejects.toThrow(message);
    await expect(store.get('eu-west')).rejects.toThrow(file);
    await expect(store.set('eu-west', 'a-new-token')).rejects.toThrow(file);
    // Refused, not overwritten: the user decides what to do with the damaged file.
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('desktop: a token the keychain cannot decrypt names the file and the region', async () => {
    const file = join(dir.path, 'tokens.enc.json');
    await writeFile(file, JSON.stringify({ 'eu-west': 'AAAA' }), { mode: 0o600 });
    const refusing: SafeStorageLike = { ...keychain(true), decryptString: () => { throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'); } };
    await expect(new SafeStorageTokenStore(file, refusing, {}).get('eu-west')).rejects.toThrow(`${file}: the token for eu-west cannot be decrypted`);
  });

  it.each([
    ['no encryption', keychain(false)],
    ['the basic_text backend', keychain(true, 'basic_text')],
  ])('desktop: refuses to store with %s', async (_label, storage) => {
    const store = new SafeStorageTokenStore(join(dir.path, 'tokens.enc.json'), storage);
    await expect(store.set('eu-west', 't')).rejects.toThrow(/No OS keychain/);
  });
});
