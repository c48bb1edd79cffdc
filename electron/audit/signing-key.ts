import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { ConsoleError } from '../common/console-error.ts';
import { parseJsonFile, readTextFile, writeFileAtomic } from '../common/data-files.ts';

/**
 * Where the audit store's Ed25519 private key (PKCS#8 PEM) is kept. The store asks for it once when
 * it opens; when there is none and the store is new, it generates a key pair and `set`s it.
 */
export interface SigningKeyStore {
  get(): Promise<string | undefined>;
  set(pem: string): Promise<void>;
}

/** `<dataDir>/audit-signing-key.pem` (web host) */
export const SIGNING_KEY_FILE = 'audit-signing-key.pem';
/** `<dataDir>/audit-signing-key.enc.json` (desktop, encrypted with the OS keychain) */
export const ENCRYPTED_SIGNING_KEY_FILE = 'audit-signing-key.enc.json';

/**
 * Web host: the key in a PEM file, written atomically with mode 0600 (a temp file renamed over it).
 * A key file readable by other users is refused: anyone who can read it can forge checkpoints.
 */
export class FileSigningKeyStore implements SigningKeyStore {
  constructor(private readonly file: string) {}

  async get(): Promise<string | undefined> {
    const text = await readTextFile(this.file);
    if (text === null) return undefined;
    const mode = (await stat(this.file)).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new ConsoleError('forbidden', `${this.file} is readable by other users (mode ${mode.toString(8)}); run chmod 600 on it`);
    }
    return text;
  }

  async set(pem: string): Promise<void> {
    await writeFileAtomic(this.file, pem, 0o600);
  }
}

/** The slice of Electron's safeStorage the store uses (passed in so it runs without Electron in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const EncryptedKeyFile = z.object({ version: z.literal(1), key: z.string().min(1) });

/**
 * Desktop: the key encrypted with the OS keychain through Electron safeStorage, in a JSON file
 * written atomically (0600). Where the OS offers no keychain (Linux `basic_text` backend) it refuses,
 * rather than keep the key in plain text.
 */
export class SafeStorageSigningKeyStore implements SigningKeyStore {
  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
  ) {}

  private ensureKeychain(): void {
    const backend = this.safeStorage.getSelectedStorageBackend?.();
    if (!this.safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
      throw new ConsoleError('forbidden', 'No OS keychain is available, so the audit signing key cannot be kept safely; actions stay disabled.');
    }
  }

  async get(): Promise<string | undefined> {
    const text = await readTextFile(this.file);
    if (text === null) return undefined;
    const parsed = EncryptedKeyFile.safeParse(parseJsonFile(this.file, text));
    if (!parsed.success) throw new ConsoleError('validation', `${this.file}: expected {"version": 1, "key": "<encrypted key>"}`);
    this.ensureKeychain();
    try {
      return this.safeStorage.decryptString(Buffer.from(parsed.data.key, 'base64'));
    } catch (error) {
      throw new ConsoleError('validation', `${this.file}: the audit signing key cannot be decrypted (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  async set(pem: string): Promise<void> {
    this.ensureKeychain();
    const key = this.safeStorage.encryptString(pem).toString('base64');
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, key }, null, 2)}\n`, 0o600);
  }
}

/** A new Ed25519 key pair: the private key as PKCS#8 PEM. */
export function generateSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** The private key object of a PKCS#8 PEM, checked to be Ed25519. */
export function parsePrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'a symmetric key'}`);
  return key;
}

/** The SPKI PEM of a key's public half. */
export function publicKeyPem(key: KeyObject): string {
  return (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'pem', type: 'spki' }).toString();
}

/** `SHA256:<base64>` of the public key's DER, to compare keys by eye. */
export function keyFingerprint(publicPem: string): string {
  const der = createPublicKey(publicPem).export({ format: 'der', type: 'spki' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}
