import { z } from 'zod';
import { ConsoleError } from '../common/console-error.ts';
import { parseJsonFile, readTextFile, writeFileAtomic } from '../common/data-files.ts';
import { tokenEnvName, type TokenStore } from './token-store.ts';

/** The slice of Electron's safeStorage the store uses (passed in so it runs without Electron in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const EncryptedTokens = z.record(z.string(), z.string());

/**
 * Desktop: tokens encrypted with the OS keychain through Electron safeStorage. Where the OS offers
 * no keychain (Linux `basic_text` backend) storing is refused rather than writing plain text.
 * The file is replaced atomically and is always 0600.
 */
export class SafeStorageTokenStore implements TokenStore {
  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private ensureKeychain(): void {
    const backend = this.safeStorage.getSelectedStorageBackend?.();
    if (!this.safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
      throw new ConsoleError('forbidden', 'No OS keychain is available, so region tokens cannot be stored safely. Use RCC_TOKEN_<REGION> environment variables instead.');
    }
  }

  private async readAll(): Promise<Record<string, string>> {
    const text = await readTextFile(this.file);
    if (text === null) return {};
    const parsed = EncryptedTokens.safeParse(parseJsonFile(this.file, text));
    if (!parsed.success) throw new ConsoleError('validation', `${this.file}: expected {"<region id>": "<encrypted token>"}`);
    return parsed.data;
  }

  async get(regionId: string): Promise<string | undefined> {
    const fromEnv = this.env[tokenEnvName(regionId)];
    if (fromEnv) return fromEnv;
    const encrypted = (await this.readAll())[regionId];
    if (!encrypted) return undefined;
    this.ensureKeychain();
    try {
      return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch (error) {
      throw new ConsoleError('validation', `${this.file}: the token for ${regionId} cannot be decrypted (${error instanceof Error ? error.message : String(error)}); store it again`);
    }
  }

  async set(regionId: string, token: string): Promise<void> {
    this.ensureKeychain();
    const all = await this.readAll();
    all[regionId] = this.safeStorage.encryptString(token).toString('base64');
    await writeFileAtomic(this.file, `${JSON.stringify(all, null, 2)}\n`, 0o600);
  }
}
