/**
 * SLO multi-window, multi-burn-rate alerting (Google SRE workbook, "Alerting on SLOs"): an alert
 * fires when the error budget burns faster than `factor` over both a long and a short window —
 * the long window proves it matters, the short one that it is still happening.
 */
export interface BurnWindow {
  longSeconds: number;
  shortSeconds: number;
  factor: number;
  severity: 'critical' | 'warning';
}

/** The workbook's recommended pairs for a 30-day budget: 2 % in 1 h, 5 % in 6 h. */
export const DEFAULT_BURN_WINDOWS: readonly BurnWindow[] = [
  { longSeconds: 3_600, shortSeconds: 300, factor: 14.4, severity: 'critical' },
  { longSeconds: 21_600, shortSeconds: 1_800, factor: 6, severity: 'warning' },
];

/** Requests and error ratio of one version at one step: [unix seconds, value]. */
export interface TrafficSeries {
  requestRate: ReadonlyArray<readonly [number, number]>;
  errorRate: ReadonlyArray<readonly [number, number]>;
}

/**
 * The component's error ratio over [nowSec − seconds, nowSec], weighted by each version's request
 * rate at each step; null when no request was seen in the window.
 */
export function errorRatioOver(series: readonly TrafficSeries[], nowSec: number, seconds: number): number | null {
  const from = nowSec - seconds;
  let requests = 0;
  let errors = 0;
  for (const s of series) {
    const errorAt = new Map<number, number>();
    for (const [t, v] of s.errorRate) if (t >= from && t <= nowSec && Number.isFinite(v)) errorAt.set(t, v);
    for (const [t, rate] of s.requestRate) {
      if (t < from || t > nowSec || !Number.isFinite(rate) || rate <= 0) continue;
      const ratio = errorAt.get(t);
      if (ratio === undefined) continue;
      requests += rate;
      errors += rate * ratio;
    }
  }
  return requests > 0 ? errors / requests : null;
}

export interface BurnFinding {
  window: BurnWindow;
  longBurn: number;
  shortBurn: number;
}

/** The most severe window pair burning faster than its factor, or null. `objective` e.g. 0.999. */
export function burnRateAlert(series: readonly TrafficSeries[], nowSec: number, objective: number, windows: readonly BurnWindow[] = DEFAULT_BURN_WINDOWS): BurnFinding | null {
  const budget = 1 - objective;
  if (!(budget > 0)) throw new Error(`SLO objective must be below 1, got ${objective}`);
  for (const window of windows) {
    const long = errorRatioOver(series, nowSec, window.longSeconds);
    const short = errorRatioOver(series, nowSec, window.shortSeconds);
    if (long === null || short === null) continue;
    const longBurn = long / budget;
    const shortBurn = short / budget;
    if (longBurn > window.factor && shortBurn > window.factor) return { window, longBurn, shortBurn };
  }
  return null;
}
