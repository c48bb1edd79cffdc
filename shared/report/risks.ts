import { formatDuration as hours } from './format-duration.ts';
import type { BoardReport, ReportReadiness, ReportRisk } from './schema.ts';

type Sections = Pick<BoardReport, 'skew' | 'judgements' | 'stages' | 'actions' | 'alerts' | 'rollouts' | 'signals' | 'source' | 'chain'>;

/** A reason inside parentheses: without its closing full stop. */
const sentence = (text: string) => text.replace(/\.\s*$/, '');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;


/**
 * What a board should weigh, most serious first: `high` blocks the train (a failed gate, a failing
 * canary, a critical alert), `medium` puts it at risk, `low` is context.
 */
export function findRisks(s: Sections): ReportRisk[] {
  const risks: ReportRisk[] = [];
  const add = (level: ReportRisk['level'], text: string) => risks.push({ level, text });
  for (const stage of s.stages) {
    const failed = stage.gates.filter((g) => g.testsFailed > 0);
    if (failed.length > 0) add('high', `Stage gate ${stage.stage}: ${failed.map((g) => `${g.testsFailed} of ${g.testsRun} tests failed in ${g.environment}`).join('; ')}.`);
  }
  for (const j of s.judgements.filter((j) => j.verdict === 'fail')) add('high', `Canary judgement FAIL: ${j.component} ${j.canary} in ${j.region} (${sentence(j.reason)}).`);
  const critical = s.alerts.filter((a) => a.severity === 'critical');
  if (critical.length > 0) add('high', `${plural(critical.length, 'critical alert')} open: ${critical.map((a) => a.title).join('; ')}.`);
  if (s.skew.open > 0) add('medium', `${plural(s.skew.open, 'compatibility violation')} involving the train still open.`);
  for (const j of s.judgements.filter((j) => j.verdict === 'marginal')) add('medium', `Canary judgement MARGINAL: ${j.component} ${j.canary} in ${j.region} (${sentence(j.reason)}).`);
  const bad = s.signals.filter((r) => r.errorRate.status === 'bad' || r.latencyP95.status === 'bad');
  if (bad.length > 0) add('medium', `Signals beyond the alert threshold for ${bad.map((r) => `${r.component} ${r.version} in ${r.region}`).join(', ')}.`);
  const warnings = s.alerts.length - critical.length;
  if (warnings > 0) add('medium', `${plural(warnings, 'warning alert')} open on the train's versions.`);
  const halted = s.rollouts.filter((r) => r.state === 'paused' || r.state === 'aborted' || r.state === 'rolling-back');
  if (halted.length > 0) add('medium', `Rollouts halted: ${halted.map((r) => `${r.component} in ${r.region} ${r.state}`).join(', ')}.`);
  const unfinished = s.actions.filter((a) => a.outcome === 'failed' || a.outcome === 'unknown' || a.outcome === null);
  if (unfinished.length > 0) add('medium', `${plural(unfinished.length, 'action')} without a successful outcome (failed, unknown or none recorded).`);
  const breakGlass = s.actions.filter((a) => a.breakGlass).length;
  if (breakGlass > 0) add('medium', `Break-glass used ${plural(breakGlass, 'time')}.`);
  const overrides = s.actions.filter((a) => a.override !== null).length;
  if (overrides > 0) add('low', `${plural(overrides, 'action')} ran with a policy override.`);
  if (s.source.staleRegions.length > 0) add('medium', `Data stale or missing for ${s.source.staleRegions.join(', ')}: the report may not show their latest state.`);
  const resolved = s.skew.episodes.filter((e) => e.resolvedAt !== null);
  if (resolved.length > 0) add('low', `${plural(resolved.length, 'violation')} seen and resolved during the rollout; the longest lasted ${hours(Math.max(...resolved.map((e) => e.durationSeconds)))}.`);
  if (s.chain.problem) add('medium', `Audit trail unavailable: ${s.chain.problem}`);
  return risks;
}

export function readiness(risks: readonly ReportRisk[]): ReportReadiness {
  if (risks.some((r) => r.level === 'high')) return 'not-ready';
  if (risks.some((r) => r.level === 'medium')) return 'at-risk';
  return 'ready';
}
