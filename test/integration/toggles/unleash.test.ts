import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointError } from '../../../electron/connector/endpoint-error.ts';
import { EnvOrFileTokenStore } from '../../../electron/connector/token-store.ts';
import { formatMinVersionTag } from '../../../electron/toggles/min-version-tag.ts';
import { UnleashToggleConfig } from '../../../electron/common/toggle-config.ts';
import { ToggleError } from '../../../electron/toggles/toggle-source.ts';
import { UnleashToggleSource, type UnleashToggleOptions } from '../../../electron/toggles/unleash-toggles.ts';
import { startUnleash, type UnleashServer } from '../../support/unleash.ts';

/*
 * The Unleash toggle adapter against a real unleash-server 7 on a throwaway PostgreSQL cluster
 * (test/support/unleash.ts), started once for this file.
 */

const REGION = 'eu-west';
let unleash: UnleashServer;

interface FeatureEnvironments {
  environments: { name: string; enabled: boolean }[];
}
interface EventSearch {
  events: { id: number; type: string; featureName: string | null }[];
  total: number;
}

function config(overrides: Partial<UnleashToggleConfig> = {}): UnleashToggleConfig {
  return UnleashToggleConfig.parse({ source: 'unleash', url: unleash.apiUrl, project: 'default', environment: 'production', ...overrides });
}

/** The adapter built the way the console builds it: the token from the token store, under `<region>-unleash`. */
function source(options: UnleashToggleOptions = {}, token = unleash.adminToken, overrides: Partial<UnleashToggleConfig> = {}): Promise<UnleashToggleSource> {
  const tokens = new EnvOrFileTokenStore('/nonexistent/tokens.json', { RCC_TOKEN_EU_WEST_UNLEASH: token });
  return UnleashToggleSource.fromTokenStore(REGION, config(overrides), tokens, options);
}

/** What Unleash itself says (its own API, not the adapter): is the flag enabled in an environment? */
async function enabledIn(flag: string, environment: string): Promise<boolean> {
  const feature = await unleash.admin<FeatureEnvironments>('GET', `/projects/default/features/${flag}`);
  const env = feature.environments.find((e) => e.name === environment);
  if (!env) throw new Error(`no environment ${environment} on ${flag}`);
  return env.enabled;
}

async function unleashEventCount(flag: string): Promise<number> {
  return (await unleash.admin<EventSearch>('GET', `/search/events?feature=IS:${flag}&limit=1`)).total;
}

async function createFlag(name: string, description: string, type = 'release'): Promise<void> {
  await unleash.admin('POST', '/projects/default/features', { name, description, type });
}

beforeAll(async () => {
  unleash = await startUnleash();
  console.log(`unleash-server healthy after ${unleash.startupMs} ms (PostgreSQL included)`);
  await unleash.admin('POST', '/tag-types', { name: 'rcc', description: 'Release Control Console metadata' });
  await createFlag('search.kill-switch', 'Kill switch for federated search', 'kill-switch');
  await createFlag('imaging.htj2k', 'HTJ2K compression for new studies');
  await unleash.admin('POST', '/features/imaging.htj2k/tags', formatMinVersionTag({ component: 'imaging', version: '7.10.0' }));
  await createFlag('reporting.legacy-export', 'Old synchronous exports');
  await unleash.admin('POST', '/projects/default/stale', { features: ['reporting.legacy-export'], stale: true });
  await createFlag('portal.old-banner', 'Retired banner');
  await unleash.admin('DELETE', '/projects/default/features/portal.old-banner');
  await createFlag('orders.enabled-elsewhere', 'On in development only');
  await unleash.admin('POST', '/projects/default/features/orders.enabled-elsewhere/environments/development/on');
}, 120_000);

afterAll(async () => {
  await unleash?.stop();
});

describe('UnleashToggleSource against a real unleash-server', () => {
  it('lists the project flags in the configured environment, with the min-version tag and stale as dormant', async () => {
    const toggles = await (await source()).list();
    expect(toggles.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'imaging.htj2k', description: 'HTJ2K compression for new studies', environment: 'production', state: 'off', minVersion: { component: 'imaging', version: '7.10.0' } },
      { key: 'orders.enabled-elsewhere', description: 'On in development only', environment: 'production', state: 'off', minVersion: null },
      { key: 'reporting.legacy-export', description: 'Old synchronous exports', environment: 'production', state: 'dormant', minVersion: null },
      { key: 'search.kill-switch', description: 'Kill switch for federated search', environment: 'production', state: 'off', minVersion: null },
    ]);
    const development = await (await source({}, unleash.adminToken, { environment: 'development' })).list();
    expect(development.find((t) => t.key === 'orders.enabled-elsewhere')).toMatchObject({ environment: 'development', state: 'on' });
  });

  it('pages through the list and lists archived flags as dormant when asked', async () => {
    const onePage = await (await source()).list();
    const paged = await (await source({ pageSize: 2 })).list();
    expect(paged.map((t) => t.key).sort()).toEqual(onePage.map((t) => t.key).sort());
    const withArchived = await (await source({ includeArchived: true, pageSize: 2 })).list();
    expect(withArchived.find((t) => t.key === 'portal.old-banner')).toEqual({
      key: 'portal.old-banner',
      description: 'Retired banner',
      environment: 'production',
      state: 'dormant',
      minVersion: null,
    });
    expect(withArchived).toHaveLength(onePage.length + 1);
  });

  it('turns a flag on and off in the configured environment only, reading each change back', async () => {
    const toggles = await source();
    const on = await toggles.set('search.kill-switch', 'on', 'intent-0001-on');
    expect(on.changed).toBe(true);
    expect(on.before).toMatchObject({ key: 'search.kill-switch', state: 'off' });
    expect(on.after).toMatchObject({ key: 'search.kill-switch', state: 'on', environment: 'production' });
    expect(await enabledIn('search.kill-switch', 'production')).toBe(true);
    expect(await enabledIn('search.kill-switch', 'development')).toBe(false);
    expect((await toggles.list()).find((t) => t.key === 'search.kill-switch')?.state).toBe('on');

    const off = await toggles.set('search.kill-switch', 'off', 'intent-0002-off');
    expect(off).toMatchObject({ changed: true, before: { state: 'on' }, after: { state: 'off' } });
    expect(await enabledIn('search.kill-switch', 'production')).toBe(false);
  });

  it('keeps a flag its min-version tag and a stale flag dormant until it is turned on', async () => {
    const toggles = await source();
    const imaging = await toggles.set('imaging.htj2k', 'on', 'intent-0003-on');
    expect(imaging.after).toEqual({ key: 'imaging.htj2k', description: 'HTJ2K compression for new studies', environment: 'production', state: 'on', minVersion: { component: 'imaging', version: '7.10.0' } });
    const stale = await toggles.set('reporting.legacy-export', 'on', 'intent-0004-on');
    expect(stale).toMatchObject({ changed: true, before: { state: 'dormant' }, after: { state: 'on' } });
    const back = await toggles.set('reporting.legacy-export', 'off', 'intent-0005-off');
    expect(back.after.state).toBe('dormant');
    expect(await enabledIn('reporting.legacy-export', 'production')).toBe(false);
  });

  it('applies an action once: a retry with the same key answers the first outcome, the same state again sends nothing', async () => {
    const toggles = await source();
    const first = await toggles.set('orders.enabled-elsewhere', 'on', 'intent-0006-on');
    expect(first.changed).toBe(true);
    const events = await unleashEventCount('orders.enabled-elsewhere');

    // The audit middleware retries with the same key (e.g. it never saw the answer).
    const retried = await toggles.set('orders.enabled-elsewhere', 'on', 'intent-0006-on');
    expect(retried).toEqual(first);
    // Another action asking for the state the flag already has: a no-op that succeeds.
    const again = await toggles.set('orders.enabled-elsewhere', 'on', 'intent-0007-on');
    expect(again).toMatchObject({ changed: false, before: { state: 'on' }, after: { state: 'on' } });
    // A fresh adapter (a restarted console) has no memory of the key, and still changes nothing.
    const restarted = await (await source()).set('orders.enabled-elsewhere', 'on', 'intent-0006-on');
    expect(restarted.changed).toBe(false);
    expect(await unleashEventCount('orders.enabled-elsewhere')).toBe(events);

    await expect(toggles.set('orders.enabled-elsewhere', 'off', 'intent-0006-on')).rejects.toMatchObject({ code: 'idempotency-key-reused' });
    expect(await enabledIn('orders.enabled-elsewhere', 'production')).toBe(true);
  });

  it("shows the flag's changes from Unleash's own event log, newest first", async () => {
    const toggles = await source();
    await toggles.set('search.kill-switch', 'on', 'intent-0008-on');
    await toggles.set('search.kill-switch', 'off', 'intent-0009-off');
    const events = await toggles.events('search.kill-switch', 20);
    const changes = events.filter((e) => e.state !== null && e.environment === 'production');
    expect(changes.slice(0, 4).map((e) => e.state)).toEqual(['off', 'on', 'off', 'on']);
    for (const e of changes) {
      expect(e).toMatchObject({ actor: 'admin', environment: 'production' });
      expect(e.type).toMatch(/^feature-environment-(enabled|disabled)$/);
      expect(e.summary).toMatch(/Flag (enabled|disabled)/);
    }
    const times = events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(events.at(-1)?.type).toBe('feature-created');
    expect(await toggles.events('search.kill-switch', 2)).toHaveLength(2);
  });

  it('names region, endpoint and reason for an unknown flag, an archived one and a missing environment', async () => {
    const toggles = await source();
    const unknown = await toggles.set('no.such-flag', 'on', 'intent-0010-on').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ToggleError);
    expect(unknown).toMatchObject({ code: 'unknown-toggle', region: REGION, endpoint: 'GET /api/admin/projects/default/features/no.such-flag' });
    await expect(toggles.set('portal.old-banner', 'on', 'intent-0011-on')).rejects.toMatchObject({ code: 'unknown-toggle' });

    const staging = await (await source({}, unleash.adminToken, { environment: 'staging' })).list().catch((e: unknown) => e);
    expect(staging).toBeInstanceOf(EndpointError);
    expect((staging as EndpointError).message).toMatch(/^eu-west GET \/api\/admin\/search\/features: features\[0\]\.environments: no environment "staging"/);
  });

  it('a wrong token is a 401 naming the region and the endpoint, for reads and writes, and nothing changes', async () => {
    const wrong = await source({}, '*:*.not-the-token');
    const listed = await wrong.list().catch((e: unknown) => e);
    expect(listed).toBeInstanceOf(EndpointError);
    expect(listed).toMatchObject({ region: REGION, endpoint: 'GET /api/admin/search/features', kind: 'http', status: 401 });
    expect((listed as Error).message).toMatch(/^eu-west GET \/api\/admin\/search\/features: HTTP 401: You must log in to use Unleash\..*admin token/);
    await expect(wrong.set('search.kill-switch', 'on', 'intent-0012-on')).rejects.toMatchObject({ status: 401, region: REGION });
    expect(await enabledIn('search.kill-switch', 'production')).toBe(false);

    const missing = UnleashToggleSource.fromTokenStore(REGION, config(), new EnvOrFileTokenStore('/nonexistent/tokens.json', {}));
    await expect(missing).rejects.toThrow(/no Unleash admin token under "eu-west-unleash".*RCC_TOKEN_EU_WEST_UNLEASH/);
  });

  describe('a hostile endpoint in place of Unleash', () => {
    let hostile: Server;
    let url = '';
    beforeAll(async () => {
      hostile = createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        if (req.url?.startsWith('/api/admin/search/features')) {
          // Looks like Unleash, but one flag's environments are garbage.
          res.end(JSON.stringify({ features: [{ name: 'a.flag', project: 'default', environments: [{ name: 'production', enabled: 'yes' }] }], total: 1 }));
        } else res.end('\u0000\u00ff not json at all');
      });
      await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/api`;
    });
    afterAll(() => new Promise<void>((r) => hostile.close(() => r())));

    it('garbage is a validation error naming region, endpoint and field', async () => {
      const toggles = await source({ readRetries: 0 }, 'token', { url });
      const error = await toggles.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EndpointError);
      expect(error).toMatchObject({ kind: 'validation', region: REGION, endpoint: 'GET /api/admin/search/features', path: ['features', 0, 'environments', 0, 'enabled'] });
      expect((error as Error).message).toMatch(/^eu-west GET \/api\/admin\/search\/features: features\[0\]\.environments\[0\]\.enabled: .*boolean/);
      await expect(toggles.events('a.flag', 5)).rejects.toThrow(/^eu-west GET \/api\/admin\/search\/events: response is not valid JSON/);
    });
  });
});
