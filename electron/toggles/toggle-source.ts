import { z } from 'zod';
import { IsoTime, ToggleState, type Toggle } from '../../shared/protocol/index.ts';

/** What `set` may ask for: a kill switch turns a flag on or off; `dormant` is a state a source reports, not one the console sets. */
export const SettableToggleState = z.enum(['on', 'off']);
export type SettableToggleState = z.infer<typeof SettableToggleState>;

/**
 * One entry of a toggle source's own change log for a flag — who did what, when. For Unleash it is
 * Unleash's event log (changes made in Unleash's UI show up here too); for the native protocol it is
 * empty (the region keeps no per-toggle history; the console's audit trail is the record).
 */
export const ToggleEvent = z.object({
  /** The source's id for the event (Unleash: the event id). */
  id: z.string().min(1),
  /** When it happened (RFC 3339). */
  at: IsoTime,
  /** Who did it, as the source names them (Unleash: `createdBy`, the user or the API token's name). */
  actor: z.string(),
  /** The source's event type, e.g. `feature-environment-enabled`. */
  type: z.string().min(1),
  /** A short readable line, e.g. `Flag enabled`. */
  summary: z.string(),
  /** The environment the change applies to; null for changes to the flag as a whole. */
  environment: z.string().nullable(),
  /** The flag's state in that environment after the event, when the event is an enable/disable. */
  state: ToggleState.nullable(),
});
export type ToggleEvent = z.infer<typeof ToggleEvent>;

/** The outcome of `set`: the flag as read before, and as READ BACK after (never as assumed). */
export interface ToggleChange {
  before: Toggle;
  after: Toggle;
  /** False when the flag already had the asked-for state: nothing was sent. */
  changed: boolean;
}

/**
 * Where a region's toggles live: the region's own endpoint (native protocol) or an Unleash project +
 * environment. Both give the console the same view (`Toggle`, shared/protocol) and the same guarantees:
 *
 * - `list` returns every flag of the source, validated; a bad answer throws, naming region, endpoint and field.
 * - `set` changes one flag and verifies the change by reading it back: it resolves only when the
 *   source confirms the asked-for state, and throws otherwise. Setting the state a flag already has
 *   succeeds without sending anything (`changed: false`), so a retried action applies at most once.
 *   `idempotencyKey` identifies the action (derived from the audit intent): reused with another
 *   request it is refused; reused with the same one it answers the first outcome again.
 * - `events` returns the source's own recent changes of one flag, newest first.
 */
export interface ToggleSource {
  readonly kind: 'native' | 'unleash';
  readonly regionId: string;
  list(signal?: AbortSignal): Promise<Toggle[]>;
  set(key: string, state: SettableToggleState, idempotencyKey: string, signal?: AbortSignal): Promise<ToggleChange>;
  events(key: string, limit: number, signal?: AbortSignal): Promise<ToggleEvent[]>;
}

export type ToggleErrorCode =
  /** No flag with that key in the source (or in the configured project). */
  | 'unknown-toggle'
  /** The flag exists but cannot be changed as asked (archived in Unleash, the region refused the action). */
  | 'refused'
  /** The write was answered, but reading the flag back shows another state. */
  | 'read-back-mismatch'
  /** The idempotency key was used before for a different request. */
  | 'idempotency-key-reused';

/**
 * A toggle operation the source answered but that did not do what was asked. Shaped like an
 * endpoint error (`region`, `endpoint`), so it crosses the API as kind `endpoint` with both named.
 */
export class ToggleError extends Error {
  readonly transient = false;
  constructor(
    readonly region: string,
    readonly endpoint: string,
    readonly code: ToggleErrorCode,
    readonly key: string,
    detail: string,
  ) {
    super(`${region} ${endpoint}: toggle ${JSON.stringify(key)}: ${detail}`);
    this.name = 'ToggleError';
  }
}

/**
 * Remembers the outcome per idempotency key (bounded, oldest forgotten first), so a retry of the same
 * action answers the first outcome instead of acting again on whatever the flag is by then.
 */
export class IdempotencyMemo {
  private readonly entries = new Map<string, { request: string; outcome: Promise<ToggleChange> }>();

  constructor(private readonly capacity = 10_000) {}

  /** Runs `apply` once per key; a failed outcome is forgotten (the action may be retried with the same key). */
  run(key: string, request: string, reused: () => Error, apply: () => Promise<ToggleChange>): Promise<ToggleChange> {
    const known = this.entries.get(key);
    if (known) {
      if (known.request !== request) return Promise.reject(reused());
      return known.outcome;
    }
    const outcome = apply();
    this.entries.set(key, { request, outcome });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    outcome.catch(() => {
      if (this.entries.get(key)?.outcome === outcome) this.entries.delete(key);
    });
    return outcome;
  }
}

/** Runs calls for the same key one after another (two clicks on one flag never interleave their read-write-read). */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
