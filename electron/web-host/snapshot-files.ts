import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { MAX_SNAPSHOT_UPLOAD_BYTES, SNAPSHOT_EXTENSION } from '../../shared/contract/index.ts';
import type { Envelope } from '../../shared/contract/index.ts';

/** A file name the download route serves: one path segment, no dot first, ending `.rccsnap`. */
const SERVABLE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,200}\.rccsnap$/;

type Reply = (status: number, body: Envelope<unknown>) => void;

/**
 * `POST` the bytes of a snapshot (a page's dropped or chosen file): written to a 0600 temp file in
 * the snapshots folder, renamed to `upload-<time>-<hex>.rccsnap` when complete, and the path answered
 * for `snapshots.open`. Bodies over the cap are refused (413) and leave nothing behind.
 */
export async function receiveSnapshotUpload(req: IncomingMessage, dir: string, reply: Reply, limit = MAX_SNAPSHOT_UPLOAD_BYTES): Promise<void> {
  if (req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/octet-stream') {
    return reply(415, { ok: false, error: { kind: 'invalid-input', message: 'Upload a snapshot as Content-Type: application/octet-stream' } });
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    return reply(413, { ok: false, error: { kind: 'invalid-input', message: `The file is ${declared} bytes; snapshots up to ${limit} bytes can be uploaded` } });
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `upload-${stamp}-${randomBytes(4).toString('hex')}${SNAPSHOT_EXTENSION}`);
  const partial = `${file}.partial-${randomBytes(6).toString('hex')}`;
  const handle = await open(partial, 'wx', 0o600);
  let bytes = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limit) {
        req.destroy();
        await handle.close();
        await rm(partial, { force: true });
        return reply(413, { ok: false, error: { kind: 'invalid-input', message: `The upload passed ${limit} bytes; snapshots up to ${limit} bytes can be uploaded` } });
      }
      await handle.write(chunk);
    }
    await handle.sync();
    await handle.close();
    await rename(partial, file);
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
  reply(200, { ok: true, data: { file, bytes } });
}

/** `GET <name>`: a snapshot of the folder as an attachment; any other name is 404. */
export async function sendSnapshotFile(res: ServerResponse, dir: string, name: string | undefined): Promise<boolean> {
  if (name === undefined || !SERVABLE_NAME.test(name)) return false;
  const file = join(dir, name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    'Content-Type': 'application/vnd.sqlite3',
    'Content-Length': String(info.size),
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on('error', reject);
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
  return true;
}
