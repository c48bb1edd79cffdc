import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { ConsoleError } from '../common/console-error.ts';
import { fileReadError, parseJsonFile, readTextFile } from '../common/data-files.ts';

/** Where region bearer tokens come from. Tokens never travel to the renderer. */
export interface TokenStore {
  get(regionId: string): Promise<string | undefined>;
  /** Absent where tokens are managed outside the console (environment, 0600 file). */
  set?(regionId: string, token: string): Promise<void>;
}

export const tokenEnvName = (regionId: string) => `RCC_TOKEN_${regionId.toUpperCase().replace(/-/g, '_')}`;

/**
 * Web host: a token comes from `RCC_TOKEN_<REGION>` or from a JSON file `{ "<region>": "<token>" }`
 * that only its owner may read (mode 0600); a group- or world-readable file is refused.
 */
export class EnvOrFileTokenStore implements TokenStore {
  constructor(private readonly file: string, private readonly env: NodeJS.ProcessEnv = process.env) {}

  async get(regionId: string): Promise<string | undefined> {
    const fromEnv = this.env[tokenEnvName(regionId)];
    if (fromEnv) return fromEnv;
    let mode: number;
    try {
      mode = (await stat(this.file)).mode;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fileReadError(this.file, error);
    }
    if ((mode & 0o077) !== 0) {
      throw new ConsoleError('forbidden', `${this.file} is readable by other users (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`);
    }
    const text = await readTextFile(this.file);
    if (text === null) return undefined;
    const parsed = z.record(z.string(), z.string().min(1)).safeParse(parseJsonFile(this.file, text));
    if (!parsed.success) throw new ConsoleError('validation', `${this.file}: expected {"<region id>": "<token>"}`);
    return parsed.data[regionId];
  }
}
