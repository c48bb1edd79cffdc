import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSigningKeyStore, keyFingerprint, SafeStorageSigningKeyStore, type SafeStorageLike } from '../../../electron/audit/index.ts';
import { generateSigningKey, parsePrivateKey, publicKeyPem } from '../../../electron/audit/signing-key.ts';
import { tempDir } from '../../support/temp-dir.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
async function dir(): Promise<string> {
  const d = await tempDir('audit-key');
  cleanups.push(d.remove);
  return d.path;
}

/** A reversible stand-in for Electron safeStorage (not encryption; it only has to differ from plain text). */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike & { calls: number } {
  return {
    calls: 0,
    isEncryptionAvailable: () => backend !== 'none',
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      this.calls++;
      return Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a));
    },
    decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

describe('FileSigningKeyStore', () => {
  it('is empty until set, then writes the key 0600 and reads it back', async () => {
    const file = join(await dir(), 'audit-signing-key.pem');
    const keys = new FileSigningKeyStore(file);
    expect(await keys.get()).toBeUndefined();
    const pem = generateSigningKey();
    await keys.set(pem);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await keys.get()).toBe(pem);
  });

  it('refuses a key file other users can read', async () => {
    const file = join(await dir(), 'audit-signing-key.pem');
    const keys = new FileSigningKeyStore(file);
    await keys.set(generateSigningKey());
    chmodSync(file, 0o644);
    await expect(keys.get()).rejects.toThrow(/readable by other users \(mode 644\)/);
  });
});

describe('SafeStorageSigningKeyStore', () => {
  it('keeps the key encrypted (never the PEM in the file) and decrypts it back', async () => {
    const file = join(await dir(), 'audit-signing-key.enc.json');
    const safe = fakeSafeStorage();
    const keys = new SafeStorageSigningKeyStore(file, safe);
    const pem = generateSigningKey();
    await keys.set(pem);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('PRIVATE KEY');
    expect(safe.calls).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await keys.get()).toBe(pem);
  });

  it('refuses to store or read where the OS has no keychain (plain-text backend)', async () => {
    const file = join(await dir(), 'audit-signing-key.enc.json');
    await expect(new SafeStorageSigningKeyStore(file, fakeSafeStorage('basic_text')).set(generateSigningKey())).rejects.toThrow(/No OS keychain/);
    await new SafeStorageSigningKeyStore(file, fakeSafeStorage()).set(generateSigningKey());
    await expect(new SafeStorageSigningKeyStore(file, fakeSafeStorage('basic_text')).get()).rejects.toThrow(/No OS keychain/);
  });

  it('names the file when it is not an encrypted key file', async () => {
    const d = await dir();
    const file = join(d, 'audit-signing-key.enc.json');
    const keys = new SafeStorageSigningKeyStore(file, fakeSafeStorage());
    await new FileSigningKeyStore(file).set('{"key": 1}');
    await expect(keys.get()).rejects.toThrow(file);
  });
});

describe('keys', () => {
  it('are Ed25519, with a stable fingerprint of the public key', () => {
    const key = parsePrivateKey(generateSigningKey());
    const pem = publicKeyPem(key);
    expect(keyFingerprint(pem)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyFingerprint(pem)).toBe(keyFingerprint(publicKeyPem(key)));
    expect(keyFingerprint(pem)).not.toBe(keyFingerprint(publicKeyPem(parsePrivateKey(generateSigningKey()))));
  });
});
