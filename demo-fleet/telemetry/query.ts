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

export function queryTelemetry(sim: RegionSim, seed: number, q: TelemetryQuery): TelemetryOutcome {
  const model = sim.model;
  if (!model.hasComponent(q.component)) return { ok: false, status: 404, code: 'unknown_component', message: `no component ${q.component} in ${model.region.id}` };
  const fromMs = Date.parse(q.from);
  const toMs = Date.parse(q.to);
  if (toMs < fromMs) return { ok: false, status: 400, code: 'invalid_range', message: '`to` is before `from`' };
  const { first, count } = pointTimes(fromMs, toMs, q.stepSeconds);
  if (count > MAX_POINTS) {
    return { ok: false, status: 400, code: 'too_many_points', message: `the query asks for ${count} points per series; at most ${MAX_POINTS}` };
  }
  const live = model.instances.versionsOf(q.component);
  let versions: string[];
  if (q.version !== undefined) {
    if (model.trainOf(q.component, q.version) === undefined) {
      return { ok: false, status: 404, code: 'unknown_version', message: `${q.component} has no version ${q.version}` };
    }
    versions = [q.version];
  } else {
    versions = [...live.keys()].sort((a, b) => (model.trainOf(q.component, a) ?? 0) - (model.trainOf(q.component, b) ?? 0) || a.localeCompare(b));
  }
  const spec = componentSpec(q.component);
  const series: Series[] = versions.map((version) => {
    const ctx = seriesContext({
      seed,
      regionId: model.region.id,
      timezone: model.region.timezone,
      component: spec,
      version,
      instances: live.get(version) ?? 0,
      incident: sim.incidents.find((i) => i.component === q.component && i.version === version) ?? null,
    });
    const points: Array<[number, number]> = new Array(count);
    for (let i = 0; i < count; i++) {
      const t = first + i * q.stepSeconds;
      points[i] = [t, round(signalValue(ctx, q.signal, t * 1000))];
    }
    return { component: q.component, version, signal: q.signal, unit: SIGNAL_UNITS[q.signal], points };
  });
  return { ok: true, body: { region: model.region.id, series } };
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}
