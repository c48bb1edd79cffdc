import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SNAPSHOT_EXTENSION } from '../../shared/contract/snapshots.ts';

/** The temp files `takeSnapshot` writes beside the target: `<name>.rccsnap.partial-<12 hex>`. */
const PARTIAL = new RegExp(`^.+${SNAPSHOT_EXTENSION.replace('.', '\\.')}\\.partial-[0-9a-f]{12}$`);

/**
 * Removes the temp files of takes that never finished (a crash, a kill) from `dir`: only files named
 * as a take names them, and only those last written before `before` (ms), so a take still writing
 * (in this or another console) keeps its file. Returns the paths removed.
 */
export async function removeStalePartials(dir: string, before: number): Promise<string[]> {
  const names = await namesIn(dir);
  const removed: string[] = [];
  for (const name of names.filter((n) => PARTIAL.test(n))) {
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || info.mtimeMs >= before) continue;
    await rm(file, { force: true });
    removed.push(file);
  }
  return removed;
}

/** The names in a folder; an absent folder is an empty list. */
export async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
