import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_THRESHOLDS, evaluateVersionRules, type VersionTelemetry } from '../../../shared/telemetry/alert-rules.ts';
import type { LiveVersion } from '../../../shared/telemetry/baseline.ts';

const live = new Map<string, LiveVersion[]>([
  [
    'search',
    [
      { version: '2.0.0', train: 10, instances: 90 },
      { version: '2.1.0', train: 11, instances: 10 },
    ],
  ],
]);

function flat(value: number, n = 10): Array<[number, number]> {
  return Array.from({ length: n }, (_, i) => [1_000 + i * 15, value]);
}

function telemetry(canary: { error?: number; p95?: number; health?: number }, baseline = { error: 0.002, p95: 0.2, health: 0.998 }): Map<string, VersionTelemetry> {
  return new Map([
    ['search@2.0.0', { component: 'search', version: '2.0.0', signals: { error_rate: flat(baseline.error), latency_p95: flat(baseline.p95), health: flat(baseline.health) } }],
    [
      'search@2.1.0',
      { component: 'search', version: '2.1.0', signals: { error_rate: flat(canary.error ?? 0.002), latency_p95: flat(canary.p95 ?? 0.2), health: flat(canary.health ?? 0.998) } },
    ],
  ]);
}

const rulesFor = (t: Map<string, VersionTelemetry>) => evaluateVersionRules('us-east', live, t).map((c) => `${c.rule}:${c.severity}:${c.version}`);

describe('instantaneous alert rules', () => {
  it('a healthy fleet raises nothing', () => {
    expect(rulesFor(telemetry({}))).toEqual([]);
  });

  it('error ratio against the baseline: fires past 3× and +1 point, critical past +5 points with the absolute rule too', () => {
    expect(rulesFor(telemetry({ error: 0.015 }))).toEqual(['error-vs-baseline:warning:2.1.0']);
    expect(rulesFor(telemetry({ error: 0.08 }))).toEqual(['error-vs-baseline:critical:2.1.0', 'error-threshold:critical:2.1.0']);
    // 3× a tiny baseline but under one point: nobody should be paged.
    expect(rulesFor(telemetry({ error: 0.0004 }, { error: 0.0001, p95: 0.2, health: 0.998 }))).toEqual([]);
  });

  it('the evidence carries both series, the numbers and the limit', () => {
    const [c] = evaluateVersionRules('us-east', live, telemetry({ error: 0.04 }));
    expect(c?.evidence?.points).toHaveLength(10);
    expect(c?.evidence?.baselinePoints).toHaveLength(10);
    expect(c?.evidence?.threshold).toBeCloseTo(0.012, 6);
    expect(c?.evidence?.detail).toContain('4.0 %');
    expect(c?.title).toContain('20.0×');
    expect(c?.key).toBe('error-vs-baseline|us-east|search|2.1.0');
  });

  it('absolute latency and failing health, on any version', () => {
    expect(rulesFor(telemetry({ p95: 12 }))).toEqual(['latency-threshold:warning:2.1.0']);
    expect(rulesFor(telemetry({ p95: 25 }))).toEqual(['latency-threshold:critical:2.1.0']);
    const slowOk = { ...DEFAULT_ALERT_THRESHOLDS, latencyP95ByComponent: { search: 30 } };
    expect(evaluateVersionRules('us-east', live, telemetry({ p95: 25 }), slowOk)).toEqual([]);
    const strict = { ...DEFAULT_ALERT_THRESHOLDS, latencyP95ByComponent: { search: 1 } };
    expect(evaluateVersionRules('us-east', live, telemetry({ p95: 1.5 }), strict).map((c) => c.rule)).toEqual(['latency-threshold']);
    expect(rulesFor(telemetry({ health: 0.93 }))).toEqual(['health-failing:warning:2.1.0']);
    expect(rulesFor(telemetry({ health: 0.6 }))).toEqual(['health-failing:critical:2.1.0']);
  });

  it('uses only the latest points: an old spike that is over raises nothing', () => {
    const t = telemetry({});
    const spiky = t.get('search@2.1.0');
    if (!spiky) throw new Error('fixture');
    spiky.signals.error_rate = [...flat(0.3, 8), ...flat(0.002, DEFAULT_ALERT_THRESHOLDS.recentPoints)];
    expect(rulesFor(t)).toEqual([]);
  });

  it('the oldest live train has no baseline, so only absolute rules apply to it', () => {
    expect(rulesFor(telemetry({}, { error: 0.09, p95: 0.2, health: 0.998 }))).toEqual(['error-threshold:critical:2.0.0']);
  });
});
