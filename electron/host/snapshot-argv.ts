import { isAbsolute, resolve } from 'node:path';
import { SNAPSHOT_EXTENSION } from '../../shared/contract/snapshots.ts';

/**
 * The snapshot a desktop launch asks to open: Windows and Linux pass the double-clicked file as an
 * argument (the file association in electron-builder.yml), a second launch forwards its argv. Flags
 * and anything not named `*.rccsnap` are ignored; a relative path is taken from `cwd`.
 */
export function snapshotFromArgv(argv: readonly string[], cwd: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith(SNAPSHOT_EXTENSION)) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}
