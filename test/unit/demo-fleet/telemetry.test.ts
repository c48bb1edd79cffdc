import { describe, expect, it } from 'vitest';
import { TelemetryResponse } from '../../../shared/protocol/index.ts';
import { componentSpec } from '../../../demo-fleet/model/catalog.ts';
import { MAX_POINTS, pointTimes, queryTelemetry } from '../../../demo-fleet/telemetry/query.ts';
import { seriesContext, signalsAt, trafficShape } from '../../../demo-fleet/telemetry/signals.ts';
import { localTime } from '../../../demo-fleet/telemetry/timezone.ts';
import { regionSim, T0 } from './helpers/region-sim.ts';

const HOUR = 3_600_000;
const ctx = (version: string, seed = 1) =>
  seriesContext({ seed, regionId: 'us-east', timezone: 'America/New_York', component: componentSpec('search'), version, instances: 10, incident: null });

describe('telemetry signals', () => {
  it('are a pure function of the series and the timestamp', () => {
    expect(signalsAt(ctx('1.2.3'), T0)).toEqual(signalsAt(ctx('1.2.3'), T0));
    expect(signalsAt(ctx('1.2.3'), T0)).not.toEqual(signalsAt(ctx('1.2.3', 2), T0));
    expect(signalsAt(ctx('1.2.3'), T0).p50).not.toBe(signalsAt(ctx('1.2.4'), T0).p50);
  });

  it('follow the local working day: busy at 10:30, quiet at 03:00, quieter at weekends', () => {
    const monday = Date.parse('2026-11-23T00:00:00Z');
    const tz = 'America/New_York'; // UTC−5 in November
    expect(trafficShape(tz, monday + 15.5 * HOUR)).toBeGreaterThan(0.9);
    expect(trafficShape(tz, monday + 8 * HOUR)).toBeLessThan(0.2);
    expect(trafficShape(tz, monday - 2 * 24 * HOUR + 15.5 * HOUR)).toBeLessThan(0.5);
    // The same UTC instant is morning in New York and night in Singapore.
    expect(trafficShape('Asia/Singapore', monday + 15.5 * HOUR)).toBeLessThan(0.2);
  });

  it('converts to local time with daylight saving', () => {
    expect(localTime('Europe/Dublin', Date.parse('2026-07-01T12:00:00Z')).hour).toBe(13);
    expect(localTime('Europe/Dublin', Date.parse('2026-12-01T12:00:00Z')).hour).toBe(12);
  });

  it('keep ratios and latencies in range, p50 < p95 < p99', () => {
    for (let t = T0; t < T0 + 48 * HOUR; t += 7 * 60_000) {
      const s = signalsAt(ctx('1.2.3'), t);
      expect(s.errorRate).toBeGreaterThanOrEqual(0);
      expect(s.errorRate).toBeLessThan(0.05);
      expect(s.health).toBeGreaterThan(0.9);
      expect(s.health).toBeLessThanOrEqual(1);
      expect(s.p50).toBeLessThan(s.p95);
      expect(s.p95).toBeLessThan(s.p99);
    }
  });

  it('places points on multiples of the step inside the range', () => {
    expect(pointTimes(1_000_500, 1_003_000, 60)).toEqual({ first: 1_020, count: 0 });
    expect(pointTimes(1_020_000, 1_200_000, 60)).toEqual({ first: 1_020, count: 4 });
  });
});

describe('queryTelemetry', () => {
  it('returns one series per live version and the same values whatever the step', () => {
    const sim = regionSim('us-east');
    const component = [...sim.model.rollouts.values()].find((r) => r.state === 'progressing')?.component ?? 'search';
    const from = new Date(T0 - 2 * HOUR).toISOString();
    const to = new Date(T0).toISOString();
    const fine = queryTelemetry(sim, 42, { component, signal: 'latency_p95', from, to, stepSeconds: 60 });
    const coarse = queryTelemetry(sim, 42, { component, signal: 'latency_p95', from, to, stepSeconds: 600 });
    if (!fine.ok || !coarse.ok) throw new Error('query failed');
    expect(TelemetryResponse.safeParse(fine.body).success).toBe(true);
    expect(fine.body.series.map((s) => s.version).sort()).toEqual([...sim.model.instances.versionsOf(component).keys()].sort());
    expect(fine.body.series.length).toBe(2);
    const finePoints = new Map(fine.body.series[0]?.points);
    for (const [t, v] of coarse.body.series[0]?.points ?? []) expect(finePoints.get(t)).toBe(v);
    expect(fine.body.series[0]?.unit).toBe('s');
  });

  it('shows the bad canary: its error rate climbs far above the baseline', () => {
    const sim = regionSim('us-east', 'bad-canary');
    const rollout = [...sim.model.rollouts.values()].find((r) => r.component === 'document-store' && r.state === 'progressing');
    const res = queryTelemetry(sim, 42, { component: 'document-store', signal: 'error_rate', from: new Date(T0 - HOUR).toISOString(), to: new Date(T0 + HOUR).toISOString(), stepSeconds: 300 });
    if (!res.ok || !rollout) throw new Error('query failed');
    const last = (version: string) => res.body.series.find((s) => s.version === version)?.points.at(-1)?.[1] ?? Number.NaN;
    const first = (version: string) => res.body.series.find((s) => s.version === version)?.points[0]?.[1] ?? Number.NaN;
    expect(last(rollout.toVersion)).toBeGreaterThan(0.08);
    expect(last(rollout.fromVersion)).toBeLessThan(0.01);
    expect(first(rollout.toVersion)).toBeLessThan(0.01);
  });

  it('rejects unknown components and versions, reversed ranges and more than 11,000 points', () => {
    const sim = regionSim('eu-west');
    const q = { component: 'search', signal: 'health' as const, from: new Date(T0).toISOString(), to: new Date(T0 + HOUR).toISOString(), stepSeconds: 60 };
    expect(queryTelemetry(sim, 1, { ...q, component: 'nope' })).toMatchObject({ ok: false, status: 404 });
    expect(queryTelemetry(sim, 1, { ...q, version: '0.0.0-nope' })).toMatchObject({ ok: false, status: 404, code: 'unknown_version' });
    expect(queryTelemetry(sim, 1, { ...q, from: q.to, to: q.from })).toMatchObject({ ok: false, status: 400 });
    const tooMany = { ...q, to: new Date(T0 + (MAX_POINTS + 1) * 1000).toISOString(), stepSeconds: 1 };
    expect(queryTelemetry(sim, 1, tooMany)).toMatchObject({ ok: false, status: 400, code: 'too_many_points' });
    const justEnough = { ...q, to: new Date(T0 + (MAX_POINTS - 1) * 1000).toISOString(), stepSeconds: 1 };
    const ok = queryTelemetry(sim, 1, justEnough);
    expect(ok.ok && ok.body.series[0]?.points.length).toBe(MAX_POINTS);
  });
});
