import { describe, expect, it } from 'vitest';
import { AuditEntryInput, canonicalEntry, type AuditEntry } from '../../../electron/audit/index.ts';
import { entryFromText } from '../../../electron/audit/entry-from-text.ts';
import { sampleInput } from '../../support/audit-fixtures.ts';

const HASHES = { prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) };

function stored(n: number): AuditEntry {
  return { ...AuditEntryInput.parse(sampleInput(n)), seq: n + 1, at: '2026-11-01T12:00:00.000Z', consoleVersion: '0.1.0', ...HASHES };
}

describe('an audit entry read back from its canonical text', () => {
  it('is the entry that was written: intents, notes, settings and an outcome', () => {
    const outcome: AuditEntry = { ...AuditEntryInput.parse({ ...sampleInput(0), kind: 'outcome', idempotencyKey: null, whatIf: null, intentSeq: 1, outcome: 'succeeded', response: '200 OK' }), seq: 2, at: '2026-11-01T12:00:01.000Z', consoleVersion: '0.1.0', ...HASHES };
    for (const entry of [...Array.from({ length: 12 }, (_, n) => stored(n)), outcome]) {
      const { prevHash, hash, ...hashed } = entry;
      expect(entryFromText([entry.seq, canonicalEntry(hashed), prevHash, hash])).toEqual(entry);
    }
  });

  it('shows what can be read of a damaged text, never throwing', () => {
    const broken = entryFromText([5, '{"seq":5,"at":"2026-11-01T12:00:00.000Z","kind":"delete-everything","outcome":"maybe","actorUser":42,"reason":"r"}', HASHES.prevHash, HASHES.hash]);
    expect(broken).toMatchObject({ seq: 5, at: '2026-11-01T12:00:00.000Z', kind: 'note', outcome: null, actorUser: '', reason: 'r', intentSeq: null, breakGlass: false });
    const garbage = entryFromText([6, `not json ${'x'.repeat(500)}`, HASHES.prevHash, HASHES.hash]);
    expect(garbage.response).toBe(`unreadable entry: not json ${'x'.repeat(191)}`);
    expect(garbage).toMatchObject({ seq: 6, kind: 'note', at: new Date(0).toISOString(), action: '' });
    expect(entryFromText([7, '[1,2]', '', '']).kind).toBe('note');
  });
});
