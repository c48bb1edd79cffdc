import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/compat/index.ts';
import { fleetState } from './builders.ts';

const versions = { search: { s44: 44, s45: 45, s46: 46, s47: 47, s48: 48 } };
const spread = (newest: string) =>
  fleetState({ region: 'eu-west', versions, instances: [['search', 's44', 2], ['search', newest, 1]] });

describe('violation ids and firstSeen', () => {
  it('gives the same problem the same id, and keeps its firstSeen across evaluations', () => {
    const first = evaluate([spread('s47')], { now: '2026-11-01T10:00:00.000Z' });
    const again = evaluate([spread('s47')], { now: '2026-11-01T10:05:00.000Z', previous: first.violations });
    expect(again.violations.map((v) => [v.id, v.firstSeen])).toEqual([['version-window:eu-west:search:44-47', '2026-11-01T10:00:00.000Z']]);
  });

  it('treats different trains as a different violation with the same subject', () => {
    const first = evaluate([spread('s47')], { now: '2026-11-01T10:00:00.000Z' });
    const wider = evaluate([spread('s48')], { now: '2026-11-01T10:05:00.000Z', previous: first.violations });
    expect(wider.violations[0]).toMatchObject({ id: 'version-window:eu-west:search:44-48', subject: first.violations[0]?.subject, firstSeen: '2026-11-01T10:05:00.000Z' });
  });

  it('stamps a violation that went away and came back as new', () => {
    const t1 = evaluate([spread('s47')], { now: '2026-11-01T10:00:00.000Z' });
    const t2 = evaluate([spread('s45')], { now: '2026-11-01T10:05:00.000Z', previous: t1.violations });
    const t3 = evaluate([spread('s47')], { now: '2026-11-01T10:10:00.000Z', previous: t2.violations });
    expect(t2.violations).toEqual([]);
    expect(t3.violations[0]?.firstSeen).toBe('2026-11-01T10:10:00.000Z');
  });
});
