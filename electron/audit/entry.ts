import { z } from 'zod';

/**
 * One audit entry, with the fields NIST SP 800-53 AU-3 asks for: what happened (`kind`, `action`,
 * `before` / `after`, `outcome`), when (`at`, UTC with milliseconds), where (`workstation`,
 * `region`, `target`), the source (`consoleVersion`), who (`actorUser`, `actorName`) and why
 * (`reason`, `ticket`, `override`, `breakGlass`).
 *
 * The caller supplies an {@link AuditEntryInput}; the store adds `seq`, `at`, `consoleVersion`,
 * `prevHash` and `hash` and returns the {@link AuditEntry} it wrote.
 */

/** `intent`: written durably before an action is sent; `outcome`: its result, linked by `intentSeq`. */
export const AuditKind = z.enum(['intent', 'outcome', 'setting', 'note']);
export type AuditKind = z.infer<typeof AuditKind>;

/** `unknown`: no answer (timeout, dropped response); reconciliation may record a final outcome later. */
export const AuditOutcome = z.enum(['succeeded', 'failed', 'unknown']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** Longest text field the store accepts (a response summary, a justification…), in characters. */
export const MAX_TEXT = 4096;
/** Longest JSON value (before / after / what-if), serialized, in characters. */
export const MAX_JSON = 256 * 1024;

const text = (max = MAX_TEXT) => z.string().max(max);
const optionalText = (max = MAX_TEXT) => text(max).nullable().default(null);

/** Any JSON value (objects, arrays, strings, finite numbers, booleans, null). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Deepest nesting of a JSON field. */
const MAX_DEPTH = 32;

/**
 * True for a JSON value: null, booleans, finite numbers, strings, arrays and plain objects of them,
 * nested at most 32 deep. (A hand-written walk: `z.json()` cost ~10 µs per field, a fifth of a
 * durable append's budget.)
 */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isJsonValue(item, depth + 1)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !isJsonValue((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** Size is checked when the entry is serialized (`append`), so the value is serialized once. */
const optionalJson = z
  .custom<JsonValue>((value) => isJsonValue(value), { message: `not a JSON value (null, booleans, finite numbers, strings, arrays, plain objects; at most ${MAX_DEPTH} deep)` })
  .nullable()
  .default(null);

/** What a caller passes to `AuditStore.append`. Optional fields default to `null` (`breakGlass` to `false`). */
export const AuditEntryInput = z
  .object({
    kind: AuditKind,
    /** OS user name of the person acting. */
    actorUser: text(256).min(1),
    /** Display name from the settings (may be empty). */
    actorName: text(256),
    /** Host name of the machine the console runs on. */
    workstation: text(256).min(1),
    /** e.g. `toggle.set`, `rollout.pause`, `component.rollback`, `schema.rollback`, `settings.set`. */
    action: text(128).min(1),
    region: optionalText(256),
    /** What was acted on: a component, a toggle key, a rollout id, a setting name. */
    target: optionalText(1024),
    /** State before and after the action, as the console saw or asked for it. */
    before: optionalJson,
    after: optionalJson,
    /** The what-if verdict shown before confirming (introduced / resolved / unchanged violations). */
    whatIf: optionalJson,
    /** Justification recorded when the user overrode a what-if that introduces violations. */
    override: optionalText(),
    reason: optionalText(),
    ticket: optionalText(256),
    breakGlass: z.boolean().default(false),
    /** The `Idempotency-Key` sent with the action (intent) or answered for (outcome). */
    idempotencyKey: optionalText(256),
    /** For an outcome: the `seq` of its intent. */
    intentSeq: z.number().int().positive().nullable().default(null),
    outcome: AuditOutcome.nullable().default(null),
    /** Short summary of the endpoint's answer (status, error message), for outcomes. */
    response: optionalText(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.kind === 'outcome') {
      if (entry.intentSeq === null) ctx.addIssue({ code: 'custom', path: ['intentSeq'], message: 'an outcome names its intent (intentSeq)' });
      if (entry.outcome === null) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'an outcome entry says succeeded, failed or unknown' });
    } else {
      if (entry.intentSeq !== null) ctx.addIssue({ code: 'custom', path: ['intentSeq'], message: `only outcome entries link to an intent (this is a ${entry.kind})` });
      if (entry.outcome !== null) ctx.addIssue({ code: 'custom', path: ['outcome'], message: `only outcome entries carry an outcome (this is a ${entry.kind})` });
    }
    if (entry.breakGlass && !entry.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a break-glass action needs a reason' });
    if (entry.override !== null && entry.override.trim() === '') ctx.addIssue({ code: 'custom', path: ['override'], message: 'an override needs a justification' });
  });
/** What callers write (optional fields may be left out). */
export type AuditEntryInput = z.input<typeof AuditEntryInput>;
/** The input with its defaults applied. */
export type AuditEntryFields = z.output<typeof AuditEntryInput>;

/** An entry as stored: the input's fields plus what the store adds. */
export interface AuditEntry extends AuditEntryFields {
  /** 1, 2, 3… with no gaps. */
  seq: number;
  /** UTC ISO 8601 with milliseconds, e.g. `2026-11-01T12:00:00.000Z`. */
  at: string;
  consoleVersion: string;
  /** `hash` of the entry before (64 zeros for the first entry), lowercase hex. */
  prevHash: string;
  /** SHA-256 of `prevHash` followed by {@link canonicalEntry}, lowercase hex. */
  hash: string;
}

/** The `prevHash` of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields a hash covers, in the fixed order of the canonical serialization (the AU-3 order:
 * sequence and time first, then who, where, what, why, result and source).
 */
export const HASHED_FIELDS = [
  'seq',
  'at',
  'kind',
  'actorUser',
  'actorName',
  'workstation',
  'action',
  'region',
  'target',
  'before',
  'after',
  'whatIf',
  'override',
  'reason',
  'ticket',
  'breakGlass',
  'idempotencyKey',
  'intentSeq',
  'outcome',
  'response',
  'consoleVersion',
] as const satisfies readonly (keyof AuditEntry)[];
export type HashedField = (typeof HASHED_FIELDS)[number];

/**
 * Deterministic JSON: object keys sorted by UTF-16 code units (JavaScript's default sort), no
 * whitespace, strings and numbers exactly as `JSON.stringify` writes them. Two equal values always
 * give the same text. Non-finite numbers are refused (JSON has none).
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
}

const str = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));
const json = (value: JsonValue | null) => (value === null ? 'null' : canonicalJson(value));

/** The JSON fields of an entry as canonical JSON text (`null` for null). */
export interface CanonicalJsonFields {
  before: string;
  after: string;
  whatIf: string;
}

/**
 * The canonical serialization of an entry — the exact text the store keeps (column `entry`) and the
 * bytes its hash covers after `prevHash`:
 *
 *     {"seq":1,"at":"2026-11-01T12:00:00.000Z","kind":"intent","actorUser":"alice",…,"consoleVersion":"0.1.0"}
 *
 * A JSON object with exactly the {@link HASHED_FIELDS}, in that fixed order, no whitespace: text
 * fields as `JSON.stringify` writes them or `null`; `seq` and `intentSeq` as integers or `null`;
 * `breakGlass` as `true` / `false`; `before`, `after` and `whatIf` as {@link canonicalJson} (sorted
 * keys) or `null`. `prevHash` and `hash` are not part of it. Then, with the text encoded as UTF-8:
 *
 *     hash = lowercase hex SHA-256( ASCII(prevHash) || UTF-8(canonicalEntry(entry)) )
 *
 * where `prevHash` is the previous entry's hash (64 zeros before entry 1), so
 * `printf '%s%s' "$prevHash" "$entry" | sha256sum` reproduces any entry's hash from a JSONL export
 * or the database.
 */
export function canonicalEntry(entry: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return serializeEntry(entry, { before: json(entry.before), after: json(entry.after), whatIf: json(entry.whatIf) });
}

/** {@link canonicalEntry} with the JSON fields already serialized (the store checks their size first). */
export function serializeEntry(entry: Omit<AuditEntry, 'prevHash' | 'hash'>, j: CanonicalJsonFields): string {
  return (
    `{"seq":${entry.seq},"at":${str(entry.at)},"kind":${str(entry.kind)},"actorUser":${str(entry.actorUser)},` +
    `"actorName":${str(entry.actorName)},"workstation":${str(entry.workstation)},"action":${str(entry.action)},` +
    `"region":${str(entry.region)},"target":${str(entry.target)},"before":${j.before},"after":${j.after},` +
    `"whatIf":${j.whatIf},"override":${str(entry.override)},"reason":${str(entry.reason)},"ticket":${str(entry.ticket)},` +
    `"breakGlass":${entry.breakGlass ? 'true' : 'false'},"idempotencyKey":${str(entry.idempotencyKey)},` +
    `"intentSeq":${entry.intentSeq === null ? 'null' : entry.intentSeq},"outcome":${str(entry.outcome)},` +
    `"response":${str(entry.response)},"consoleVersion":${str(entry.consoleVersion)}}`
  );
}

/** The prefix every canonical entry with this seq starts with (verify checks it: rows cannot be renumbered). */
export function canonicalPrefix(seq: number): string {
  return `{"seq":${seq},`;
}

/** Filters of `query` and `export`. Every field narrows; `text` is an FTS5 search over reason, target, ticket, action, region and actor. */
export const AuditFilter = z
  .object({
    /** Inclusive lower bound on `at` (ISO 8601). */
    since: z.iso.datetime({ offset: true }).optional(),
    /** Exclusive upper bound on `at` (ISO 8601). */
    until: z.iso.datetime({ offset: true }).optional(),
    /** Matches `actorUser` or `actorName` exactly. */
    actor: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    action: z.string().min(1).optional(),
    kind: AuditKind.optional(),
    outcome: AuditOutcome.optional(),
    /** Words to find (all of them, prefix match on the last one), e.g. `CHG-1042 rollback`. */
    text: z.string().max(500).optional(),
  })
  .strict();
export type AuditFilter = z.input<typeof AuditFilter>;

/** `query`'s paging: newest first. */
export const AuditPage = z.object({
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
export type AuditPage = z.input<typeof AuditPage>;

export interface AuditQueryResult {
  entries: AuditEntry[];
  /** Entries matching the filter, all pages together. */
  total: number;
}
