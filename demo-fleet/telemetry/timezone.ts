const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** Offset of `timezone` from UTC in ms at `utcMs`; memoized per hour (offsets change on the hour). */
export function utcOffsetMs(timezone: string, utcMs: number): number {
  const hourStart = Math.floor(utcMs / HOUR) * HOUR;
  const key = `${timezone}|${hourStart}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(hourStart)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  const offset = asUtc - hourStart;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** Local wall time of `utcMs` in `timezone`: fractional hour of day and day of week (0 = Sunday). */
export function localTime(timezone: string, utcMs: number): { hour: number; weekday: number } {
  const local = new Date(utcMs + utcOffsetMs(timezone, utcMs));
  return { hour: local.getUTCHours() + local.getUTCMinutes() / 60, weekday: local.getUTCDay() };
}
