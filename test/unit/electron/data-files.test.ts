import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_FILE_MAX_BYTES, readTextFile } from '../../../electron/common/data-files.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('readTextFile (settings, tokens, keys in the data directory)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  afterEach(async () => {
    await dir?.remove();
    dir = null;
  });

  it('reads a file, and answers null for one that does not exist', async () => {
    dir = await tempDir('data-files');
    const file = join(dir.path, 'policy.json');
    await writeFile(file, '{"rules":[]}');
    expect(await readTextFile(file)).toBe('{"rules":[]}');
    expect(await readTextFile(join(dir.path, 'absent.json'))).toBeNull();
  });

  it('refuses a file over the cap, naming the file and both sizes, without reading it', async () => {
    dir = await tempDir('data-files');
    const file = join(dir.path, 'regions.json');
    await writeFile(file, 'x'.repeat(1_001));
    await expect(readTextFile(file, 1_000)).rejects.toThrow(`${file} is 1001 bytes, over the 1000-byte limit for a data file`);
    expect(await readTextFile(file, 1_001)).toHaveLength(1_001);
    expect(DATA_FILE_MAX_BYTES).toBeGreaterThanOrEqual(1024 * 1024);
  });

  it('names the file when it is a directory', async () => {
    dir = await tempDir('data-files');
    const file = join(dir.path, 'alerts.json');
    await mkdir(file);
    await expect(readTextFile(file)).rejects.toThrow(`${file} is a directory, not a file`);
  });
});
