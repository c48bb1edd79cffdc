import type { Violation } from '../compat/schemas.ts';
import type { Alert } from '../contract/alerts.ts';
import type { AuditEntryView } from '../contract/audit.ts';
import type { CanaryJudgement, SignalCell, SignalRow } from '../contract/telemetry.ts';
import type { FleetState, Rollout } from '../protocol/fleet.ts';
import { auditSection } from './audit-section.ts';
import type { ViolationEpisode } from './episode.ts';
import { gatesSection } from './gates-section.ts';
import { findRisks, readiness } from './risks.ts';
import type { BoardReport, ReportAlert, ReportChain, ReportJudgement, ReportRollout, ReportSignal, ReportVersion } from './schema.ts';
import { skewSection } from './skew-section.ts';
import { knownTrains, trainScope, type TrainScope } from './train-scope.ts';

/** Everything the report is built from, gathered by the main process through the console's services. */
export interface ReportInputs {
  train: number;
  /** The report's time (T): now, or a snapshot's time. */
  now: string;
  states: readonly FleetState[];
  source: { kind: 'live' | 'snapshot'; file: string | null; staleRegions: readonly string[] };
  /** The verdict's violations now. */
  violations: readonly Violation[];
  /** Recorded violation episodes (any train), and since when they are recorded. */
  episodes: readonly ViolationEpisode[];
  recordedSince: string | null;
  signals: readonly SignalRow[];
  judgements: readonly CanaryJudgement[];
  /** Open alerts (any train). */
  alerts: readonly Alert[];
  /** Audit entries since the train's cut (any subject), newest first. */
  audit: readonly AuditEntryView[];
  /** Entries the audit query matched beyond those given. */
  auditOmitted: number;
  chain: ReportChain;
}

export class UnknownTrainError extends Error {
  constructor(readonly train: number) {
    super(`No region reports release train ${train}`);
    this.name = 'UnknownTrainError';
  }
}

const LIVE = new Set(['starting', 'running', 'draining']);

function versionsOf(states: readonly FleetState[], scope: TrainScope): ReportVersion[] {
  const byKey = new Map<string, ReportVersion>();
  for (const state of states) {
    for (const cv of state.componentVersions) {
      if (cv.train !== scope.train.index) continue;
      const k = `${cv.component}\u0000${cv.version}`;
      if (!byKey.has(k)) byKey.set(k, { component: cv.component, version: cv.version, instances: {}, total: 0 });
    }
  }
  for (const state of states) {
    for (const i of state.instances) {
      if (!LIVE.has(i.state)) continue;
      const row = byKey.get(`${i.component}\u0000${i.version}`);
      if (!row) continue;
      row.instances[state.region.id] = (row.instances[state.region.id] ?? 0) + 1;
      row.total++;
    }
  }
  // Versions superseded within the train (no live instance anywhere) would only lengthen the table.
  return [...byKey.values()].filter((v) => v.total > 0).sort((a, b) => a.component.localeCompare(b.component) || a.version.localeCompare(b.version));
}

function stageLabel(r: Rollout): string {
  const stage = r.stages[r.currentStage];
  return stage ? `${stage.name} ${stage.canaryPercent}% (${r.currentStage + 1} of ${r.stages.length})` : `stage ${r.currentStage + 1}`;
}

function rolloutsOf(states: readonly FleetState[], scope: TrainScope): ReportRollout[] {
  return states
    .flatMap((state) =>
      state.rollouts
        .filter((r) => scope.hasVersion(r.component, r.toVersion))
        .map((r): ReportRollout => ({ region: state.region.id, id: r.id, component: r.component, fromVersion: r.fromVersion, toVersion: r.toVersion, state: r.state, stage: stageLabel(r), startedAt: r.startedAt, history: r.history.map((h) => ({ ...h })) })),
    )
    .sort((a, b) => a.component.localeCompare(b.component) || a.region.localeCompare(b.region));
}

const cell = (c: SignalCell) => ({ value: c.value, baseline: c.baseline, relativeDelta: c.relativeDelta, status: c.status });

function signalsOf(rows: readonly SignalRow[], scope: TrainScope): ReportSignal[] {
  return rows
    .filter((r) => r.train === scope.train.index || scope.hasVersion(r.component, r.version))
    .map((r) => ({ region: r.region, component: r.component, version: r.version, baselineVersion: r.baseline?.version ?? null, instances: r.instances, errorRate: cell(r.error_rate), latencyP95: cell(r.latency_p95) }))
    .sort((a, b) => a.component.localeCompare(b.component) || a.region.localeCompare(b.region));
}

function judgementsOf(judgements: readonly CanaryJudgement[], scope: TrainScope): ReportJudgement[] {
  return judgements
    .filter((j) => j.canary.train === scope.train.index || scope.hasVersion(j.component, j.canary.version))
    .map((j) => {
      // A pass needs no essay: the signals that passed; otherwise the sentences of those that decided it.
      const deciding = j.signals.filter((s) => s.verdict === j.verdict);
      const reason = j.problem ?? (j.verdict === 'pass' ? `${j.signals.map((s) => s.signal).join(', ')} within thresholds` : deciding.map((s) => s.reason).join(' '));
      return { region: j.region, component: j.component, rolloutId: j.rolloutId, canary: j.canary.version, baseline: j.baseline.version, verdict: j.verdict, reason: reason || 'no signal judged' };
    })
    .sort((a, b) => a.component.localeCompare(b.component) || a.region.localeCompare(b.region));
}

function alertsOf(alerts: readonly Alert[], scope: TrainScope): ReportAlert[] {
  return alerts
    .filter((a) => a.state !== 'resolved' && a.component !== null && (a.version === null ? scope.components.has(a.component) : scope.hasVersion(a.component, a.version)))
    .map((a) => ({ id: a.id, severity: a.severity, state: a.state, region: a.region, component: a.component, version: a.version, title: a.title, firstSeen: a.firstSeen }))
    .sort((a, b) => (a.severity === b.severity ? Date.parse(b.firstSeen) - Date.parse(a.firstSeen) : a.severity === 'critical' ? -1 : 1));
}

/** The board review report of one train. Pure: the same inputs give the same report. */
export function buildReport(inputs: ReportInputs): BoardReport {
  const trains = knownTrains(inputs.states);
  const train = trains.find((t) => t.index === inputs.train);
  if (!train) throw new UnknownTrainError(inputs.train);
  const scope = trainScope(inputs.states, train);
  const audit = auditSection(inputs.audit, scope);
  const sections = {
    source: { kind: inputs.source.kind, file: inputs.source.file, staleRegions: [...inputs.source.staleRegions] },
    rollouts: rolloutsOf(inputs.states, scope),
    skew: skewSection(scope, inputs.episodes, inputs.violations, inputs.now, inputs.recordedSince),
    signals: signalsOf(inputs.signals, scope),
    judgements: judgementsOf(inputs.judgements, scope),
    stages: gatesSection(inputs.states, train.index),
    actions: audit.actions,
    alerts: alertsOf(inputs.alerts, scope),
    chain: inputs.chain,
  };
  const risks = findRisks(sections);
  return {
    train,
    trains,
    generatedAt: inputs.now,
    readiness: readiness(risks),
    risks,
    versions: versionsOf(inputs.states, scope),
    regions: inputs.states.map((s) => s.region.id),
    ...sections,
    actionsOmitted: audit.omitted + inputs.auditOmitted,
  };
}
