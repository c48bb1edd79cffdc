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

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  region: Id,
  time: IsoTime,
  revision: z.number().int(),
});
export type Health = z.infer<typeof Health>;
