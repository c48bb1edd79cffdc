import { describe, expect, it } from 'vitest';
import { MAX_TOTAL_POINTS, queryTelemetry } from '../../../../demo-fleet/telemetry/query.ts';
import { regionSim, T0 } from '../../demo-fleet/helpers/region-sim.ts';

/* The demo fleet's `GET /v1/telemetry` without `component` (the native source's one-query-per-signal form). */

const HOUR = 3_600_000;
const range = { from: new Date(T0 - HOUR).toISOString(), to: new Date(T0).toISOString() };

describe('queryTelemetry without a component', () => {
  it('answers every live version of every component, in catalog then train order', () => {
    const sim = regionSim('us-east');
    const outcome = queryTelemetry(sim, 42, { signal: 'health', stepSeconds: 300, ...range });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const expected = sim.model.components.flatMap((c) => [...sim.model.instances.versionsOf(c.id).keys()].map((v) => `${c.id}@${v}`));
    expect(outcome.body.series.map((s) => `${s.component}@${s.version}`).sort()).toEqual(expected.sort());
    // The same numbers as asking per component.
    const one = outcome.body.series.find((s) => s.component === 'search')!;
    const narrowed = queryTelemetry(sim, 42, { component: 'search', version: one.version, signal: 'health', stepSeconds: 300, ...range });
    expect(narrowed.ok && narrowed.body.series[0]).toEqual(one);
  });

  it('refuses a version without a component, and more points in all than the cap', () => {
    const sim = regionSim('us-east');
    expect(queryTelemetry(sim, 42, { signal: 'health', version: 'x', stepSeconds: 300, ...range })).toMatchObject({ ok: false, status: 400, code: 'invalid_query' });
    const all = queryTelemetry(sim, 42, { signal: 'health', stepSeconds: 60, ...range });
    const series = all.ok ? all.body.series.length : 0;
    const capped = queryTelemetry(sim, 42, { signal: 'health', stepSeconds: 60, ...range }, series * 61 - 1);
    expect(capped).toMatchObject({ ok: false, status: 400, code: 'too_many_points', message: expect.stringMatching(new RegExp(`asks for ${series * 61} points \\(${series} series × 61\\)`)) });
    expect(queryTelemetry(sim, 42, { signal: 'health', stepSeconds: 60, ...range }, series * 61).ok).toBe(true);
    expect(MAX_TOTAL_POINTS).toBe(2_000_000);
  });
});
