import { z } from 'zod';
import { Id, IsoTime } from './fleet.ts';

export const Signal = z.enum(['request_rate', 'error_rate', 'latency_p50', 'latency_p95', 'latency_p99', 'health']);
export type Signal = z.infer<typeof Signal>;

export const SIGNAL_UNITS: Record<Signal, string> = {
  request_rate: 'req/s',
  error_rate: 'ratio',
  latency_p50: 's',
  latency_p95: 's',
  latency_p99: 's',
  health: 'ratio',
};

/**
 * GET /v1/telemetry?signal=&from=&to=&stepSeconds=[&component=][&version=]. Without `component`: every
 * live version of every component of the region. `version` narrows a `component` and needs it
 * (`400 invalid_query` otherwise).
 */
export const TelemetryQuery = z.object({
  component: Id.optional(),
  signal: Signal,
  version: z.string().min(1).optional(),
  from: IsoTime,
  to: IsoTime,
  stepSeconds: z.number().int().min(1).max(86_400),
});
export type TelemetryQuery = z.infer<typeof TelemetryQuery>;

export const Series = z.object({
  component: Id,
  version: z.string().min(1),
  signal: Signal,
  unit: z.string(),
  /** [unix seconds, value] */
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type Series = z.infer<typeof Series>;

export const TelemetryResponse = z.object({
  region: Id,
  series: z.array(Series),
});
export type TelemetryResponse = z.infer<typeof TelemetryResponse>;

/** Where a point is not [finite number, finite number]: its index, and the element's when the pair itself is one. */
function badPoint(points: readonly unknown[]): { path: number[]; message: string } | null {
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!Array.isArray(p) || p.length !== 2) return { path: [i], message: `expected [unix seconds, value], got ${JSON.stringify(p)?.slice(0, 80)}` };
    for (let j = 0; j < 2; j++) if (!Number.isFinite(p[j])) return { path: [i, j], message: `expected a finite number, got ${JSON.stringify(p[j])?.slice(0, 40)}` };
  }
  return null;
}

/**
 * [unix seconds, value] pairs checked in place: the same verdicts as `z.array(z.tuple([z.number(),
 * z.number()]))`, the first bad one named by its path, no pair rebuilt. Also what the contract's
 * answers carry: the renderer's zod runs without its JIT (the CSP forbids eval), where the tuples
 * of one 24 h chart cost 15–70 ms.
 */
export const TimePoints = z.custom<Array<[number, number]>>((v) => Array.isArray(v), { message: 'expected an array of [unix seconds, value] pairs' }).superRefine((points, ctx) => {
  const bad = badPoint(points);
  if (bad) ctx.addIssue({ code: 'custom', path: bad.path, message: bad.message });
});

/**
 * `TelemetryResponse` as the console validates it: the same answers accepted and refused, but the
 * points are checked where `JSON.parse` put them. Parsing `z.tuple` builds every pair anew with its
 * item results (~400 bytes of garbage a point; a 6-hour answer has ~60,000 points, and they live
 * long enough to reach the old generation). The documented schema (OpenAPI) stays `TelemetryResponse`;
 * a test holds the two to the same verdicts.
 */
export const CheckedTelemetryResponse = TelemetryResponse.extend({
  series: z.array(Series.extend({ points: TimePoints })),
});

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  region: Id,
  time: IsoTime,
  revision: z.number().int(),
});
export type Health = z.infer<typeof Health>;
