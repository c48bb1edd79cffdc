import { describe, expect, it } from 'vitest';
import { createToggleSource } from '../../../electron/toggles/create-toggle-source.ts';
import { formatMinVersionTag, parseRccTag } from '../../../electron/toggles/min-version-tag.ts';
import { NativeToggleSource, type NativeRegion } from '../../../electron/toggles/native-toggles.ts';
import { isInsecureUnleash, ToggleConfig, unleashTokenId, UnleashToggleConfig } from '../../../electron/common/toggle-config.ts';
import { IdempotencyMemo, KeyedQueue, type ToggleChange } from '../../../electron/toggles/toggle-source.ts';
import { UnleashToggleSource } from '../../../electron/toggles/unleash-toggles.ts';
import { formatPath, issuePath } from '../../../shared/zod-issues.ts';

const unleash = { source: 'unleash', url: 'https://unleash.example.org/api', project: 'default', environment: 'production' };

function problem(input: unknown): string {
  const parsed = ToggleConfig.safeParse(input);
  if (parsed.success) return 'ok';
  const issue = parsed.error.issues[0];
  return `${formatPath(issuePath(issue))}: ${issue?.message ?? ''}`;
}

describe('the "toggles" entry of a region', () => {
  it('accepts native and a complete Unleash entry', () => {
    expect(ToggleConfig.parse({ source: 'native' })).toEqual({ source: 'native' });
    expect(ToggleConfig.parse(unleash)).toEqual(unleash);
    expect(ToggleConfig.parse({ ...unleash, tokenId: 'shared-unleash', limits: { requestTimeoutMs: 5_000 } })).toMatchObject({ tokenId: 'shared-unleash' });
  });

  it('refuses what would leak or mislead, naming the field', () => {
    expect(problem({ source: 'flagsmith' })).toMatch(/^source: /);
    expect(problem({ ...unleash, url: 'https://admin:secret@unleash.example.org/api' })).toMatch(/^url: must not contain credentials/);
    expect(problem({ ...unleash, url: 'http://unleash.example.org/api' })).toMatch(/^url: must use https:\/\//);
    expect(problem({ ...unleash, url: 'https://unleash.example.org/api/' })).toMatch(/^url: no trailing slash/);
    expect(problem({ ...unleash, url: 'https://unleash.example.org/api?x=1' })).toMatch(/^url: must not have a query/);
    expect(problem({ ...unleash, project: 'my project' })).toMatch(/^project: must be URL friendly/);
    expect(problem({ ...unleash, environment: '' })).toMatch(/^environment: /);
    expect(problem({ ...unleash, token: 'x' })).toMatch(/token/);
    expect(problem({ ...unleash, limits: { listBytes: 10 } })).toMatch(/^limits\.listBytes: /);
  });

  it('allows plain http to loopback, and elsewhere only when marked insecure', () => {
    expect(problem({ ...unleash, url: 'http://127.0.0.1:4242/api' })).toBe('ok');
    const insecure = UnleashToggleConfig.parse({ ...unleash, url: 'http://unleash.internal/api', insecure: true });
    expect(isInsecureUnleash(insecure)).toBe(true);
    expect(isInsecureUnleash(UnleashToggleConfig.parse(unleash))).toBe(false);
  });

  it('keeps the admin token in the token store under <region>-unleash unless tokenId names another', () => {
    expect(unleashTokenId('eu-west', UnleashToggleConfig.parse(unleash))).toBe('eu-west-unleash');
    expect(unleashTokenId('eu-west', UnleashToggleConfig.parse({ ...unleash, tokenId: 'shared-unleash' }))).toBe('shared-unleash');
  });

  it('builds the source it names: native when absent, Unleash with the stored token', async () => {
    const native: NativeRegion = { action: () => Promise.reject(new Error('unused')), fleet: () => Promise.reject(new Error('unused')) };
    const tokens = { get: (id: string) => Promise.resolve(id === 'eu-west-unleash' ? 'admin-token' : undefined) };
    expect(await createToggleSource('eu-west', undefined, { native, tokens })).toBeInstanceOf(NativeToggleSource);
    expect(await createToggleSource('eu-west', ToggleConfig.parse(unleash), { native, tokens })).toBeInstanceOf(UnleashToggleSource);
    await expect(createToggleSource('us-east', ToggleConfig.parse(unleash), { native, tokens })).rejects.toThrow(/no Unleash admin token under "us-east-unleash"/);
  });
});

describe('the min-version tag', () => {
  it('round-trips a component and an opaque version (split at the first @)', () => {
    const tag = formatMinVersionTag({ component: 'document-store', version: '4.12.3-r1' });
    expect(tag).toEqual({ type: 'rcc', value: 'min-version:document-store@4.12.3-r1' });
    expect(parseRccTag(tag)).toEqual({ kind: 'min-version', minVersion: { component: 'document-store', version: '4.12.3-r1' } });
    expect(parseRccTag({ type: 'rcc', value: 'min-version:search@build@2' })).toEqual({ kind: 'min-version', minVersion: { component: 'search', version: 'build@2' } });
  });

  it('ignores other tags and reports a malformed one', () => {
    expect(parseRccTag({ type: 'simple', value: 'min-version:search@1' })).toEqual({ kind: 'none' });
    expect(parseRccTag({ type: 'rcc', value: 'owner:team-search' })).toEqual({ kind: 'none' });
    expect(parseRccTag({ type: 'rcc', value: 'min-version:search' })).toMatchObject({ kind: 'invalid' });
    expect(parseRccTag({ type: 'rcc', value: 'min-version:@1.0' })).toMatchObject({ kind: 'invalid' });
  });

  it("refuses a tag Unleash would refuse (over 50 characters)", () => {
    expect(() => formatMinVersionTag({ component: 'a-very-long-component-name-indeed', version: '2026.11.29-build.1234' })).toThrow(/longer than Unleash's 50/);
  });
});

describe('exactly-once helpers', () => {
  const change = (n: number): ToggleChange => ({ before: { key: `k${n}`, description: '', environment: 'e', state: 'off', minVersion: null }, after: { key: `k${n}`, description: '', environment: 'e', state: 'on', minVersion: null }, changed: true });

  it('answers a repeated key with the first outcome, refuses it for another request, forgets failures', async () => {
    const memo = new IdempotencyMemo(2);
    let runs = 0;
    const apply = () => Promise.resolve(change(++runs));
    const reused = () => new Error('reused');
    expect(await memo.run('key-1', 'a', reused, apply)).toEqual(change(1));
    expect(await memo.run('key-1', 'a', reused, apply)).toEqual(change(1));
    await expect(memo.run('key-1', 'b', reused, apply)).rejects.toThrow('reused');
    await expect(memo.run('key-2', 'a', reused, () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout');
    expect(await memo.run('key-2', 'a', reused, apply)).toEqual(change(2));
    expect(runs).toBe(2);
    // Bounded: the oldest key is forgotten past the capacity.
    await memo.run('key-3', 'a', reused, apply);
    expect(await memo.run('key-1', 'a', reused, apply)).toEqual(change(4));
  });

  it('runs tasks for one key one after another, and a failure does not block the next', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    let release = () => {};
    const first = queue.run('k', () => new Promise<void>((r) => (release = r)).then(() => void order.push('first')));
    const second = queue.run('k', () => Promise.reject(new Error('boom')));
    const third = queue.run('k', () => Promise.resolve(void order.push('third')));
    const other = queue.run('other', () => Promise.resolve(void order.push('other')));
    await other;
    expect(order).toEqual(['other']);
    release();
    await first;
    await expect(second).rejects.toThrow('boom');
    await third;
    expect(order).toEqual(['other', 'first', 'third']);
  });
});
