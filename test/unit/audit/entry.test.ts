import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AuditEntryInput, canonicalEntry, canonicalJson, HASHED_FIELDS, type AuditEntry, type JsonValue } from '../../../electron/audit/index.ts';
import { checkedCanonicalJson, isJsonValue, MAX_JSON, prepareEntry, quote } from '../../../electron/audit/entry.ts';
import { chainHash, ftsQuery } from '../../../electron/audit/store.ts';
import { sampleInput } from '../../support/audit-fixtures.ts';

function entry(): Omit<AuditEntry, 'prevHash' | 'hash'> {
  return { ...AuditEntryInput.parse(sampleInput(3)), seq: 4, at: '2026-11-01T12:00:00.000Z', consoleVersion: '0.1.0' };
}

/** JSON values whose objects are built with keys in random order. */
const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.string({ unit: 'grapheme' }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

function shuffledKeys(value: JsonValue, seed: number): JsonValue {
  if (Array.isArray(value)) return value.map((v, i) => shuffledKeys(v, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const order = keys.map((k, i) => [k, (i * 7919 + seed) % (keys.length + 3)] as const).sort((a, b) => a[1] - b[1]);
  return Object.fromEntries(order.map(([k]) => [k, shuffledKeys(value[k] as JsonValue, seed + 1)]));
}

describe('canonical serialization', () => {
  it('writes the fields in the documented fixed order, no whitespace, nested keys sorted', () => {
    const text = canonicalEntry(entry());
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([...HASHED_FIELDS]);
    expect(text.startsWith('{"seq":4,"at":"2026-11-01T12:00:00.000Z","kind":"intent","actorUser":"alice",')).toBe(true);
    expect(text).toContain('"before":{"i":3,"nested":{"a":true,"z":[1,"two",null]},"train":47}');
    expect(text).toContain('"breakGlass":false,"idempotencyKey":"key-3","intentSeq":null,"outcome":null,');
    expect(text.endsWith(',"consoleVersion":"0.1.0"}')).toBe(true);
    expect(text).not.toMatch(/":\s|,\s"/);
  });

  it('hash = SHA-256(prevHash || canonical text), as the docs tell auditors to recompute it', () => {
    const prev = 'ab'.repeat(32);
    const text = canonicalEntry(entry());
    expect(chainHash(prev, text)).toBe(createHash('sha256').update(Buffer.concat([Buffer.from(prev, 'ascii'), Buffer.from(text, 'utf8')])).digest('hex'));
    expect(chainHash(prev, text)).not.toBe(chainHash('cd'.repeat(32), text));
  });

  it('canonicalJson: equal values give equal text whatever the key order, and parse back to the value', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 1000 }), (value, seed) => {
        const text = canonicalJson(value);
        expect(canonicalJson(shuffledKeys(value, seed))).toBe(text);
        expect(canonicalJson(JSON.parse(text) as JsonValue)).toBe(text);
      }),
      { seed: 1010, numRuns: 300 },
    );
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(/not a JSON number/);
  });
});

describe('AuditEntryInput', () => {
  it('fills defaults for optional fields', () => {
    const parsed = AuditEntryInput.parse({ kind: 'note', actorUser: 'a', actorName: '', workstation: 'w', action: 'note' });
    expect(parsed).toMatchObject({ region: null, before: null, breakGlass: false, intentSeq: null, outcome: null });
  });

  it('links outcomes to intents and only outcomes', () => {
    const base = { actorUser: 'a', actorName: '', workstation: 'w', action: 'toggle.set' };
    expect(AuditEntryInput.safeParse({ ...base, kind: 'outcome', outcome: 'succeeded' }).error?.issues[0]?.path).toEqual(['intentSeq']);
    expect(AuditEntryInput.safeParse({ ...base, kind: 'outcome', intentSeq: 3 }).error?.issues[0]?.path).toEqual(['outcome']);
    expect(AuditEntryInput.safeParse({ ...base, kind: 'intent', intentSeq: 3 }).error?.issues[0]?.path).toEqual(['intentSeq']);
    expect(AuditEntryInput.safeParse({ ...base, kind: 'outcome', intentSeq: 3, outcome: 'unknown' }).success).toBe(true);
  });

  it('requires a reason for break-glass and a justification for an override', () => {
    const base = { kind: 'intent', actorUser: 'a', actorName: '', workstation: 'w', action: 'toggle.set' } as const;
    expect(AuditEntryInput.safeParse({ ...base, breakGlass: true }).error?.issues[0]?.path).toEqual(['reason']);
    expect(AuditEntryInput.safeParse({ ...base, override: '  ' }).error?.issues[0]?.path).toEqual(['override']);
    expect(AuditEntryInput.safeParse({ ...base, unknownField: 1 }).success).toBe(false);
  });
});

/** A value that is not JSON (or not plainly so), for the fields that take JSON. */
const notJson = fc.constantFrom<unknown>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  () => 1,
  Symbol('s'),
  10n,
  new Date(0),
  new Map(),
  // eslint-disable-next-line no-sparse-arrays
  [1, , 2],
  { a: undefined },
  Object.create({ inherited: 1 }) as object,
  JSON.parse('{"__proto__": {"x": 1}}') as object,
  // Nested 32 deep (the most JSON fields may be) and 33.
  nested(32, (inner) => ({ inner })),
  nested(33, (inner) => ({ inner })),
  nested(32, (inner) => [inner]),
  nested(33, (inner) => [{ a: inner }]),
);
function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}
/** A text within `max` characters, some of them right at the limit, some not ASCII. */
const text = (max: number, min = 0) =>
  fc.oneof(
    { arbitrary: fc.string({ minLength: min, maxLength: 12 }), weight: 6 },
    { arbitrary: fc.string({ minLength: max - 1, maxLength: max }), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: 8 }), weight: 2 },
  );
const optionalText = (max: number) => fc.option(text(max), { nil: null });
/** Valid inputs (optional fields left out or not)… */
const validInput = fc
  .record(
    {
      kind: fc.constantFrom('intent', 'outcome', 'setting', 'note'),
      actorUser: text(256, 1),
      actorName: text(256),
      workstation: text(256, 1),
      action: text(128, 1),
      region: optionalText(256),
      target: optionalText(1024),
      before: fc.option(json, { nil: null }),
      after: json,
      whatIf: fc.option(json, { nil: null }),
      override: fc.option(fc.string({ minLength: 1, maxLength: 9 }).filter((o) => o.trim() !== ''), { nil: null }),
      reason: optionalText(4096),
      ticket: optionalText(256),
      breakGlass: fc.boolean(),
      idempotencyKey: optionalText(256),
      intentSeq: fc.integer({ min: 1, max: 2 ** 40 }),
      outcome: fc.constantFrom('succeeded', 'failed', 'unknown'),
      response: optionalText(4096),
    },
    { requiredKeys: ['kind', 'actorUser', 'actorName', 'workstation', 'action'] },
  )
  .map((input) => {
    const fixed: Record<string, unknown> = { ...input };
    if (input.kind !== 'outcome') {
      delete fixed.intentSeq;
      delete fixed.outcome;
    } else {
      fixed.intentSeq ??= 1;
      fixed.outcome ??= 'failed';
    }
    if (input.breakGlass) fixed.reason = 'why';
    return fixed;
  });
/** …with up to two fields set to values near and across the schema's rules. */
const corruption = fc.oneof(
  fc.record({ key: fc.constantFrom('kind', 'outcome'), value: fc.constantFrom<unknown>('other', 3, null, undefined, 'intent', 'succeeded') }),
  fc.record({ key: fc.constantFrom('actorUser', 'actorName', 'workstation', 'action', 'region', 'target', 'reason', 'ticket', 'override', 'response', 'idempotencyKey'), value: fc.oneof(fc.constantFrom<unknown>('', '   ', null, undefined, 7, 'x'.repeat(129), 'x'.repeat(257), 'x'.repeat(1025)), text(4097)) }),
  fc.record({ key: fc.constantFrom('before', 'after', 'whatIf'), value: fc.oneof(notJson, fc.constantFrom<unknown>(undefined, null)) }),
  fc.record({ key: fc.constantFrom('breakGlass'), value: fc.constantFrom<unknown>(true, undefined, 'yes', 0) }),
  fc.record({ key: fc.constantFrom('intentSeq'), value: fc.constantFrom<unknown>(1, 0, -1, 1.5, 2 ** 60, null, undefined, '3') }),
  fc.record({ key: fc.constantFrom('unexpected', 'toString', '__proto__'), value: fc.constantFrom<unknown>(1, undefined) }),
);
const candidate = fc.tuple(validInput, fc.array(corruption, { maxLength: 2 })).map(([input, changes]) => {
  const changed: Record<string, unknown> = { ...input };
  for (const { key, value } of changes) Object.defineProperty(changed, key, { value, enumerable: true, configurable: true, writable: true });
  return changed;
});

describe('prepareEntry (the append path without zod) and its helpers', () => {
  it('accepts only what the schema accepts, returns what the schema returns, and serializes it canonically', () => {
    let fast = 0;
    fc.assert(
      fc.property(candidate, (input) => {
        const prepared = prepareEntry(input, '9.9.9');
        const parsed = AuditEntryInput.safeParse(input);
        if (prepared === null) return;
        expect(parsed.success, JSON.stringify(input)).toBe(true);
        const data = parsed.data as z.output<typeof AuditEntryInput>;
        if ('tooLarge' in prepared) {
          expect(canonicalJson(data[prepared.tooLarge] as JsonValue).length).toBeGreaterThan(MAX_JSON);
          return;
        }
        fast++;
        const { consoleVersion, ...fields } = prepared.entry;
        expect(consoleVersion).toBe('9.9.9');
        expect(fields).toEqual(data);
        expect(`{"seq":7,"at":"2026-11-01T12:00:00.000Z",${prepared.tail}`).toBe(canonicalEntry({ ...data, seq: 7, at: '2026-11-01T12:00:00.000Z', consoleVersion: '9.9.9' }));
      }),
      { seed: 4242, numRuns: 3000 },
    );
    // The property was not vacuous.
    expect(fast).toBeGreaterThan(1000);
    for (let i = 0; i < 30; i++) expect(prepareEntry(sampleInput(i), 'v')).not.toBeNull();
  });

  it('checkedCanonicalJson agrees with isJsonValue and canonicalJson; quote with JSON.stringify', () => {
    fc.assert(
      fc.property(fc.oneof(json, notJson), (value) => {
        const text = checkedCanonicalJson(value);
        expect(text !== null, fc.stringify(value)).toBe(isJsonValue(value));
        if (text !== null) expect(text).toBe(canonicalJson(value as JsonValue));
      }),
      { seed: 77, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\u007f', '\u2028', '\ud800', '\udc00', '\ud83d\ude00'), fc.string({ unit: 'binary', maxLength: 1 })) }), (text) => {
        expect(quote(text)).toBe(JSON.stringify(text));
      }),
      { seed: 78, numRuns: 2000 },
    );
    expect(checkedCanonicalJson({ 10: 1, 9: 2, b: { d: -0, c: 1e21 } })).toBe('{"10":1,"9":2,"b":{"c":1e+21,"d":0}}');
    expect(checkedCanonicalJson(nested(32, (inner) => ({ inner })))).not.toBeNull();
    expect(checkedCanonicalJson(nested(33, (inner) => ({ inner })))).toBeNull();
  });

  it('is not swayed by a toJSON planted on a prototype', () => {
    const input = { ...sampleInput(0), before: { a: [1, { b: 2 }] } };
    const canonical = (prepareEntry(input, 'v') as { tail: string }).tail;
    for (const proto of [Object.prototype, Array.prototype]) {
      Object.defineProperty(proto, 'toJSON', { value: () => 'planted', configurable: true, writable: true });
      try {
        expect((prepareEntry(input, 'v') as { tail: string }).tail).toBe(canonical);
      } finally {
        delete (proto as { toJSON?: unknown }).toJSON;
      }
    }
  });
});

describe('ftsQuery', () => {
  it('quotes every word, keeps punctuated words as phrases and matches the last word as a prefix', () => {
    expect(ftsQuery('CHG-1042 rollb')).toBe('"CHG 1042" "rollb"*');
    expect(ftsQuery('  "eu-west" OR NEAR(x) ')).toBe('"eu west" "OR" "NEAR x"*');
    expect(ftsQuery('--- !!')).toBeNull();
  });
});
