import { describe, expect, it } from 'vitest';
import type { AuditEntryView, RegionStatus } from '../../../shared/contract/index.ts';
import type { Violation } from '../../../shared/compat/schemas.ts';
import type { FleetState, Instance } from '../../../shared/protocol/index.ts';
import { compareSnapshots, type ComparableSide } from '../../../electron/snapshots/compare.ts';
import type { SignalMean } from '../../../electron/snapshots/open.ts';

const AT = '2026-03-02T10:00:00.000Z';
const LATER = '2026-03-02T11:00:00.000Z';

function instance(id: string, component: string, version: string, state: Instance['state'] = 'running'): Instance {
  return { id, host: 'h', component, version, state, startedAt: AT, activeUsers: 1 };
}

function state(region: string, instances: Instance[], toggles: Array<[string, 'on' | 'off' | 'dormant']>): FleetState {
  return {
    region: { id: region, name: region, timezone: 'UTC' },
    revision: 1,
    generatedAt: AT,
    trains: [],
    components: [],
    componentVersions: [
      { component: 'search', version: '1.0', train: 1 },
      { component: 'search', version: '2.0', train: 2 },
      { component: 'viewer', version: '7.0', train: 1 },
    ],
    dependencies: [],
    instances,
    databaseGroups: [],
    databases: [],
    rollouts: [],
    toggles: toggles.map(([key, s]) => ({ key, description: '', environment: 'production', state: s, minVersion: null })),
    stageGates: [],
  };
}

function status(id: string, s: RegionStatus['state']): RegionStatus {
  return { id, name: id, baseUrl: '', insecure: false, state: s, breaker: 'closed', lastGoodAt: AT, revision: 1, lastError: null };
}

function violation(id: string): Violation {
  return { id, subject: id, rule: 'peer-skew', regions: ['us-east'], components: ['search'], databaseGroup: null, toggle: null, trains: [1, 3], trainNames: ['a', 'c'], gap: 2, limit: 1, versions: [], schemaTrains: [], instances: 1, activeUsers: 1, databases: 0, firstSeen: AT, sentence: `violation ${id}` };
}

function entry(seq: number, at: string): AuditEntryView {
  return { seq, at, kind: 'note', actorUser: 'a', actorName: '', workstation: 'w', action: 'note', region: null, target: null, before: null, after: null, whatIf: null, override: null, reason: null, ticket: null, breakGlass: false, idempotencyKey: null, intentSeq: null, outcome: null, response: null, consoleVersion: 't', prevHash: '', hash: '' };
}

function side(over: Partial<ComparableSide> & { takenAt: string }): ComparableSide {
  return {
    label: over.takenAt,
    file: null,
    statuses: [],
    states: [],
    violations: [],
    signalMeans: () => [],
    auditBetween: () => ({ entries: [], total: 0 }),
    auditHeldFrom: null,
    hasAudit: true,
    ...over,
  };
}

const mean = (version: string, signal: SignalMean['signal'], m: number | null): SignalMean => ({ region: 'us-east', component: 'search', version, signal, mean: m });

describe('compareSnapshots', () => {
  const a = side({
    takenAt: AT,
    statuses: [status('us-east', 'connected'), status('eu-west', 'connected')],
    states: [state('us-east', [instance('1', 'search', '1.0'), instance('2', 'search', '2.0'), instance('3', 'viewer', '7.0'), instance('4', 'viewer', '7.0', 'failed')], [['new-viewer', 'off'], ['gone', 'on']])],
    violations: [violation('v1'), violation('v2')],
    signalMeans: () => [mean('1.0', 'error_rate', 0.01), mean('2.0', 'error_rate', 0), mean('2.0', 'health', 0.99)],
  });
  const entries = [entry(7, '2026-03-02T10:10:00.000Z'), entry(8, '2026-03-02T10:50:00.000Z')];
  const b = side({
    takenAt: LATER,
    statuses: [status('us-east', 'connected'), status('eu-west', 'unreachable'), status('ca-central', 'connected')],
    states: [state('us-east', [instance('1', 'search', '2.0'), instance('2', 'search', '2.0'), instance('3', 'viewer', '7.0')], [['new-viewer', 'on'], ['added', 'dormant']])],
    violations: [violation('v2'), violation('v3')],
    signalMeans: () => [mean('1.0', 'error_rate', null), mean('2.0', 'error_rate', 0.02), mean('2.0', 'health', 0.9)],
    auditBetween: (from, to, limit) => ({ entries: entries.filter((e) => e.at > from && e.at <= to).slice(-limit), total: 2 }),
  });

  it('finds the versions, toggles, regions and violations that changed', async () => {
    const c = await compareSnapshots(a, b);
    expect(c.versions).toEqual([
      { region: 'us-east', component: 'search', before: [{ version: '1.0', train: 1, instances: 1 }, { version: '2.0', train: 2, instances: 1 }], after: [{ version: '2.0', train: 2, instances: 2 }] },
    ]);
    expect(c.toggles).toEqual([
      { region: 'us-east', key: 'added', before: null, after: 'dormant' },
      { region: 'us-east', key: 'gone', before: 'on', after: null },
      { region: 'us-east', key: 'new-viewer', before: 'off', after: 'on' },
    ]);
    expect(c.regions).toEqual([
      { region: 'ca-central', before: null, after: 'connected' },
      { region: 'eu-west', before: 'connected', after: 'unreachable' },
    ]);
    expect(c.violations.appeared.map((v) => v.id)).toEqual(['v3']);
    expect(c.violations.resolved.map((v) => v.id)).toEqual(['v1']);
    expect(c.violations.unchanged).toBe(1);
  });

  it('gives each version\'s signal before, after, delta and relative delta (none against zero or a missing side)', async () => {
    const c = await compareSnapshots(a, b);
    expect(c.signals.windowSeconds).toBe(900);
    const by = (version: string, signal: string) => c.signals.deltas.find((d) => d.version === version && d.signal === signal);
    expect(by('1.0', 'error_rate')).toMatchObject({ before: 0.01, after: null, delta: null, relativeDelta: null });
    expect(by('2.0', 'error_rate')).toMatchObject({ before: 0, after: 0.02, delta: 0.02, relativeDelta: null });
    expect(by('2.0', 'health')?.relativeDelta).toBeCloseTo(-0.0909, 4);
  });

  it('lists the audit entries between the two times from the later side, whichever is given first', async () => {
    for (const c of [await compareSnapshots(a, b), await compareSnapshots(b, a)]) {
      expect(c.audit.from).toBe(AT);
      expect(c.audit.to).toBe(LATER);
      expect(c.audit.entries.map((e) => e.seq)).toEqual([7, 8]);
      expect(c.audit.total).toBe(2);
      expect(c.audit.gap).toBeNull();
    }
    const reversed = await compareSnapshots(b, a);
    expect(reversed.violations.appeared.map((v) => v.id)).toEqual(['v1']);
  });

  it('says when the later side does not hold every entry of the stretch, or none at all', async () => {
    const held = await compareSnapshots(a, { ...b, auditHeldFrom: '2026-03-02T10:30:00.000Z' });
    expect(held.audit.gap).toMatch(/holds audit entries from 2026-03-02T10:30:00.000Z on/);
    const none = await compareSnapshots(a, { ...b, hasAudit: false });
    expect(none.audit).toMatchObject({ entries: [], total: 0 });
    expect(none.audit.gap).toMatch(/holds no audit entries/);
  });
});
