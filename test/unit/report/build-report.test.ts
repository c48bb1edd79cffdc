import { describe, expect, it } from 'vitest';
import { BoardReport, buildReport, reportTables, UnknownTrainError } from '../../../shared/report/index.ts';
import { episode, inputs, NOW, states, violation } from './report-inputs.ts';

const API_NEW = { component: 'api', version: '1.1.0', train: 2 };

describe('board report model', () => {
  const report = buildReport(inputs());

  it('is a valid BoardReport naming the train, newest trains first', () => {
    expect(BoardReport.parse(report)).toEqual(report);
    expect(report.train).toEqual({ index: 2, name: '2026.47', date: '2026-11-20T00:00:00Z' });
    expect(report.trains.map((t) => t.index)).toEqual([2, 1]);
    expect(report.generatedAt).toBe(NOW);
  });

  it('lists the train versions with live instances per region, and its rollouts per region', () => {
    expect(report.versions).toEqual([{ component: 'api', version: '1.1.0', instances: { 'test-east': 1, 'test-west': 1 }, total: 2 }]);
    expect(report.rollouts.map((r) => [r.region, r.id, r.stage])).toEqual([
      ['test-east', 'r-api', 'canary 5% (1 of 2)'],
      ['test-west', 'r-api', 'canary 5% (1 of 2)'],
    ]);
  });

  it('measures the violation episodes involving the train, an unrecorded current one from its first sighting to now', () => {
    expect(report.skew.episodes.map((e) => [e.violationId, e.resolvedAt, e.durationSeconds])).toEqual([
      ['v-now', null, 3_600],
      ['v-past', '2026-11-26T10:30:00.000Z', 1_800],
    ]);
    expect(report.skew).toMatchObject({ compliant: false, open: 1, totalSeconds: 5_400, longestSeconds: 3_600, recordedSince: '2026-11-20T00:00:00.000Z' });
  });

  it('ends a recorded open episode the engine no longer finds at its last sighting, and keeps one it still finds open', () => {
    const r = buildReport(
      inputs({
        violations: [violation('v-open', '2026-11-27T11:55:00.000Z', [API_NEW], [2])],
        episodes: [
          episode('v-open', '2026-11-27T10:00:00.000Z', '2026-11-27T11:59:00.000Z', null, [API_NEW], [2]),
          episode('v-gone', '2026-11-27T08:00:00.000Z', '2026-11-27T08:45:00.000Z', null, [API_NEW], [2]),
        ],
      }),
    );
    expect(r.skew.episodes.map((e) => [e.violationId, e.firstSeen, e.lastSeen, e.resolvedAt, e.durationSeconds])).toEqual([
      ['v-open', '2026-11-27T10:00:00.000Z', NOW, null, 7_200],
      ['v-gone', '2026-11-27T08:00:00.000Z', '2026-11-27T08:45:00.000Z', '2026-11-27T08:45:00.000Z', 2_700],
    ]);
    expect(r.skew.compliant).toBe(false);
  });

  it('groups stage gates per stage in pipeline order and per environment, failures counted', () => {
    expect(report.stages.map((s) => [s.stage, s.passed, s.reported])).toEqual([
      ['build', 2, 2],
      ['integration', 1, 2],
    ]);
    expect(report.stages[1]!.gates.map((g) => [g.environment, g.testsRun, g.testsFailed, g.passed])).toEqual([
      ['test-east', 20, 0, true],
      ['test-west', 20, 2, false],
    ]);
  });

  it("joins each of the train's intents with its final outcome; other subjects and entries before the cut are left out", () => {
    expect(report.actions.map((a) => [a.seq, a.action, a.outcome, a.outcomeSeq, a.breakGlass])).toEqual([
      [6, 'component.rollback', 'failed', 8, true],
      [3, 'rollout.pause', 'succeeded', 4, false],
    ]);
    expect(report.actions[0]).toMatchObject({ reason: 'error budget burnt', override: 'introduces a window violation, accepted', response: 'region refused', actor: 'Ada L. (ada)' });
    expect(report.actions[1]).toMatchObject({ reason: 'hold the canary', ticket: 'CHG-1' });
  });

  it("keeps only the train's signals, judgements and open alerts", () => {
    expect(report.signals.map((s) => [s.version, s.errorRate.relativeDelta])).toEqual([['1.1.0', 1]]);
    expect(report.judgements.map((j) => [j.region, j.verdict, j.reason])).toEqual([
      ['test-east', 'fail', 'error ratio doubled'],
      ['test-west', 'pass', 'error_rate, latency_p95 within thresholds'],
    ]);
    expect(report.alerts.map((a) => a.id)).toEqual(['a-api']);
  });

  it('is blocked by a failed gate, a failing canary and a critical alert, each named as a high risk', () => {
    expect(report.readiness).toBe('not-ready');
    const high = report.risks.filter((r) => r.level === 'high').map((r) => r.text);
    expect(high).toEqual([
      'Stage gate integration: 2 of 20 tests failed in test-west.',
      'Canary judgement FAIL: api 1.1.0 in test-east (error ratio doubled).',
      '1 critical alert open: a-api title.',
    ]);
    expect(report.risks.map((r) => r.text)).toContain('Break-glass used 1 time.');
  });

  it('is ready when every gate passed and nothing is open, failed or judged marginal', () => {
    const r = buildReport(
      inputs({
        states: states([]),
        violations: [],
        episodes: [],
        signals: [],
        judgements: [],
        alerts: [],
        audit: [],
      }),
    );
    expect(r.risks).toEqual([]);
    expect(r.readiness).toBe('ready');
    expect(r.skew).toMatchObject({ compliant: true, open: 0, totalSeconds: 0 });
  });

  it('refuses a train no region reports', () => {
    expect(() => buildReport(inputs({ train: 9 }))).toThrow(UnknownTrainError);
  });

  it('gives every table a header as wide as its rows', () => {
    const tables = reportTables(report);
    expect(tables.map((t) => t.id)).toEqual(['risks', 'versions', 'rollouts', 'violations', 'signals', 'judgements', 'stage-gates', 'actions', 'alerts']);
    for (const t of tables) for (const row of t.rows) expect(row.length, t.id).toBe(t.header.length);
    expect(tables.find((t) => t.id === 'violations')!.rows.map((r) => r[7])).toEqual([3_600, 1_800]);
    expect(tables.find((t) => t.id === 'versions')!.header).toEqual(['component', 'version', 'instances_test-east', 'instances_test-west', 'instances_total']);
  });
});
