import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';

/**
 * Makes a file or directory read-only for this process, returning the undo. File modes do not stop
 * root (CAP_DAC_OVERRIDE), so as root the immutable attribute is set instead (`chattr +i`, which
 * root cannot write through either); otherwise the write bits are cleared.
 */
export function makeReadOnly(path: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', path]);
    return () => execFileSync('chattr', ['-i', path]);
  }
  const mode = statSync(path).mode & 0o7777;
  chmodSync(path, mode & ~0o222);
  return () => chmodSync(path, mode);
}
