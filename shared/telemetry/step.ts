const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

/** The steps a chart may use, in seconds; past a day, whole days. */
export const NICE_STEPS: readonly number[] = [
  1, 2, 5, 10, 15, 30,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY,
];

/** Prometheus refuses a range query of more than 11,000 points per series. */
export const PROMETHEUS_MAX_POINTS = 11_000;

export interface StepOptions {
  /** Never below this (the scrape interval), seconds. Default 1. */
  minStep?: number;
  /** Most points per series. Default 11,000. */
  maxPoints?: number;
}

/** Points a range query returns per series: both ends included. */
export function pointsFor(rangeSeconds: number, stepSeconds: number): number {
  return Math.floor(Math.max(0, rangeSeconds) / stepSeconds) + 1;
}

/**
 * The smallest nice step (1 s … 30 s, 1 min … 30 min, 1 h … 12 h, 1 d, then whole days) of at least
 * `minStep` that gives at most 2 points per pixel of `widthPx` and at most `maxPoints`.
 */
export function chooseStep(rangeSeconds: number, widthPx: number, options: StepOptions = {}): number {
  const { minStep = 1, maxPoints = PROMETHEUS_MAX_POINTS } = options;
  if (!Number.isFinite(rangeSeconds)) throw new RangeError(`chooseStep: range ${rangeSeconds} s is not finite`);
  if (!(widthPx >= 1) || !Number.isFinite(widthPx)) throw new RangeError(`chooseStep: width ${widthPx} px is not at least 1`);
  if (!(minStep > 0) || !Number.isFinite(minStep)) throw new RangeError(`chooseStep: minStep ${minStep} s is not positive`);
  if (!(maxPoints >= 2) || !Number.isFinite(maxPoints)) throw new RangeError(`chooseStep: maxPoints ${maxPoints} is below 2`);
  const limit = Math.floor(Math.min(2 * widthPx, maxPoints));
  for (const step of NICE_STEPS) {
    if (step >= minStep && pointsFor(rangeSeconds, step) <= limit) return step;
  }
  // Whole days: the fewest that fit (floor(range / step) < limit needs step > range / limit), and no fewer than minStep asks for.
  const days = Math.max(Math.ceil(minStep / DAY), Math.floor(Math.max(0, rangeSeconds) / limit / DAY), 1);
  // days + 1 always fits in exact arithmetic; the bound keeps an absurd range from looping.
  for (let d = days; d < days + 3; d++) if (pointsFor(rangeSeconds, d * DAY) <= limit) return d * DAY;
  return (days + 3) * DAY;
}
