import { z } from 'zod';
import { SIGNAL_UNITS, TelemetryQuery, type Series, type TelemetryResponse } from '../../shared/protocol/index.ts';
import { componentSpec } from '../model/catalog.ts';
import type { RegionSim } from '../sim/region-sim.ts';
import { seriesContext, signalValue } from './signals.ts';

export const MAX_POINTS = 11_000;

/** Query-string form of `TelemetryQuery`: `stepSeconds` arrives as text. */
export const TelemetryParams = TelemetryQuery.extend({ stepSeconds: z.coerce.number().int().min(1).max(86_400) });

export type TelemetryOutcome =
  | { ok: true; body: TelemetryResponse }
  | { ok: false; status: 400 | 404; code: string; message: string };

/** Timestamps (unix s) of the points: multiples of the step within [from, to]. */
export function pointTimes(fromMs: number, toMs: number, stepSeconds: number): { first: number; count: number } {
  const first = Math.ceil(fromMs / 1000 / stepSeconds) * stepSeconds;
  const last = Math.floor(toMs / 1000);
  const count = last < first ? 0 : Math.floor((last - first) / stepSeconds) + 1;
  return { first, count };
}

/** Series × points of one answer: past this the whole query is refused (`too_many_points`). */
export const MAX_TOTAL_POINTS = 2_000_000;

type Outcome<T> = { ok: true; value: T } | Extract<TelemetryOutcome, { ok: false }>;

/** The (component, version) pairs a query covers, in catalog then train order. */
function seriesKeys(sim: RegionSim, q: TelemetryQuery): Outcome<Array<{ component: string; version: string }>> {
  const model = sim.model;
  const byTrain = (component: string) => (a: string, b: string) => (model.trainOf(component, a) ?? 0) - (model.trainOf(component, b) ?? 0) || a.localeCompare(b);
  if (q.component === undefined) {
    if (q.version !== undefined) return { ok: false, status: 400, code: 'invalid_query', message: 'invalid telemetry query: version: `version` needs `component`' };
    const keys = model.components.flatMap((c) => [...model.instances.versionsOf(c.id).keys()].sort(byTrain(c.id)).map((version) => ({ component: c.id, version })));
    return { ok: true, value: keys };
  }
  const component = q.component;
  if (!model.hasComponent(component)) return { ok: false, status: 404, code: 'unknown_component', message: `no component ${component} in ${model.region.id}` };
  if (q.version !== undefined) {
    if (model.trainOf(component, q.version) === undefined) return { ok: false, status: 404, code: 'unknown_version', message: `${component} has no version ${q.version}` };
    return { ok: true, value: [{ component, version: q.version }] };
  }
  return { ok: true, value: [...model.instances.versionsOf(component).keys()].sort(byTrain(component)).map((version) => ({ component, version })) };
}

export function queryTelemetry(sim: RegionSim, seed: number, q: TelemetryQuery, maxTotalPoints = MAX_TOTAL_POINTS): TelemetryOutcome {
  const model = sim.model;
  const keys = seriesKeys(sim, q);
  if (!keys.ok) return keys;
  const fromMs = Date.parse(q.from);
  const toMs = Date.parse(q.to);
  if (toMs < fromMs) return { ok: false, status: 400, code: 'invalid_range', message: '`to` is before `from`' };
  const { first, count } = pointTimes(fromMs, toMs, q.stepSeconds);
  if (count > MAX_POINTS) {
    return { ok: false, status: 400, code: 'too_many_points', message: `the query asks for ${count} points per series; at most ${MAX_POINTS}` };
  }
  if (count * keys.value.length > maxTotalPoints) {
    return {
      ok: false,
      status: 400,
      code: 'too_many_points',
      message: `the query asks for ${count * keys.value.length} points (${keys.value.length} series × ${count}); at most ${maxTotalPoints} in all — narrow it to a component or raise the step`,
    };
  }
  const series: Series[] = keys.value.map(({ component, version }) => {
    const ctx = seriesContext({
      seed,
      regionId: model.region.id,
      timezone: model.region.timezone,
      component: componentSpec(component),
      version,
      instances: model.instances.versionsOf(component).get(version) ?? 0,
      incident: sim.incidents.find((i) => i.component === component && i.version === version) ?? null,
    });
    const points: Array<[number, number]> = new Array(count);
    for (let i = 0; i < count; i++) {
      const t = first + i * q.stepSeconds;
      points[i] = [t, round(signalValue(ctx, q.signal, t * 1000))];
    }
    return { component, version, signal: q.signal, unit: SIGNAL_UNITS[q.signal], points };
  });
  return { ok: true, body: { region: model.region.id, series } };
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}
