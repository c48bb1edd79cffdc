import { readFileSync } from 'node:fs';
import type { Output } from './output.ts';

/**
 * The PEM text of `--public-key FILE` for `rcc <command>`: undefined when the option is absent,
 * null (after saying why on stderr) when the file cannot be read, which is a usage error (exit 2).
 */
export function readPublicKeyOption(command: string, path: string | undefined, out: Output): string | undefined | null {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    out.stderr(`rcc ${command}: --public-key ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return null;
  }
}
