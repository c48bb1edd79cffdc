import { z } from 'zod';
import { Id, IsoTime, Toggle } from '../../shared/protocol/index.ts';

type ToggleState = Toggle['state'];
import { ConsoleError } from '../common/console-error.ts';
import { EndpointError } from '../connector/endpoint-error.ts';
import type { TokenStore } from '../connector/token-store.ts';
import { parseRccTag } from './min-version-tag.ts';
import { unleashTokenId, type UnleashToggleConfig } from '../common/toggle-config.ts';
import { IdempotencyMemo, KeyedQueue, SettableToggleState, ToggleError, type ToggleChange, type ToggleEvent, type ToggleSource } from './toggle-source.ts';
import { UnleashHttp, type UnleashHttpOptions } from './unleash-http.ts';

/*
 * What the adapter reads from Unleash (7.x Admin API). Only the fields it uses are checked; others are
 * dropped. Everything is untrusted: a missing or mistyped field fails with its path.
 */
const EnvironmentState = z.object({ name: z.string().min(1), enabled: z.boolean() });
const Tag = z.object({ type: z.string(), value: z.string() });
const ListedFeature = z.object({
  name: Id,
  description: z.string().nullish(),
  project: z.string().min(1),
  stale: z.boolean().nullish(),
  archivedAt: IsoTime.nullish(),
  environments: z.array(EnvironmentState),
  tags: z.array(Tag).nullish(),
});
type ListedFeature = z.infer<typeof ListedFeature>;
const FeatureSearchPage = z.object({ features: z.array(ListedFeature), total: z.int().min(0) });
const FeatureDetail = z.object({
  name: Id,
  description: z.string().nullish(),
  project: z.string().min(1),
  stale: z.boolean().nullish(),
  archived: z.boolean().nullish(),
  environments: z.array(EnvironmentState),
});
const FeatureTags = z.object({ tags: z.array(Tag) });
const UnleashEvent = z.object({
  id: z.int(),
  type: z.string().min(1),
  createdBy: z.string(),
  createdAt: IsoTime,
  featureName: z.string().nullish(),
  environment: z.string().nullish(),
  label: z.string().nullish(),
});
const EventPage = z.object({ events: z.array(UnleashEvent), total: z.int().min(0) });
const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,128}$/, '8–128 visible ASCII characters');

export interface UnleashToggleOptions extends UnleashHttpOptions {
  /** Flags per list request; Unleash 7 answers at most 100. */
  pageSize?: number;
  /** More flags than this in the project is refused (a bound on what one list may cost). */
  maxFlags?: number;
  /** Also list archived flags (as `dormant`); they cannot be changed. Default false. */
  includeArchived?: boolean;
  /** Idempotency keys remembered (their first outcome is answered again). */
  memoCapacity?: number;
}

/**
 * Toggles in one Unleash project + environment, through the Admin API with an admin token.
 *
 * Mapping to the console's `Toggle`: `key` = flag name, `environment` = the configured environment,
 * `state` = `on` when the flag is enabled in that environment, else `off`; a stale flag that is
 * disabled there is `dormant` (a stale flag that is enabled is still `on`: it is served, and the console
 * never hides that); an archived flag (listed only with `includeArchived`) is `dormant`. `minVersion`
 * comes from a tag `rcc` / `min-version:<component>@<version>` (see min-version-tag.ts).
 *
 * `set` turns the flag on or off in the environment (`POST …/environments/<env>/on|off`): it reads the
 * flag first (nothing is sent when it already has that state), writes once, and reads it back; a write
 * that failed in transit (timeout, network, 5xx) is judged by the read-back too, since on/off is a
 * state, not an increment. Unleash has no idempotency keys: the key is sent as `Idempotency-Key` (for
 * proxies and logs) and remembered here, so a retry answers the first outcome.
 */
export class UnleashToggleSource implements ToggleSource {
  readonly kind = 'unleash' as const;
  private readonly http: UnleashHttp;
  private readonly memo: IdempotencyMemo;
  private readonly queue = new KeyedQueue();
  private readonly pageSize: number;
  private readonly maxFlags: number;
  private readonly includeArchived: boolean;

  constructor(
    readonly regionId: string,
    readonly config: UnleashToggleConfig,
    token: string,
    options: UnleashToggleOptions = {},
  ) {
    this.http = new UnleashHttp(regionId, config.url, token, {
      ...(config.limits?.requestTimeoutMs !== undefined ? { timeoutMs: config.limits.requestTimeoutMs } : {}),
      ...(config.limits?.listBytes !== undefined ? { listBytes: config.limits.listBytes } : {}),
      ...(config.limits?.itemBytes !== undefined ? { itemBytes: config.limits.itemBytes } : {}),
      ...options,
    });
    this.memo = new IdempotencyMemo(options.memoCapacity);
    this.pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
    this.maxFlags = options.maxFlags ?? 10_000;
    this.includeArchived = options.includeArchived ?? false;
  }

  /** Builds the source with the admin token from the token store (id `<region>-unleash` unless `tokenId` says otherwise). */
  static async fromTokenStore(regionId: string, config: UnleashToggleConfig, tokens: TokenStore, options: UnleashToggleOptions = {}): Promise<UnleashToggleSource> {
    const id = unleashTokenId(regionId, config);
    const token = await tokens.get(id);
    if (!token) {
      throw new ConsoleError('validation', `${regionId}: no Unleash admin token under "${id}" in the token store (web host: RCC_TOKEN_${id.toUpperCase().replace(/-/g, '_')} or "${id}" in tokens.json)`, { region: regionId });
    }
    return new UnleashToggleSource(regionId, config, token, options);
  }

  private get project(): string {
    return encodeURIComponent(this.config.project);
  }

  async list(signal?: AbortSignal): Promise<Toggle[]> {
    const active = await this.listPages(false, signal);
    const archived = this.includeArchived ? await this.listPages(true, signal) : [];
    const byKey = new Map(active.map((t) => [t.key, t]));
    for (const t of archived) if (!byKey.has(t.key)) byKey.set(t.key, t);
    return [...byKey.values()];
  }

  async set(key: string, state: SettableToggleState, idempotencyKey: string, signal?: AbortSignal): Promise<ToggleChange> {
    const target = SettableToggleState.parse(state);
    const parsedKey = IdempotencyKey.safeParse(idempotencyKey);
    if (!parsedKey.success) throw new RangeError(`idempotency key: ${parsedKey.error.issues[0]?.message ?? 'invalid'}`);
    const name = Id.parse(key);
    const endpoint = this.http.endpointName('POST', this.envPath(name, target));
    return this.memo.run(
      idempotencyKey,
      JSON.stringify([name, target]),
      () => new ToggleError(this.regionId, endpoint, 'idempotency-key-reused', name, `idempotency key ${idempotencyKey} was used for another request`),
      () => this.queue.run(name, () => this.apply(name, target, idempotencyKey, signal)),
    );
  }

  async events(key: string, limit: number, signal?: AbortSignal): Promise<ToggleEvent[]> {
    const name = Id.parse(key);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError(`events limit ${limit}: expected 1–1000`);
    const params = new URLSearchParams({ feature: `IS:${name}`, project: `IS:${this.config.project}`, limit: String(limit), offset: '0' });
    const path = `admin/search/events?${params}`;
    const page = await this.http.read(path, EventPage, 'item', signal);
    const endpoint = this.http.endpointName('GET', path);
    const events = page.events.slice(0, limit).map((event, i): ToggleEvent => {
      if (event.featureName != null && event.featureName !== name) {
        throw new EndpointError(this.regionId, endpoint, 'validation', `event of flag ${JSON.stringify(event.featureName)}, asked for ${JSON.stringify(name)}`, ['events', i, 'featureName']);
      }
      return {
        id: String(event.id),
        at: event.createdAt,
        actor: event.createdBy,
        type: event.type,
        summary: event.label ?? event.type,
        environment: event.environment ?? null,
        state: eventState(event.type),
      };
    });
    // Newest first, whatever order the endpoint used.
    return events.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || Number(b.id) - Number(a.id));
  }

  private envPath(name: string, target: SettableToggleState): string {
    return `admin/projects/${this.project}/features/${encodeURIComponent(name)}/environments/${encodeURIComponent(this.config.environment)}/${target}`;
  }

  private async apply(name: string, target: SettableToggleState, idempotencyKey: string, signal?: AbortSignal): Promise<ToggleChange> {
    const before = await this.readOne(name, signal);
    const want = target === 'on';
    if (before.enabled === want) return { before: before.toggle, after: before.toggle, changed: false };
    const path = this.envPath(name, target);
    const endpoint = this.http.endpointName('POST', path);
    try {
      await this.http.write('POST', path, { 'Idempotency-Key': idempotencyKey }, signal);
    } catch (error) {
      // On/off is a state: a write lost in transit (no answer, a broken or oversized one, a 5xx) either
      // landed or did not, and the read-back tells which. A 4xx is Unleash refusing: nothing changed.
      const refused = error instanceof EndpointError && error.kind === 'http' && error.status !== undefined && error.status < 500 && error.status !== 429;
      if (signal?.aborted || !(error instanceof EndpointError) || refused) throw error;
      const landed = await this.readOne(name, signal).catch(() => null);
      if (landed?.enabled !== want) throw error;
      return { before: before.toggle, after: landed.toggle, changed: true };
    }
    const after = await this.readOne(name, signal);
    if (after.enabled !== want) {
      throw new ToggleError(this.regionId, endpoint, 'read-back-mismatch', name, `asked for ${target} in ${this.config.environment}, but reading it back shows ${after.enabled ? 'on' : 'off'}`);
    }
    return { before: before.toggle, after: after.toggle, changed: true };
  }

  /** One flag as it is now: `GET …/features/<name>` and its tags. */
  private async readOne(name: string, signal?: AbortSignal): Promise<{ toggle: Toggle; enabled: boolean }> {
    const path = `admin/projects/${this.project}/features/${encodeURIComponent(name)}`;
    const endpoint = this.http.endpointName('GET', path);
    let detail: z.infer<typeof FeatureDetail>;
    try {
      detail = await this.http.read(path, FeatureDetail, 'item', signal);
    } catch (error) {
      if (error instanceof EndpointError && error.status === 404) {
        throw new ToggleError(this.regionId, endpoint, 'unknown-toggle', name, `no such flag in Unleash project ${JSON.stringify(this.config.project)} (archived flags cannot be changed)`);
      }
      throw error;
    }
    if (detail.name !== name) throw new EndpointError(this.regionId, endpoint, 'validation', `flag ${JSON.stringify(detail.name)}, asked for ${JSON.stringify(name)}`, ['name']);
    if (detail.project !== this.config.project) {
      throw new EndpointError(this.regionId, endpoint, 'validation', `flag of project ${JSON.stringify(detail.project)}, asked for ${JSON.stringify(this.config.project)}`, ['project']);
    }
    if (detail.archived === true) throw new ToggleError(this.regionId, endpoint, 'refused', name, 'the flag is archived in Unleash; revive it there first');
    const tagsPath = `admin/features/${encodeURIComponent(name)}/tags`;
    const tags = await this.http.read(tagsPath, FeatureTags, 'item', signal);
    const env = this.environmentOf(detail, endpoint, []);
    const minVersion = this.minVersionOf(tags.tags, this.http.endpointName('GET', tagsPath), ['tags']);
    const toggle = this.toToggle({ ...detail, archivedAt: null }, env.enabled, minVersion, endpoint, []);
    return { toggle, enabled: env.enabled };
  }

  private async listPages(archived: boolean, signal?: AbortSignal): Promise<Toggle[]> {
    const out: Toggle[] = [];
    const seen = new Map<string, { toggle: Toggle; at: string }>();
    for (let offset = 0; ; offset += this.pageSize) {
      const params = new URLSearchParams({
        project: `IS:${this.config.project}`,
        archived: `IS:${archived}`,
        limit: String(this.pageSize),
        offset: String(offset),
        sortBy: 'createdAt',
        sortOrder: 'asc',
      });
      const path = `admin/search/features?${params}`;
      const endpoint = this.http.endpointName('GET', path);
      const page = await this.http.read(path, FeatureSearchPage, 'list', signal);
      if (page.total > this.maxFlags) {
        throw new EndpointError(this.regionId, endpoint, 'limit', `${page.total} ${archived ? 'archived ' : ''}flags in project ${JSON.stringify(this.config.project)}, more than the ${this.maxFlags} the console lists`);
      }
      page.features.forEach((feature, i) => {
        const path: (string | number)[] = ['features', i];
        const where = `(list offset ${offset})`;
        if (feature.project !== this.config.project) {
          throw new EndpointError(this.regionId, endpoint, 'validation', `flag of project ${JSON.stringify(feature.project)}, asked for ${JSON.stringify(this.config.project)} ${where}`, [...path, 'project']);
        }
        const env = this.environmentOf(feature, endpoint, path);
        const minVersion = this.minVersionOf(feature.tags ?? [], endpoint, [...path, 'tags']);
        const toggle = this.toToggle(feature, env.enabled, minVersion, endpoint, path);
        const first = seen.get(toggle.key);
        if (first) {
          // Pages read while flags are created or archived can repeat one; the same flag twice is harmless, two different ones are not.
          if (JSON.stringify(first.toggle) !== JSON.stringify(toggle)) {
            throw new EndpointError(this.regionId, endpoint, 'validation', `flag ${JSON.stringify(toggle.key)} listed twice with different states (also at ${first.at}); the list changed while it was read — reload`, [...path, 'name']);
          }
          return;
        }
        seen.set(toggle.key, { toggle, at: `offset ${offset + i}` });
        out.push(toggle);
      });
      if (page.features.length < this.pageSize || offset + page.features.length >= page.total) return out;
      if (offset + this.pageSize >= this.maxFlags) {
        throw new EndpointError(this.regionId, endpoint, 'limit', `more than ${this.maxFlags} flags in project ${JSON.stringify(this.config.project)}`);
      }
    }
  }

  private environmentOf(feature: { environments: { name: string; enabled: boolean }[] }, endpoint: string, path: (string | number)[]): { enabled: boolean } {
    const matches = feature.environments.filter((e) => e.name === this.config.environment);
    if (matches.length !== 1) {
      const names = feature.environments.map((e) => e.name).join(', ') || 'none';
      const problem = matches.length === 0 ? `no environment ${JSON.stringify(this.config.environment)} (has: ${names}; is it enabled in project ${JSON.stringify(this.config.project)}?)` : `environment ${JSON.stringify(this.config.environment)} listed ${matches.length} times`;
      throw new EndpointError(this.regionId, endpoint, 'validation', problem, [...path, 'environments']);
    }
    return matches[0]!;
  }

  private minVersionOf(tags: { type: string; value: string }[], endpoint: string, path: (string | number)[]): Toggle['minVersion'] {
    let found: { minVersion: NonNullable<Toggle['minVersion']>; index: number } | null = null;
    for (const [index, tag] of tags.entries()) {
      const parsed = parseRccTag(tag);
      if (parsed.kind === 'none') continue;
      if (parsed.kind === 'invalid') throw new EndpointError(this.regionId, endpoint, 'validation', parsed.message, [...path, index, 'value']);
      if (found) {
        throw new EndpointError(this.regionId, endpoint, 'validation', `a second min-version tag (also at ${[...path, found.index].join('.')}); keep one`, [...path, index, 'value']);
      }
      found = { minVersion: parsed.minVersion, index };
    }
    return found?.minVersion ?? null;
  }

  private toToggle(
    feature: Pick<ListedFeature, 'name' | 'description' | 'stale' | 'archivedAt'>,
    enabled: boolean,
    minVersion: Toggle['minVersion'],
    endpoint: string,
    path: (string | number)[],
  ): Toggle {
    let state: ToggleState;
    if (feature.archivedAt != null) state = 'dormant';
    else if (enabled) state = 'on';
    else state = feature.stale === true ? 'dormant' : 'off';
    const candidate = { key: feature.name, description: feature.description ?? '', environment: this.config.environment, state, minVersion };
    const parsed = Toggle.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EndpointError(this.regionId, endpoint, 'validation', issue?.message ?? 'invalid flag', [...path, ...(issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p))]);
    }
    return parsed.data;
  }
}

/** The state an Unleash event leaves the flag in, for enable/disable events (null for others). */
function eventState(type: string): ToggleState | null {
  if (type === 'feature-environment-enabled') return 'on';
  if (type === 'feature-environment-disabled') return 'off';
  if (type === 'feature-archived') return 'dormant';
  return null;
}
