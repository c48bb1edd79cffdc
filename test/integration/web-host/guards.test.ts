import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/web-host/server.ts';
import { MAX_BODY_BYTES } from '../../../electron/web-host/guards.ts';
import { bareCore } from '../../support/bare-core.ts';
import { countingHandlers } from '../../support/counting-handlers.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { rawRequest } from '../../support/web-request.ts';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from 'node:net';

describe('web host guards', () => {
  let fixture: Awaited<ReturnType<typeof bareCore>>;
  let counter: ReturnType<typeof countingHandlers>;
  let host: WebHost;
  let staticDir: Awaited<ReturnType<typeof tempDir>>;
  const call = (headers: Record<string, string>, body = '{}', path = '/api/call/settings.get') =>
    rawRequest(host.port, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body });
  const auth = () => ({ authorization: `Bearer ${host.secret}` });

  beforeAll(async () => {
    fixture = await bareCore();
    counter = countingHandlers(fixture.core.handlers);
    staticDir = await tempDir('static');
    await writeFile(join(staticDir.path, 'index.html'), '<!doctype html><title>rcc</title>');
    host = await startWebHost({ core: { ...fixture.core, handlers: counter.handlers }, staticDir: staticDir.path });
  });
  afterAll(async () => {
    await host.close();
    await fixture.dispose();
    await staticDir.remove();
  });

  it('binds to 127.0.0.1 on a random port', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('answers a well-formed call', async () => {
    const res = await call(auth());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, data: { theme: 'system' } });
    expect(counter.calls()).toBe(1);
  });

  describe('refusals never reach a service', () => {
    let before = 0;
    beforeAll(() => {
      before = counter.calls();
    });
    afterAll(() => expect(counter.calls()).toBe(before));

    it('no secret → 401', async () => {
      expect((await call({})).status).toBe(401);
      expect((await rawRequest(host.port, { path: '/' })).status).toBe(401);
      expect((await rawRequest(host.port, { path: '/api/events' })).status).toBe(401);
    });

    it('wrong secret → 401 (header, cookie and launch URL)', async () => {
      expect((await call({ authorization: 'Bearer nope' })).status).toBe(401);
      expect((await call({ cookie: `rcc_secret_${host.port}=${'x'.repeat(host.secret.length)}` })).status).toBe(401);
      expect((await rawRequest(host.port, { path: '/?secret=wrong' })).status).toBe(401);
    });

    it('foreign Origin → 403 even with the secret', async () => {
      expect((await call({ ...auth(), origin: 'http://evil.example' })).status).toBe(403);
      expect((await call({ ...auth(), origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    });

    it('bad Host (DNS rebinding) → 403 even with the secret', async () => {
      expect((await call({ ...auth(), host: `evil.example:${host.port}` })).status).toBe(403);
      expect((await call({ ...auth(), host: 'localhost' })).status).toBe(403);
    });

    it('oversized body → 413', async () => {
      const res = await call(auth(), JSON.stringify({ displayName: 'x'.repeat(MAX_BODY_BYTES + 10) }), '/api/call/settings.set');
      expect(res.status).toBe(413);
    });

    it('invalid arguments → 400 with the zod issue path', async () => {
      const res = await call(auth(), JSON.stringify({ staleAfterSeconds: 'soon' }), '/api/call/settings.set');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: ['staleAfterSeconds'] } });
      const notJson = await call(auth(), '{not json', '/api/call/settings.set');
      expect(notJson.status).toBe(400);
    });

    it('unknown call → 404', async () => {
      expect((await call(auth(), '{}', '/api/call/nope.nothing')).status).toBe(404);
    });

    it('malformed percent-encoding in the call name → 400, not 500', async () => {
      for (const path of ['/api/call/%E0%A4%A', '/api/call/settings.get%', '/api/call/%zz']) {
        const res = await call(auth(), '{}', path);
        expect(res.status, path).toBe(400);
        expect(JSON.parse(res.body), path).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      }
    });

    it('malformed percent-encoding in the secret cookie → 401, not 500', async () => {
      for (const value of ['%E0%A4%A', `${host.secret}%`]) {
        expect((await call({ cookie: `rcc_secret_${host.port}=${value}` })).status, value).toBe(401);
        expect((await rawRequest(host.port, { path: '/', headers: { cookie: `rcc_secret_${host.port}=${value}` } })).status, value).toBe(401);
      }
    });

    it('a call that is not application/json → 415 and changes nothing (no CSRF through text/plain or forms)', async () => {
      const before = await fixture.core.handlers['settings.get']({});
      expect(before.theme).not.toBe('light');
      const body = JSON.stringify({ theme: 'light' });
      const refused: Array<string | undefined> = [
        'text/plain',
        'text/plain;charset=UTF-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonp',
        'application/json; charset=latin1',
        undefined,
      ];
      for (const contentType of refused) {
        const headers: Record<string, string> = { ...auth() };
        if (contentType !== undefined) headers['content-type'] = contentType;
        const res = await rawRequest(host.port, { method: 'POST', path: '/api/call/settings.set', headers, body });
        expect(res.status, String(contentType)).toBe(415);
      }
      expect(await fixture.core.handlers['settings.get']({})).toEqual(before);
    });
  });

  it('accepts application/json with parameters (the same body the 415 test sends does apply)', async () => {
    for (const [contentType, theme] of [['application/json; charset=utf-8', 'light'], ['Application/JSON;Charset="UTF-8"', 'dark']] as const) {
      const res = await call({ ...auth(), 'content-type': contentType }, JSON.stringify({ theme }), '/api/call/settings.set');
      expect(res.status, contentType).toBe(200);
      expect((await fixture.core.handlers['settings.get']({})).theme).toBe(theme);
    }
    await fixture.core.handlers['settings.set']({ theme: 'system' });
  });

  it('trades the launch secret for an HttpOnly SameSite cookie and serves with the CSP', async () => {
    const launch = await rawRequest(host.port, { path: `/?secret=${encodeURIComponent(host.secret)}` });
    expect(launch.status).toBe(303);
    const cookie = String(launch.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await rawRequest(host.port, { path: '/', headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<title>rcc</title>');
  });

  it('refuses path traversal out of the renderer directory', async () => {
    const res = await rawRequest(host.port, { path: '/..%2f..%2fetc%2fpasswd', headers: auth() });
    expect(res.status).toBe(404);
  });

  it('pushes contract events over SSE', async () => {
    const response = await fetch(`${host.origin}/api/events`, { headers: auth() });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    fixture.core.bus.emit('regions.status', []);
    let text = '';
    while (!text.includes('event: regions.status')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('data: []');
    await reader.cancel();
  });

  it('drops a page that stops reading its events instead of buffering them without end', async () => {
    const socket = connect(host.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.secret}\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause(); // the page stops reading
    const big = Array.from({ length: 2_000 }, (_, i) => ({ id: `r${i}`, name: 'x'.repeat(40), baseUrl: 'http://127.0.0.1', insecure: false, state: 'connected' as const, breaker: 'closed' as const, lastGoodAt: null, revision: i, lastError: null }));
    const frameBytes = JSON.stringify(big).length;
    const frames = 100; // ~30 MB: far past the kernel's socket buffers and the host's backlog cap
    for (let i = 0; i < frames; i++) {
      fixture.core.bus.emit('regions.status', big);
      await new Promise((resolve) => setImmediate(resolve));
    }
    let received = 0;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.resume();
    await closed; // the host hung up: it would otherwise keep the stream open forever
    expect(received).toBeLessThan((frames * frameBytes) / 2);
  });
});
