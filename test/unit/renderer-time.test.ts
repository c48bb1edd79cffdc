import { describe, expect, it } from 'vitest';
import { formatAge, formatUtc } from '../../renderer/src/lib/time.ts';

describe('renderer time formatting', () => {
  const now = new Date('2026-11-27T06:30:00Z');
  it('formats ages compactly', () => {
    expect(formatAge(null, now)).toBe('no data yet');
    expect(formatAge('2026-11-27T06:29:59.5Z', now)).toBe('just now');
    expect(formatAge('2026-11-27T06:29:18Z', now)).toBe('42 s ago');
    expect(formatAge('2026-11-27T06:27:00Z', now)).toBe('3 min ago');
    expect(formatAge('2026-11-27T04:25:00Z', now)).toBe('2 h 5 min ago');
    expect(formatAge('2026-11-24T06:30:00Z', now)).toBe('3 d ago');
  });
  it('shows UTC with the zone, whatever the offset of the input', () => {
    expect(formatUtc('2026-11-27T08:30:12+02:00')).toBe('2026-11-27 06:30:12 UTC');
  });
});
