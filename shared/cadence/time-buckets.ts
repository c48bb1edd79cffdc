export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the week containing `ms`. */
export function weekStartUtc(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  const sinceMonday = (((day + 3) % 7) + 7) % 7;
  return (day - sinceMonday) * DAY_MS;
}

export interface Period {
  fromMs: number;
  toMs: number;
}

/** The `weeks` complete UTC weeks (Monday to Monday) before the week containing `nowMs`. */
export function completeWeeksBefore(nowMs: number, weeks: number): Period {
  const toMs = weekStartUtc(nowMs);
  return { fromMs: toMs - weeks * WEEK_MS, toMs };
}

export type BucketSize = 'week' | 'month';

/** The period cut in UTC weeks, or in calendar months clipped to the period, oldest first. */
export function buckets(period: Period, size: BucketSize): Period[] {
  const out: Period[] = [];
  if (size === 'week') {
    for (let at = period.fromMs; at < period.toMs; at += WEEK_MS) out.push({ fromMs: at, toMs: Math.min(at + WEEK_MS, period.toMs) });
    return out;
  }
  let at = period.fromMs;
  while (at < period.toMs) {
    const d = new Date(at);
    const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    out.push({ fromMs: at, toMs: Math.min(next, period.toMs) });
    at = next;
  }
  return out;
}

export function within(ms: number, p: Period): boolean {
  return ms >= p.fromMs && ms < p.toMs;
}
