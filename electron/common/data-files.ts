import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { ConsoleError } from './console-error.ts';

/** The data directory holds tokens and settings: created owner-only (0700). */
export const DATA_DIR_MODE = 0o700;

export async function ensureDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DATA_DIR_MODE });
}

/** A read failure as an error that names the file (Node's EISDIR / EACCES messages do not). */
export function fileReadError(file: string, error: unknown): ConsoleError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return new ConsoleError('validation', `${file} is a directory, not a file`);
  if (code === 'EACCES' || code === 'EPERM') return new ConsoleError('forbidden', `${file} cannot be read: permission denied (${code})`);
  return new ConsoleError('validation', `${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
}

/** Settings, tokens and keys are small: a data file larger than this is refused rather than read into memory. */
export const DATA_FILE_MAX_BYTES = 4 * 1024 * 1024;

/** A file's text, or null when it does not exist; a file over the cap or any other failure names the file. */
export async function readTextFile(file: string, maxBytes = DATA_FILE_MAX_BYTES): Promise<string | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fileReadError(file, error);
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new ConsoleError('validation', `${file} is ${size} bytes, over the ${maxBytes}-byte limit for a data file`);
    return await handle.readFile('utf8');
  } catch (error) {
    if (error instanceof ConsoleError) throw error;
    throw fileReadError(file, error);
  } finally {
    await handle.close();
  }
}

/** `JSON.parse`, with the file named in the error. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConsoleError('validation', `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Replaces `file` atomically: the text goes to a new temp file beside it (mode 0600, flushed to disk)
 * which is then renamed over the old one, so a crash never leaves a half-written file and the result
 * is 0600 whatever mode the old file had.
 */
export async function writeFileAtomic(file: string, text: string, mode = 0o600): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    // The creation mode is filtered by the umask; set it exactly.
    await chmod(tmp, mode);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
