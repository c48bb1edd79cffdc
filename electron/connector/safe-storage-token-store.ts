import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConsoleError } from '../core/console-error.ts';
import { tokenEnvName, type TokenStore } from './token-store.ts';

/** The slice of Electron's safeStorage the store uses (passed in so it runs without Electron in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Desktop: tokens encrypted with the OS keychain through Electron safeStorage. Where the OS offers
 * no keychain (Linux `basic_text` backend) storing is refused rather than writing plain text.
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
    try {
      return z.record(z.string(), z.string()).parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  async get(regionId: string): Promise<string | undefined> {
    const fromEnv = this.env[tokenEnvName(regionId)];
    if (fromEnv) return fromEnv;
    const encrypted = (await this.readAll())[regionId];
    if (!encrypted) return undefined;
    this.ensureKeychain();
    return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
  }

  async set(regionId: string, token: string): Promise<void> {
    this.ensureKeychain();
    const all = await this.readAll();
    all[regionId] = this.safeStorage.encryptString(token).toString('base64');
    await writeFile(this.file, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  }
}
