import { describe, expect, it } from 'vitest';
import { StringPool } from '../../../electron/connector/string-pool.ts';

describe('StringPool', () => {
  it('holds each distinct string once', () => {
    const pool = new StringPool();
    const names = ['clinician-portal', 'fhir-gateway', 'clinician-portal', ['clinician', 'portal'].join('-')];
    expect(names.map((n) => pool.intern(n))).toEqual(names);
    expect(pool.size).toBe(2);
  });

  it('stops adding past maxEntries and still answers every string as it is', () => {
    const pool = new StringPool(3);
    for (let i = 0; i < 10; i++) expect(pool.intern(`host-${i}`)).toBe(`host-${i}`);
    expect(pool.size).toBe(3);
    expect(pool.intern('host-0')).toBe('host-0');
    expect(pool.size).toBe(3);
  });
});
