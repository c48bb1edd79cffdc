import type { AlertEvidence, AlertRule, AlertSeverity } from '../contract/alerts.ts';
import { SIGNAL_UNITS, type Signal } from '../protocol/telemetry.ts';
import { baselineOf, type LiveVersion } from './baseline.ts';

export type Points = ReadonlyArray<readonly [number, number]>;

export interface AlertThresholds {
  /** A version's error ratio at or above this fires `error-threshold` (critical). */
  errorRatio: number;
  /** `error-vs-baseline` fires at this many times the baseline's error ratio … */
  errorVsBaselineFactor: number;
  /** … and at least this much above it (so 0.01 % → 0.03 % does not page anyone). */
  errorVsBaselineMinDelta: number;
  /** p95 latency in seconds at or above which `latency-threshold` fires … */
  latencyP95Seconds: number;
  /** … unless the component has its own (an OCR worker is slower than a gateway). */
  latencyP95ByComponent: Readonly<Record<string, number>>;
  /** Functional health below this is failing (critical); below `healthWarning` a warning. */
  healthFailing: number;
  healthWarning: number;
  /** How many of the latest points the instantaneous rules average (1 = the last scrape only). */
  recentPoints: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  errorRatio: 0.05,
  errorVsBaselineFactor: 3,
  errorVsBaselineMinDelta: 0.01,
  latencyP95Seconds: 10,
  latencyP95ByComponent: {},
  healthFailing: 0.9,
  healthWarning: 0.95,
  recentPoints: 2,
};

/** The signals one live version showed over the evaluation window. */
export interface VersionTelemetry {
  component: string;
  version: string;
  signals: Partial<Record<Signal, Points>>;
}

export interface AlertCandidate {
  /** Rule and subject: the same condition seen at the next evaluation has the same key. */
  key: string;
  rule: AlertRule;
  severity: AlertSeverity;
  region: string;
  component: string | null;
  version: string | null;
  title: string;
  evidence: AlertEvidence | null;
}

const EVIDENCE_POINTS = 60;

/** The latest points an alert's evidence chart shows. */
export function evidencePoints(points: Points | undefined): Array<[number, number]> {
  return tail(points, EVIDENCE_POINTS);
}

function tail(points: Points | undefined, n: number): Array<[number, number]> {
  if (!points) return [];
  return points.slice(Math.max(0, points.length - n)).map(([t, v]) => [t, v]);
}

function recentMean(points: Points | undefined, n: number): number | null {
  const last = tail(points, n).filter(([, v]) => Number.isFinite(v));
  if (last.length === 0) return null;
  return last.reduce((s, [, v]) => s + v, 0) / last.length;
}

export function formatRatio(x: number): string {
  return `${(x * 100).toFixed(x < 0.01 ? 2 : 1)} %`;
}

function formatSeconds(x: number): string {
  return x < 1 ? `${Math.round(x * 1000)} ms` : `${x.toFixed(2)} s`;
}

function evidence(signal: Signal, value: number, threshold: number, detail: string, points: Points | undefined, baseline?: Points): AlertEvidence {
  return { signal, unit: SIGNAL_UNITS[signal], value, threshold, detail, points: evidencePoints(points), baselinePoints: evidencePoints(baseline) };
}

/**
 * The instantaneous rules for one region: error ratio against the baseline, absolute error and
 * latency thresholds, failing health. Pure: the same telemetry gives the same candidates.
 */
export function evaluateVersionRules(
  region: string,
  live: ReadonlyMap<string, readonly LiveVersion[]>,
  telemetry: ReadonlyMap<string, VersionTelemetry>,
  thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS,
): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const n = Math.max(1, thresholds.recentPoints);
  for (const [component, versions] of live) {
    for (const v of versions) {
      const own = telemetry.get(`${component}@${v.version}`);
      if (!own) continue;
      const subject = `${region}|${component}|${v.version}`;
      const at = `${component} ${v.version} in ${region}`;
      const errors = recentMean(own.signals.error_rate, n);
      const base = baselineOf(versions, v.version);
      const baseTelemetry = base ? telemetry.get(`${component}@${base.version}`) : undefined;
      const baseErrors = recentMean(baseTelemetry?.signals.error_rate, n);
      if (errors !== null && base && baseErrors !== null) {
        const limit = Math.max(baseErrors * thresholds.errorVsBaselineFactor, baseErrors + thresholds.errorVsBaselineMinDelta);
        if (errors >= limit) {
          const factor = baseErrors > 0 ? errors / baseErrors : Infinity;
          out.push({
            key: `error-vs-baseline|${subject}`,
            rule: 'error-vs-baseline',
            // Critical when the added errors alone would break the absolute limit, or when it is an order of magnitude worse.
            severity: errors - baseErrors >= thresholds.errorRatio || errors >= 10 * Math.max(baseErrors, thresholds.errorVsBaselineMinDelta / 10) ? 'critical' : 'warning',
            region,
            component,
            version: v.version,
            title: `${at}: error ratio ${formatRatio(errors)}, ${Number.isFinite(factor) ? `${factor.toFixed(1)}×` : 'far above'} its baseline ${base.version}`,
            evidence: evidence('error_rate', errors, limit, `error ratio ${formatRatio(errors)} against ${formatRatio(baseErrors)} on ${base.version} (limit ${formatRatio(limit)})`, own.signals.error_rate, baseTelemetry?.signals.error_rate),
          });
        }
      }
      if (errors !== null && errors >= thresholds.errorRatio) {
        out.push({
          key: `error-threshold|${subject}`,
          rule: 'error-threshold',
          severity: 'critical',
          region,
          component,
          version: v.version,
          title: `${at}: error ratio ${formatRatio(errors)} (limit ${formatRatio(thresholds.errorRatio)})`,
          evidence: evidence('error_rate', errors, thresholds.errorRatio, `error ratio ${formatRatio(errors)}, limit ${formatRatio(thresholds.errorRatio)}`, own.signals.error_rate, baseTelemetry?.signals.error_rate),
        });
      }
      const p95 = recentMean(own.signals.latency_p95, n);
      const p95Limit = thresholds.latencyP95ByComponent[component] ?? thresholds.latencyP95Seconds;
      if (p95 !== null && p95 >= p95Limit) {
        out.push({
          key: `latency-threshold|${subject}`,
          rule: 'latency-threshold',
          severity: p95 >= 2 * p95Limit ? 'critical' : 'warning',
          region,
          component,
          version: v.version,
          title: `${at}: p95 latency ${formatSeconds(p95)} (limit ${formatSeconds(p95Limit)})`,
          evidence: evidence('latency_p95', p95, p95Limit, `p95 latency ${formatSeconds(p95)}, limit ${formatSeconds(p95Limit)}`, own.signals.latency_p95, baseTelemetry?.signals.latency_p95),
        });
      }
      const health = recentMean(own.signals.health, n);
      if (health !== null && health < thresholds.healthWarning) {
        const failing = health < thresholds.healthFailing;
        const limit = failing ? thresholds.healthFailing : thresholds.healthWarning;
        out.push({
          key: `health-failing|${subject}`,
          rule: 'health-failing',
          severity: failing ? 'critical' : 'warning',
          region,
          component,
          version: v.version,
          title: `${at}: functional health ${formatRatio(health)} (${failing ? 'failing' : 'degraded'} below ${formatRatio(limit)})`,
          evidence: evidence('health', health, limit, `health checks passing ${formatRatio(health)}, limit ${formatRatio(limit)}`, own.signals.health, baseTelemetry?.signals.health),
        });
      }
    }
  }
  return out;
}
