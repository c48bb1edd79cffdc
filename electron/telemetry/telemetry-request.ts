import type { TelemetryRequest } from '../common/telemetry-source.ts';

/** Points per series both sources accept (Prometheus's own resolution limit; the native protocol's too). */
export const MAX_POINTS_PER_SERIES = 11_000;

/** Points per series a request asks for: multiples of the step within [from, to]. */
export function pointsPerSeries(request: Pick<TelemetryRequest, 'from' | 'to' | 'stepSeconds'>): number {
  return Math.floor((request.to - request.from) / request.stepSeconds) + 1;
}

/** Why a request cannot be sent as it is, or null. Checked before any request goes out. */
export function checkRequest(request: TelemetryRequest): string | null {
  const { from, to, stepSeconds } = request;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'from and to must be unix seconds';
  if (to < from) return '`to` is before `from`';
  if (!Number.isInteger(stepSeconds) || stepSeconds < 1 || stepSeconds > 86_400) return `stepSeconds must be a whole number from 1 to 86400, got ${stepSeconds}`;
  const points = pointsPerSeries(request);
  if (points > MAX_POINTS_PER_SERIES) {
    return `the range asks for ${points} points per series; at most ${MAX_POINTS_PER_SERIES} (choose a larger step: at least ${Math.ceil((to - from) / (MAX_POINTS_PER_SERIES - 1))} s)`;
  }
  return null;
}
