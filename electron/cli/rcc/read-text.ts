import { open, type FileHandle } from 'node:fs/promises';
import { formatBytes } from '../../connector/bounded-body.ts';

/** Default of `--max-bytes`: the largest input file or region response body rcc reads. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** A problem reading one file; the message does not repeat the file name. */
export class ReadProblem extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReadProblem';
  }
}

/** `300.5 MiB (315,097,088 bytes)` */
export function describeSize(bytes: number): string {
  const units = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ] as const;
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  for (const [size, unit] of units) {
    if (bytes >= size) return `${(bytes / size).toFixed(1)} ${unit} (${exact})`;
  }
  return exact;
}

/** `flag` names the option that raises the cap ('' when none does). */
const raise = (flag: string) => (flag === '' ? '' : ` (raise it with ${flag})`);

/** A regular file whose size is known before reading. */
function fileTooLarge(size: number, maxBytes: number, flag: string): ReadProblem {
  return new ReadProblem(`file is ${describeSize(size)}, over the ${formatBytes(maxBytes)} limit${raise(flag)}`);
}

/** A pipe or device (or a file that grew) that went on past the cap. */
function streamTooLarge(maxBytes: number, flag: string): ReadProblem {
  return new ReadProblem(`larger than the ${formatBytes(maxBytes)} limit; reading stopped there${raise(flag)}`);
}

const CHUNK = 1024 * 1024;

/**
 * Reads a UTF-8 text file holding at most `maxBytes`. A regular file's size is checked before
 * anything is read; pipes and devices (`<(curl …)`, /dev/zero) are read until the cap and no further.
 * A leading byte-order mark is dropped.
 */
export async function readTextCapped(file: string, maxBytes: number, flag = '--max-bytes'): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new ReadProblem(describeOpenError(error), { cause: error });
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new ReadProblem('is a directory, not a file');
    if (info.isFile() && info.size > maxBytes) throw fileTooLarge(info.size, maxBytes, flag);
    const bytes = await readAll(handle, maxBytes, info.isFile() ? info.size : CHUNK, flag);
    return decodeUtf8(bytes);
  } catch (error) {
    if (error instanceof ReadProblem) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReadProblem(`cannot read (${code ?? (error instanceof Error ? error.message : String(error))})`, { cause: error });
  } finally {
    await handle.close().catch(() => {});
  }
}

/** Reads to the end, never holding more than `maxBytes` (+1 to notice the excess). */
async function readAll(handle: FileHandle, maxBytes: number, expected: number, flag: string): Promise<Buffer> {
  // A regular file is read into one buffer of its size (+1 byte to notice growth); others in chunks.
  let buffer = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(expected, 1)) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) throw streamTooLarge(maxBytes, flag);
      const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length > maxBytes) throw streamTooLarge(maxBytes, flag);
  }
  return buffer.subarray(0, length);
}

/** UTF-8 to text, without a leading byte-order mark. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  } catch (error) {
    // V8 strings hold at most ~512 Mi characters; only a raised --max-bytes gets here.
    throw new ReadProblem(`too large to read as text (${describeSize(bytes.byteLength)})`, { cause: error });
  }
}

function describeOpenError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return `cannot read (${code ?? (error instanceof Error ? error.message : String(error))})`;
}
