import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, Settings } from '../../shared/contract/index.ts';
import { ConsoleError } from '../common/console-error.ts';
import { ensureDataDir } from '../common/data-files.ts';
import { describeZodError } from '../../shared/zod-issues.ts';

/** User settings in `<dataDir>/settings.json`, validated on load, written atomically. */
export class SettingsStore {
  private current: Settings = DEFAULT_SETTINGS;
  private readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (this.current = DEFAULT_SETTINGS);
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ConsoleError('validation', `${this.file} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = Settings.partial().safeParse(json);
    if (!parsed.success) {
      const { message, path } = describeZodError(parsed.error);
      throw new ConsoleError('validation', `${this.file}: ${message}`, { path });
    }
    this.current = { ...DEFAULT_SETTINGS, ...parsed.data };
    return this.current;
  }

  get(): Settings {
    return this.current;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...this.current, ...patch });
    await ensureDataDir(this.dataDir);
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
    this.current = next;
    return next;
  }
}
