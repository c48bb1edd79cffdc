import { z } from 'zod';
import { Id, type ActionRequest, type ActionResult, type FleetState, type Toggle } from '../../shared/protocol/index.ts';
import { IdempotencyMemo, KeyedQueue, SettableToggleState, ToggleError, type ToggleChange, type ToggleEvent, type ToggleSource } from './toggle-source.ts';

const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,128}$/, '8–128 visible ASCII characters');
const ACTIONS = 'POST /v1/actions';
const FLEET = 'GET /v1/fleet';

/** What the native source needs from a region's connector (a `RegionClient` and, when running, its live state). */
export interface NativeRegion {
  /** `RegionClient.action`: sends with the Idempotency-Key, retrying with the same key. */
  action(request: ActionRequest, idempotencyKey: string, signal?: AbortSignal): Promise<ActionResult>;
  /** `RegionClient.fleet`: a fresh, validated `GET /v1/fleet`. */
  fleet(signal?: AbortSignal): Promise<FleetState>;
  /** The connector's live state (kept current by the change stream); null before its first fetch. */
  live?(): FleetState | null;
}

export interface NativeToggleOptions {
  /** How long to wait for the live state to reach an action's revision before fetching the fleet instead. */
  readBackWaitMs?: number;
  memoCapacity?: number;
}

/**
 * Toggles over the native regional protocol: the region's fleet state lists them (`toggles`), and
 * `POST /v1/actions` `toggle.set` changes one, with the region's own idempotency (the same key is
 * applied once and answers the first result again). The read-back is the region's state at or after
 * the action's revision: the live state once the change stream has delivered it, else a fresh
 * `GET /v1/fleet`. The protocol keeps no per-toggle history, so `events` is empty: the console's
 * audit trail is the record of changes made through it.
 */
export class NativeToggleSource implements ToggleSource {
  readonly kind = 'native' as const;
  private readonly memo: IdempotencyMemo;
  private readonly queue = new KeyedQueue();
  private readonly readBackWaitMs: number;

  constructor(
    readonly regionId: string,
    private readonly region: NativeRegion,
    options: NativeToggleOptions = {},
  ) {
    this.memo = new IdempotencyMemo(options.memoCapacity);
    this.readBackWaitMs = options.readBackWaitMs ?? 2_000;
  }

  async list(signal?: AbortSignal): Promise<Toggle[]> {
    return (await this.state(null, signal)).toggles;
  }

  async set(key: string, state: SettableToggleState, idempotencyKey: string, signal?: AbortSignal): Promise<ToggleChange> {
    const target = SettableToggleState.parse(state);
    const parsedKey = IdempotencyKey.safeParse(idempotencyKey);
    if (!parsedKey.success) throw new RangeError(`idempotency key: ${parsedKey.error.issues[0]?.message ?? 'invalid'}`);
    const name = Id.parse(key);
    return this.memo.run(
      idempotencyKey,
      JSON.stringify([name, target]),
      () => new ToggleError(this.regionId, ACTIONS, 'idempotency-key-reused', name, `idempotency key ${idempotencyKey} was used for another request`),
      () => this.queue.run(name, () => this.apply(name, target, idempotencyKey, signal)),
    );
  }

  events(key: string, limit: number): Promise<ToggleEvent[]> {
    Id.parse(key);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return Promise.reject(new RangeError(`events limit ${limit}: expected 1–1000`));
    return Promise.resolve([]);
  }

  private async apply(key: string, target: SettableToggleState, idempotencyKey: string, signal?: AbortSignal): Promise<ToggleChange> {
    const before = find(await this.state(null, signal), key, FLEET, this.regionId);
    if (before.state === target) return { before, after: before, changed: false };
    const result = await this.region.action({ type: 'toggle.set', key, state: target }, idempotencyKey, signal);
    if (result.status !== 'succeeded') throw new ToggleError(this.regionId, ACTIONS, 'refused', key, `the region refused: ${result.message}`);
    const after = find(await this.state(result.revision, signal), key, FLEET, this.regionId);
    if (after.state !== target) {
      throw new ToggleError(this.regionId, ACTIONS, 'read-back-mismatch', key, `asked for ${target}, but the region's state at revision ${result.revision ?? '?'} shows ${after.state}`);
    }
    return { before, after, changed: true };
  }

  /** The region's state, at least at `minRevision` when given. */
  private async state(minRevision: number | null, signal?: AbortSignal): Promise<FleetState> {
    const fresh = (s: FleetState | null | undefined): s is FleetState => !!s && (minRevision === null || s.revision >= minRevision);
    const live = this.region.live?.();
    if (fresh(live)) return live;
    if (live && minRevision !== null) {
      // The change stream usually delivers the effect within moments; wait for it rather than refetch everything.
      const deadline = Date.now() + this.readBackWaitMs;
      while (Date.now() < deadline && !signal?.aborted) {
        await new Promise((r) => setTimeout(r, 25));
        const now = this.region.live?.();
        if (fresh(now)) return now;
      }
    }
    const fetched = await this.region.fleet(signal);
    if (minRevision !== null && fetched.revision < minRevision) {
      throw new ToggleError(this.regionId, FLEET, 'read-back-mismatch', '', `the region's state is at revision ${fetched.revision}, before the action's revision ${minRevision}`);
    }
    return fetched;
  }
}

function find(state: FleetState, key: string, endpoint: string, region: string): Toggle {
  const toggle = state.toggles.find((t) => t.key === key);
  if (!toggle) throw new ToggleError(region, endpoint, 'unknown-toggle', key, 'the region has no such toggle');
  return toggle;
}
