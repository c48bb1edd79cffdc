import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Resolves a URL path inside the built renderer. Paths that escape the root are refused; unknown
 * paths without an extension fall back to index.html (client-side routes).
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.split(/[/\\]/).includes('..')) return null;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative || 'index.html');
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const ext = extname(full);
  try {
    return { body: await readFile(full), contentType: TYPES[ext] ?? 'application/octet-stream' };
  } catch {
    if (ext) return null;
    try {
      return { body: await readFile(join(root, 'index.html')), contentType: TYPES['.html']! };
    } catch {
      return null;
    }
  }
}
