import { SECURITY_HEADERS } from './csp.ts';
import { readStaticFile } from './static-files.ts';
import { isAppUrl } from './trusted-sender.ts';

/** Serves the built renderer for `app://rcc/…` requests with the same CSP as the web host. */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isAppUrl(request.url)) return new Response('Not found', { status: 404 });
    const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType } });
  };
}
