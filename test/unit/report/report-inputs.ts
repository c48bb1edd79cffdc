import type { Violation } from '../../../shared/compat/schemas.ts';
import type { Alert, AuditEntryView, CanaryJudgement, SignalRow } from '../../../shared/contract/index.ts';
import type { FleetState, StageGate } from '../../../shared/protocol/index.ts';
import type { ReportInputs, ViolationEpisode } from '../../../shared/report/index.ts';
import { smallFleet } from '../../support/small-fleet.ts';

/** Hand-made report inputs with known answers: train 2 (api 1.1.0) rolling out in two regions. */

export const NOW = '2026-11-27T12:00:00.000Z';

const gate = (stage: string, at: string, run: number, failed = 0): StageGate => ({ train: 2, stage, testsRun: run, testsPassed: run - failed, testsFailed: failed, at });

export function states(gatesWest: StageGate[] = [gate('build', '2026-11-20T02:00:00.000Z', 100), gate('integration', '2026-11-20T14:00:00.000Z', 20, 2)]): FleetState[] {
  const east = smallFleet({ stageGates: [gate('integration', '2026-11-20T14:00:00.000Z', 20), gate('build', '2026-11-20T02:00:00.000Z', 100), { ...gate('build', '2026-11-13T02:00:00.000Z', 90), train: 1 }] });
  const west = smallFleet({ stageGates: gatesWest });
  return [east, { ...west, region: { id: 'test-west', name: 'Test West', timezone: 'UTC' } }];
}

export function violation(id: string, firstSeen: string, versions: Array<{ component: string; version: string; train: number }>, trains: number[]): Violation {
  return {
    id,
    subject: id,
    rule: 'version-window',
    regions: ['test-east'],
    components: [...new Set(versions.map((v) => v.component))],
    databaseGroup: null,
    toggle: null,
    trains,
    trainNames: trains.map(String),
    gap: 3,
    limit: 2,
    versions: versions.map((v) => ({ ...v, region: 'test-east', trainName: String(v.train), instances: 1, activeUsers: 1 })),
    schemaTrains: [],
    instances: 1,
    activeUsers: 1,
    databases: 0,
    firstSeen,
    sentence: `${id} happened`,
  };
}

export function episode(id: string, firstSeen: string, lastSeen: string, resolvedAt: string | null, versions: Array<{ component: string; version: string; train: number }>, trains: number[]): ViolationEpisode {
  return { violationId: id, rule: 'version-window', subject: id, regions: ['test-east'], components: versions.map((v) => v.component), trains, versions, sentence: `${id} happened`, firstSeen, lastSeen, resolvedAt };
}

const API_NEW = { component: 'api', version: '1.1.0', train: 2 };
const STORE_OLD = { component: 'store', version: '9.9.0', train: 1 };

export function entry(seq: number, fields: Partial<AuditEntryView>): AuditEntryView {
  return {
    seq,
    at: '2026-11-26T10:00:00.000Z',
    kind: 'intent',
    actorUser: 'ada',
    actorName: 'Ada L.',
    workstation: 'ws1',
    action: 'rollout.pause',
    region: 'test-east',
    target: 'r-api',
    before: null,
    after: null,
    whatIf: null,
    override: null,
    reason: null,
    ticket: null,
    breakGlass: false,
    idempotencyKey: null,
    intentSeq: null,
    outcome: null,
    response: null,
    consoleVersion: 'test',
    prevHash: '0'.repeat(64),
    hash: `${seq}`.padStart(64, 'a'),
    ...fields,
  };
}

const cell = (value: number, baseline: number, status: SignalRow['error_rate']['status']) => ({ value, baseline, relativeDelta: (value - baseline) / baseline, status });

export function signalRow(region: string, component: string, version: string, train: number): SignalRow {
  return { region, component, version, train, instances: 1, baseline: { version: '1.0.0', train: 1 }, error_rate: cell(0.02, 0.01, 'bad'), latency_p95: cell(0.2, 0.2, 'same'), health: cell(1, 1, 'same'), sparkline: [] };
}

export function judgement(region: string, verdict: CanaryJudgement['verdict']): CanaryJudgement {
  return {
    region,
    component: 'api',
    rolloutId: 'r-api',
    canary: { version: '1.1.0', train: 2 },
    baseline: { version: '1.0.0', train: 1 },
    from: '2026-11-27T11:00:00.000Z',
    to: NOW,
    verdict,
    signals: [
      { signal: 'error_rate', verdict: verdict ?? 'pass', pValue: 0.001, effect: 1, marginalAt: 0.25, failAt: 1, baselineMedian: 0.01, canaryMedian: 0.02, baselineCount: 100, canaryCount: 100, reason: 'error ratio doubled' },
      { signal: 'latency_p95', verdict: 'pass', pValue: 0.5, effect: 0, marginalAt: 0.25, failAt: 1, baselineMedian: 0.2, canaryMedian: 0.2, baselineCount: 100, canaryCount: 100, reason: 'latency unchanged' },
    ],
    problem: null,
  };
}

export function alert(id: string, component: string, version: string | null, severity: Alert['severity'], state: Alert['state'] = 'active'): Alert {
  return { id, rule: 'error-vs-baseline', severity, state, region: 'test-east', component, version, title: `${id} title`, firstSeen: '2026-11-27T11:30:00.000Z', lastSeen: NOW, resolvedAt: state === 'resolved' ? NOW : null, acknowledged: null, evidence: null, suggestion: null };
}

/** Train 2's inputs: one resolved episode (30 min), one of train 1 only, a current violation missing from the record (1 h so far). */
export function inputs(overrides: Partial<ReportInputs> = {}): ReportInputs {
  return {
    train: 2,
    now: NOW,
    states: states(),
    source: { kind: 'live', file: null, staleRegions: [] },
    violations: [violation('v-now', '2026-11-27T11:00:00.000Z', [API_NEW, { component: 'api', version: '1.0.0', train: 1 }], [1, 2])],
    episodes: [
      episode('v-past', '2026-11-26T10:00:00.000Z', '2026-11-26T10:29:00.000Z', '2026-11-26T10:30:00.000Z', [API_NEW], [2]),
      episode('v-old-train', '2026-11-26T09:00:00.000Z', '2026-11-26T09:10:00.000Z', '2026-11-26T09:20:00.000Z', [STORE_OLD], [1]),
    ],
    recordedSince: '2026-11-20T00:00:00.000Z',
    signals: [signalRow('test-east', 'api', '1.1.0', 2), signalRow('test-east', 'api', '1.0.0', 1)],
    judgements: [judgement('test-east', 'fail'), judgement('test-west', 'pass')],
    alerts: [alert('a-api', 'api', '1.1.0', 'critical'), alert('a-store', 'store', '9.9.0', 'warning'), alert('a-old', 'api', '1.1.0', 'warning', 'resolved')],
    audit: [
      entry(8, { kind: 'outcome', intentSeq: 6, outcome: 'failed', at: '2026-11-26T12:01:00.000Z', response: 'region refused' }),
      entry(7, { kind: 'outcome', intentSeq: 6, outcome: 'unknown', at: '2026-11-26T12:00:30.000Z' }),
      entry(6, { action: 'component.rollback', target: 'api', at: '2026-11-26T12:00:00.000Z', reason: 'error budget burnt', breakGlass: true, override: 'introduces a window violation, accepted' }),
      entry(5, { action: 'toggle.set', target: 'new-viewer', at: '2026-11-26T11:00:00.000Z', reason: 'unrelated toggle' }),
      entry(4, { kind: 'outcome', intentSeq: 3, outcome: 'succeeded', at: '2026-11-26T10:00:05.000Z', response: 'paused' }),
      entry(3, { reason: 'hold the canary', ticket: 'CHG-1' }),
      entry(1, { action: 'component.rollback', target: 'api', at: '2026-11-19T10:00:00.000Z', reason: 'before the cut' }),
    ],
    auditOmitted: 0,
    chain: { head: { seq: 8, hash: 'h'.repeat(64) }, checkpoint: { seq: 8, hash: 'h'.repeat(64), signature: 'c2ln', at: NOW }, publicKeyFingerprint: 'SHA256:abc', problem: null },
    ...overrides,
  };
}
