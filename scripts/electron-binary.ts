import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Path of the Electron binary when the `electron` package has one; null where it could not be downloaded. */
export function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
