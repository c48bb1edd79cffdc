import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditEntryInput, canonicalEntry, canonicalJson, HASHED_FIELDS, type AuditEntry, type JsonValue } from '../../../electron/audit/index.ts';
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

describe('ftsQuery', () => {
  it('quotes every word, keeps punctuated words as phrases and matches the last word as a prefix', () => {
    expect(ftsQuery('CHG-1042 rollb')).toBe('"CHG 1042" "rollb"*');
    expect(ftsQuery('  "eu-west" OR NEAR(x) ')).toBe('"eu west" "OR" "NEAR x"*');
    expect(ftsQuery('--- !!')).toBeNull();
  });
});
