const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration a board reads at a glance: "42 min", "5.3 h", "8.2 d"; "—" for no sample. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${(ms / HOUR).toFixed(1)} h`;
  return `${(ms / DAY).toFixed(1)} d`;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`;
}

/** The UTC date of an ISO time: `2026-11-23`. */
export function utcDate(iso: string): string {
  return iso.slice(0, 10);
}

/** A time-axis tick in UTC: `11-23` for weeks, `2026-11` for months. */
export function bucketTick(ms: number, bucket: 'week' | 'month'): string {
  const iso = new Date(ms).toISOString();
  return bucket === 'month' ? iso.slice(0, 7) : iso.slice(5, 10);
}

export const HOURS = HOUR;
export const DAYS = DAY;
