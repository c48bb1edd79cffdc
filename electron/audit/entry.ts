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
  return `{"seq":${entry.seq},"at":${str(entry.at)},${serializeTail(entry, entry.consoleVersion, j)}`;
}

/**
 * The canonical text from `"kind"` to the closing brace: everything but `{"seq":…,"at":…,`, which
 * the store knows only once it holds the write lock.
 */
export function serializeTail(f: AuditEntryFields, consoleVersion: string, j: CanonicalJsonFields): string {
  return (
    `"kind":${str(f.kind)},"actorUser":${str(f.actorUser)},` +
    `"actorName":${str(f.actorName)},"workstation":${str(f.workstation)},"action":${str(f.action)},` +
    `"region":${str(f.region)},"target":${str(f.target)},"before":${j.before},"after":${j.after},` +
    `"whatIf":${j.whatIf},"override":${str(f.override)},"reason":${str(f.reason)},"ticket":${str(f.ticket)},` +
    `"breakGlass":${f.breakGlass ? 'true' : 'false'},"idempotencyKey":${str(f.idempotencyKey)},` +
    `"intentSeq":${f.intentSeq === null ? 'null' : f.intentSeq},"outcome":${str(f.outcome)},` +
    `"response":${str(f.response)},"consoleVersion":${str(consoleVersion)}}`
  );
}

/**
 * `JSON.stringify` of a string, for the common case without calling it: a string with no character
 * JSON escapes (control characters, `"`, `\\`, lone surrogates) is written as it is, between quotes.
 */
export function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/**
 * {@link canonicalJson} of a value that is still to be checked, in one walk: its canonical text when
 * it is a JSON value as {@link isJsonValue} defines it, otherwise null. (null itself gives the text
 * `null`.)
 */
export function checkedCanonicalJson(value: unknown, depth = 0): string | null {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // String() writes a finite number exactly as JSON.stringify does (-0 as 0).
      return Number.isFinite(value) ? String(value) : null;
    case 'object':
      break;
    default:
      return null;
  }
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    // Items by index, as isJsonValue's for…of reads them from a plain array (holes are undefined: refused).
    if (Object.getPrototypeOf(value) !== Array.prototype || Object.hasOwn(value, Symbol.iterator)) return null;
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item = checkedCanonicalJson(value[i], depth + 1);
      if (item === null) return null;
      out += i === 0 ? item : `,${item}`;
    }
    return `${out}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  const object = value as Record<string, unknown>;
  // for…in lists the own keys, then inherited enumerable ones: isJsonValue refuses those, and so does this.
  const keys: string[] = [];
  let sorted = true;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) return null;
    if (sorted && keys.length > 0 && !((keys[keys.length - 1] as string) < key)) sorted = false;
    keys.push(key);
  }
  if (!sorted) keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = checkedCanonicalJson(object[key], depth + 1);
    if (item === null) return null;
    out += `${i === 0 ? '' : ','}${quote(key)}:${item}`;
  }
  return `${out}}`;
}

/** An input accepted by {@link prepareEntry}: its fields with the defaults applied, and its canonical text from `"kind"` on. */
export interface PreparedEntry {
  /** The fields and the console version (all of an entry but what the store adds under its lock). */
  entry: AuditEntryFields & { consoleVersion: string };
  /** {@link serializeTail} of them. */
  tail: string;
}

/** `undefined` (left out) → null, null → null, a text of at most `max` characters → itself; anything else → undefined (not accepted). */
function optional(value: unknown, max: number): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** The JSON fields' canonical texts, each checked against MAX_JSON (a ConsoleError-ready complaint otherwise). */
export function canonicalJsonFields(f: Pick<AuditEntryFields, 'before' | 'after' | 'whatIf'>): CanonicalJsonFields | { tooLarge: 'before' | 'after' | 'whatIf' } {
  const json = { before: 'null', after: 'null', whatIf: 'null' };
  for (const key of ['before', 'after', 'whatIf'] as const) {
    const value = f[key];
    if (value === null) continue;
    json[key] = canonicalJson(value);
    if (json[key].length > MAX_JSON) return { tooLarge: key };
  }
  return json;
}

/**
 * The append path's check of an input, without zod, and its canonical text from `"kind"` on, in
 * one pass: the fields with their defaults applied and {@link serializeTail} of them, or null when
 * the input is not plainly valid — the caller then runs {@link AuditEntryInput} for the exact error.
 * It never accepts what `AuditEntryInput` refuses, and what it accepts it returns as
 * `AuditEntryInput.parse` would, serialized as canonicalEntry does (a unit test holds it to both).
 * A JSON field longer than MAX_JSON once serialized is reported as `{ tooLarge }`.
 *
 * Written for the cold path: an append follows an fsync, after which little of the process is still
 * in the CPU's caches, and zod or a JSON.stringify of the entry cost tens of microseconds there (a
 * durable append on a quiet disk takes about a millisecond).
 */
export function prepareEntry(input: unknown, consoleVersion: string): PreparedEntry | { tooLarge: 'before' | 'after' | 'whatIf' } | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return null;
  const v = input as Record<string, unknown>;
  for (const key in v) {
    if (!Object.hasOwn(v, key)) return null;
    switch (key) {
      case 'kind':
      case 'actorUser':
      case 'actorName':
      case 'workstation':
      case 'action':
      case 'region':
      case 'target':
      case 'before':
      case 'after':
      case 'whatIf':
      case 'override':
      case 'reason':
      case 'ticket':
      case 'breakGlass':
      case 'idempotencyKey':
      case 'intentSeq':
      case 'outcome':
      case 'response':
        break;
      default:
        return null;
    }
  }
  const { kind, actorUser, actorName, workstation, action } = v;
  if (kind !== 'intent' && kind !== 'outcome' && kind !== 'setting' && kind !== 'note') return null;
  if (typeof actorUser !== 'string' || actorUser.length < 1 || actorUser.length > 256) return null;
  if (typeof actorName !== 'string' || actorName.length > 256) return null;
  if (typeof workstation !== 'string' || workstation.length < 1 || workstation.length > 256) return null;
  if (typeof action !== 'string' || action.length < 1 || action.length > 128) return null;
  const region = optional(v.region, 256);
  const target = optional(v.target, 1024);
  const override = optional(v.override, MAX_TEXT);
  const reason = optional(v.reason, MAX_TEXT);
  const ticket = optional(v.ticket, 256);
  const idempotencyKey = optional(v.idempotencyKey, 256);
  const response = optional(v.response, MAX_TEXT);
  if (region === undefined || target === undefined || override === undefined || reason === undefined || ticket === undefined || idempotencyKey === undefined || response === undefined) return null;
  const breakGlass = v.breakGlass === undefined ? false : v.breakGlass;
  if (typeof breakGlass !== 'boolean') return null;
  const intentSeq = v.intentSeq === undefined ? null : v.intentSeq;
  if (intentSeq !== null && !(typeof intentSeq === 'number' && Number.isSafeInteger(intentSeq) && intentSeq > 0)) return null;
  const outcome = v.outcome === undefined ? null : v.outcome;
  if (outcome !== null && outcome !== 'succeeded' && outcome !== 'failed' && outcome !== 'unknown') return null;
  // The schema's cross-field rules.
  if (kind === 'outcome' ? intentSeq === null || outcome === null : intentSeq !== null || outcome !== null) return null;
  if (breakGlass && !reason) return null;
  if (override !== null && override.trim() === '') return null;
  const before = v.before === undefined ? null : v.before;
  const after = v.after === undefined ? null : v.after;
  const whatIf = v.whatIf === undefined ? null : v.whatIf;
  const beforeText = checkedCanonicalJson(before);
  const afterText = checkedCanonicalJson(after);
  const whatIfText = checkedCanonicalJson(whatIf);
  if (beforeText === null || afterText === null || whatIfText === null) return null;
  if (beforeText.length > MAX_JSON) return { tooLarge: 'before' };
  if (afterText.length > MAX_JSON) return { tooLarge: 'after' };
  if (whatIfText.length > MAX_JSON) return { tooLarge: 'whatIf' };
  const text = (value: string | null) => (value === null ? 'null' : quote(value));
  // serializeTail's text, written here with quote() (kind and outcome need no escaping).
  const tail =
    `"kind":"${kind}","actorUser":${quote(actorUser)},"actorName":${quote(actorName)},"workstation":${quote(workstation)},` +
    `"action":${quote(action)},"region":${text(region)},"target":${text(target)},"before":${beforeText},"after":${afterText},` +
    `"whatIf":${whatIfText},"override":${text(override)},"reason":${text(reason)},"ticket":${text(ticket)},` +
    `"breakGlass":${breakGlass ? 'true' : 'false'},"idempotencyKey":${text(idempotencyKey)},` +
    `"intentSeq":${intentSeq === null ? 'null' : intentSeq},"outcome":${outcome === null ? 'null' : `"${outcome}"`},` +
    `"response":${text(response)},"consoleVersion":${quote(consoleVersion)}}`;
  return {
    entry: {
      kind,
      actorUser,
      actorName,
      workstation,
      action,
      region,
      target,
      before: before as JsonValue | null,
      after: after as JsonValue | null,
      whatIf: whatIf as JsonValue | null,
      override,
      reason,
      ticket,
      breakGlass,
      idempotencyKey,
      intentSeq,
      outcome,
      response,
      consoleVersion,
    },
    tail,
  };
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
