import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EndpointError } from '../../../electron/connector/endpoint-error.ts';
import { UnleashToggleConfig } from '../../../electron/common/toggle-config.ts';
import { ToggleError } from '../../../electron/toggles/toggle-source.ts';
import { UnleashToggleSource, type UnleashToggleOptions } from '../../../electron/toggles/unleash-toggles.ts';

/*
 * The Unleash adapter against a small in-process imitation of the Unleash 7 Admin API whose answers
 * each test can make hostile: what a real Unleash never does on purpose, but a broken proxy, a wrong
 * URL or an attacker can. (The real server is exercised in test/integration/toggles/unleash.test.ts.)
 */

interface FakeFlag {
  name: string;
  project: string;
  description: string;
  enabled: boolean;
  stale: boolean;
  tags: { type: string; value: string }[];
}

type Override = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

let server: Server;
let base = '';
let flags: Map<string, FakeFlag>;
let requests: string[];
let override: Override | null;
/** Extra entries the list adds after the real ones (duplicates, flags of other projects…). */
let listExtra: (page: FakeFlag[]) => unknown[];

function flag(name: string, patch: Partial<FakeFlag> = {}): FakeFlag {
  return { name, project: 'default', description: `${name} description`, enabled: false, stale: false, tags: [], ...patch };
}

function listed(f: FakeFlag): unknown {
  return {
    name: f.name,
    project: f.project,
    description: f.description,
    stale: f.stale,
    archivedAt: null,
    environments: [
      { name: 'development', enabled: false },
      { name: 'production', enabled: f.enabled },
    ],
    tags: f.tags,
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function fakeUnleash(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  requests.push(`${req.method} ${url.pathname}`);
  if (override?.(req, res, url)) return;
  if (req.headers.authorization !== 'admin-token') return json(res, 401, { name: 'UnauthorizedError', message: 'You must log in to use Unleash.' });
  const path = url.pathname;
  if (req.method === 'GET' && path === '/api/admin/search/features') {
    const all = [...flags.values()];
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    const page = all.slice(offset, offset + limit);
    return json(res, 200, { features: [...page.map(listed), ...listExtra(page)], total: all.length });
  }
  const feature = /^\/api\/admin\/projects\/default\/features\/([^/]+)(\/environments\/production\/(on|off))?$/.exec(path);
  if (feature) {
    const f = flags.get(decodeURIComponent(feature[1]!));
    if (!f) return json(res, 404, { name: 'NotFoundError', message: 'no such flag' });
    if (req.method === 'GET' && !feature[2]) return json(res, 200, { ...(listed(f) as object), archived: false });
    if (req.method === 'POST' && feature[3]) {
      f.enabled = feature[3] === 'on';
      res.writeHead(200);
      return void res.end();
    }
  }
  const tags = /^\/api\/admin\/features\/([^/]+)\/tags$/.exec(path);
  if (tags && req.method === 'GET') return json(res, 200, { version: 1, tags: flags.get(decodeURIComponent(tags[1]!))?.tags ?? [] });
  if (req.method === 'GET' && path === '/api/admin/search/events') return json(res, 200, { events: [], total: 0 });
  json(res, 404, { name: 'NotFoundError', message: `no route ${path}` });
}

beforeAll(async () => {
  server = createServer((req, res) => fakeUnleash(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  flags = new Map([flag('search.kill-switch'), flag('imaging.htj2k', { tags: [{ type: 'rcc', value: 'min-version:imaging@7.10.0' }] })].map((f) => [f.name, f]));
  requests = [];
  override = null;
  listExtra = () => [];
});

function source(options: UnleashToggleOptions = {}, url = `${base}/api`): UnleashToggleSource {
  const config = UnleashToggleConfig.parse({ source: 'unleash', url, project: 'default', environment: 'production' });
  return new UnleashToggleSource('us-east', config, 'admin-token', { backoffBaseMs: 1, backoffCapMs: 5, ...options });
}

const count = (what: string) => requests.filter((r) => r === what).length;
const WRITE_ON = 'POST /api/admin/projects/default/features/search.kill-switch/environments/production/on';
const READ_ONE = 'GET /api/admin/projects/default/features/search.kill-switch';

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('UnleashToggleSource with a hostile Unleash', () => {
  it('lists the imitation like the real thing (the baseline the other cases break)', async () => {
    expect(await source().list()).toEqual([
      { key: 'search.kill-switch', description: 'search.kill-switch description', environment: 'production', state: 'off', minVersion: null },
      { key: 'imaging.htj2k', description: 'imaging.htj2k description', environment: 'production', state: 'off', minVersion: { component: 'imaging', version: '7.10.0' } },
    ]);
  });

  it('an endless list body is cut at the list cap', async () => {
    override = (req, res, url) => {
      if (url.pathname !== '/api/admin/search/features') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"features":[');
      const more = () => {
        if (res.destroyed) return;
        if (res.write(`${JSON.stringify(listed(flag('x')))},`.repeat(64))) setImmediate(more);
        else res.once('drain', more);
      };
      more();
      return true;
    };
    const error = await failure(source({ listBytes: 64 * 1024 }).list());
    expect(error).toBeInstanceOf(EndpointError);
    expect(error).toMatchObject({ kind: 'limit', region: 'us-east', endpoint: 'GET /api/admin/search/features' });
    expect(error.message).toMatch(/larger than the 64 KiB limit.*limits\.listBytes/);
  });

  it('a request that never answers times out, and a read is retried before it fails', async () => {
    override = (_req, _res, url) => url.pathname === '/api/admin/search/features';
    const error = await failure(source({ timeoutMs: 150, readRetries: 2 }).list());
    expect(error).toMatchObject({ kind: 'timeout', endpoint: 'GET /api/admin/search/features' });
    expect(error.message).toBe('us-east GET /api/admin/search/features: no answer within 150 ms');
    expect(count('GET /api/admin/search/features')).toBe(3);
  });

  it('a read that fails with 503 is retried and then succeeds', async () => {
    let failures = 1;
    override = (_req, res, url) => {
      if (url.pathname !== '/api/admin/search/features' || failures-- <= 0) return false;
      json(res, 503, { message: 'busy' });
      return true;
    };
    expect(await source().list()).toHaveLength(2);
    expect(count('GET /api/admin/search/features')).toBe(2);
  });

  it('a write is sent once: a 503 that changed nothing fails the set, after one write', async () => {
    override = (req, res) => {
      if (`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}` !== WRITE_ON) return false;
      json(res, 503, { message: 'maintenance' });
      return true;
    };
    const error = await failure(source().set('search.kill-switch', 'on', 'intent-503-on'));
    expect(error).toMatchObject({ kind: 'http', status: 503, endpoint: `POST /api/admin/projects/default/features/search.kill-switch/environments/production/on` });
    expect(count(WRITE_ON)).toBe(1);
    expect(flags.get('search.kill-switch')?.enabled).toBe(false);
  });

  it('a write whose answer is lost after it applied succeeds through the read-back', async () => {
    override = (req, res) => {
      if (`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}` !== WRITE_ON) return false;
      flags.get('search.kill-switch')!.enabled = true;
      res.socket?.destroy();
      return true;
    };
    const change = await source().set('search.kill-switch', 'on', 'intent-lost-on');
    expect(change).toMatchObject({ changed: true, before: { state: 'off' }, after: { state: 'on' } });
    expect(count(WRITE_ON)).toBe(1);
  });

  it('a write answered 200 that did not change the flag fails on the read-back', async () => {
    override = (req, res) => {
      if (`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}` !== WRITE_ON) return false;
      res.writeHead(200);
      res.end();
      return true;
    };
    const error = await failure(source().set('search.kill-switch', 'on', 'intent-liar-on'));
    expect(error).toBeInstanceOf(ToggleError);
    expect(error).toMatchObject({ code: 'read-back-mismatch', region: 'us-east', key: 'search.kill-switch' });
    expect(error.message).toMatch(/asked for on in production, but reading it back shows off/);
    expect(count(READ_ONE)).toBe(2);
  });

  it('two actions on one flag at once run one after the other: one write', async () => {
    const toggles = source();
    const [a, b] = await Promise.all([toggles.set('search.kill-switch', 'on', 'intent-con-a'), toggles.set('search.kill-switch', 'on', 'intent-con-b')]);
    expect([a.changed, b.changed].sort()).toEqual([false, true]);
    expect(count(WRITE_ON)).toBe(1);
  });

  it('a redirect is not followed (the admin token stays with the configured host)', async () => {
    let leaked = 0;
    const elsewhere = createServer((_req, res) => {
      leaked++;
      res.end('{}');
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    try {
      override = (_req, res) => {
        res.writeHead(302, { location: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/steal` });
        res.end();
        return true;
      };
      const error = await failure(source().list());
      expect(error).toMatchObject({ kind: 'http', status: 302 });
      expect(error.message).toMatch(/redirects are not followed/);
      expect(leaked).toBe(0);
    } finally {
      await new Promise<void>((r) => elsewhere.close(() => r()));
    }
  });

  it('an error body is summarized without control characters and without the rest of it', async () => {
    override = (_req, res) => {
      json(res, 500, { message: `db down\u001b[31m\n${'x'.repeat(5_000)}` });
      return true;
    };
    const error = await failure(source({ readRetries: 0 }).list());
    expect(error.message).toMatch(/^us-east GET \/api\/admin\/search\/features: HTTP 500: db down \[31m x+$/);
    expect(error.message.length).toBeLessThan(300);
  });

  it('two min-version tags, or one that does not parse, are invalid data at the tag', async () => {
    flags.get('imaging.htj2k')!.tags.push({ type: 'rcc', value: 'min-version:imaging@7.11.0' });
    const twice = await failure(source().list());
    expect(twice).toMatchObject({ kind: 'validation', path: ['features', 1, 'tags', 1, 'value'] });
    expect(twice.message).toMatch(/a second min-version tag/);

    flags.get('imaging.htj2k')!.tags = [{ type: 'simple', value: 'min-version:ignored' }, { type: 'rcc', value: 'min-version:imaging' }];
    const broken = await failure(source().list());
    expect(broken).toMatchObject({ kind: 'validation', path: ['features', 1, 'tags', 1, 'value'] });
    expect(broken.message).toMatch(/expected min-version:<component>@<version>/);
  });

  it('a flag of another project, or one listed twice with different states, is refused', async () => {
    listExtra = (page) => (page.length ? [{ ...(listed(flag('other.flag')) as object), project: 'secret-project' }] : []);
    const other = await failure(source().list());
    expect(other).toMatchObject({ kind: 'validation', path: ['features', 2, 'project'] });

    listExtra = (page) => (page.length ? [listed({ ...page[0]!, enabled: !page[0]!.enabled })] : []);
    const twice = await failure(source().list());
    expect(twice.message).toMatch(/flag "search\.kill-switch" listed twice with different states/);
  });

  it('pages are bounded: a project with more flags than the cap is refused before reading them all', async () => {
    for (let i = 0; i < 30; i++) flags.set(`bulk.${i}`, flag(`bulk.${i}`));
    const error = await failure(source({ maxFlags: 20, pageSize: 5 }).list());
    expect(error).toMatchObject({ kind: 'limit' });
    expect(error.message).toMatch(/32 flags in project "default", more than the 20/);
    expect(count('GET /api/admin/search/features')).toBe(1);
    expect(await source({ maxFlags: 40, pageSize: 5 }).list()).toHaveLength(32);
  });

  it("events of another flag in a flag's event log are refused", async () => {
    override = (_req, res, url) => {
      if (url.pathname !== '/api/admin/search/events') return false;
      json(res, 200, { events: [{ id: 1, type: 'feature-environment-enabled', createdBy: 'mallory', createdAt: '2026-11-01T00:00:00Z', featureName: 'other.flag', environment: 'production' }], total: 1 });
      return true;
    };
    const error = await failure(source().events('search.kill-switch', 10));
    expect(error).toMatchObject({ kind: 'validation', path: ['events', 0, 'featureName'] });
  });

  it('refuses an idempotency key that is not 8–128 visible characters, before sending anything', async () => {
    await expect(source().set('search.kill-switch', 'on', 'short')).rejects.toThrow(RangeError);
    expect(requests).toEqual([]);
  });
});
