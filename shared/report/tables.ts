import type { BoardReport } from './schema.ts';

/** One table of the report as CSV rows: a file-name slug, the header and the rows (plain values). */
export interface ReportTable {
  id: 'versions' | 'rollouts' | 'violations' | 'signals' | 'judgements' | 'stage-gates' | 'actions' | 'alerts' | 'risks';
  title: string;
  header: string[];
  rows: (string | number | null)[][];
}

const pct = (v: number | null) => (v === null ? null : Number((v * 100).toFixed(2)));

/** Every table of the report, in the report's order: what the CSV export writes, one file each. */
export function reportTables(r: BoardReport): ReportTable[] {
  return [
    {
      id: 'risks',
      title: 'Risks',
      header: ['level', 'risk'],
      rows: r.risks.map((x) => [x.level, x.text]),
    },
    {
      id: 'versions',
      title: 'Versions',
      header: ['component', 'version', ...r.regions.map((id) => `instances_${id}`), 'instances_total'],
      rows: r.versions.map((v) => [v.component, v.version, ...r.regions.map((id) => v.instances[id] ?? 0), v.total]),
    },
    {
      id: 'rollouts',
      title: 'Rollouts',
      header: ['region', 'component', 'rollout', 'from_version', 'to_version', 'state', 'stage', 'started_at'],
      rows: r.rollouts.map((x) => [x.region, x.component, x.id, x.fromVersion, x.toVersion, x.state, x.stage, x.startedAt]),
    },
    {
      id: 'violations',
      title: 'Skew compliance: violation episodes',
      header: ['violation', 'rule', 'regions', 'components', 'first_seen', 'last_seen', 'resolved_at', 'duration_seconds', 'sentence'],
      rows: r.skew.episodes.map((e) => [e.violationId, e.rule, e.regions.join(' '), e.components.join(' '), e.firstSeen, e.lastSeen, e.resolvedAt, Math.round(e.durationSeconds), e.sentence]),
    },
    {
      id: 'signals',
      title: 'Signals against baseline',
      header: ['region', 'component', 'version', 'baseline_version', 'instances', 'error_rate_pct', 'error_rate_baseline_pct', 'error_rate_delta_pct', 'error_rate_status', 'latency_p95_s', 'latency_p95_baseline_s', 'latency_p95_delta_pct', 'latency_p95_status'],
      rows: r.signals.map((s) => [
        s.region,
        s.component,
        s.version,
        s.baselineVersion,
        s.instances,
        pct(s.errorRate.value),
        pct(s.errorRate.baseline),
        pct(s.errorRate.relativeDelta),
        s.errorRate.status,
        s.latencyP95.value,
        s.latencyP95.baseline,
        pct(s.latencyP95.relativeDelta),
        s.latencyP95.status,
      ]),
    },
    {
      id: 'judgements',
      title: 'Canary judgements',
      header: ['region', 'component', 'rollout', 'canary', 'baseline', 'verdict', 'reason'],
      rows: r.judgements.map((j) => [j.region, j.component, j.rolloutId, j.canary, j.baseline, j.verdict ?? 'not judged', j.reason]),
    },
    {
      id: 'stage-gates',
      title: 'Stage gates',
      header: ['stage', 'environment', 'tests_run', 'tests_passed', 'tests_failed', 'passed', 'at'],
      rows: r.stages.flatMap((s) => s.gates.map((g) => [g.stage, g.environment, g.testsRun, g.testsPassed, g.testsFailed, g.passed ? 'yes' : 'no', g.at])),
    },
    {
      id: 'actions',
      title: 'Actions (audit trail)',
      header: ['seq', 'at', 'actor', 'action', 'region', 'target', 'reason', 'ticket', 'override', 'break_glass', 'outcome', 'outcome_seq', 'response', 'hash'],
      rows: r.actions.map((a) => [a.seq, a.at, a.actor, a.action, a.region, a.target, a.reason, a.ticket, a.override, a.breakGlass ? 'yes' : 'no', a.outcome ?? 'none', a.outcomeSeq, a.response, a.hash]),
    },
    {
      id: 'alerts',
      title: 'Open alerts',
      header: ['severity', 'state', 'region', 'component', 'version', 'title', 'first_seen'],
      rows: r.alerts.map((a) => [a.severity, a.state, a.region, a.component, a.version, a.title, a.firstSeen]),
    },
  ];
}
